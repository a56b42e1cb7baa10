"""Pure archiving building blocks: URL canonicalisation, WARC writing, page extraction, quote anchoring, passages.

Nothing in this package imports Django models: every function takes plain values and returns plain dataclasses, so
the tasks and services that wire them can be tested separately and these blocks stay fast and deterministic.
"""
