"""API plumbing every app shares: problem details, JSON parsing limits, pagination, throttling, idempotency."""
