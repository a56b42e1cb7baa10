"""The workflow endpoints are in the OpenAPI schema, which still generates without warnings."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command


def test_every_workflow_endpoint_is_in_the_schema() -> None:
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out)
    paths = set(json.loads(out.getvalue())["paths"])
    for action in ["verdicts", "submit", "approve", "send-back", "publish", "publication-checks", "corrections"]:
        assert f"/api/v1/claims/{{claim_id}}/{action}/" in paths, action
    assert "/api/v1/claims/{claim_id}/claimreview/" in paths
    assert "/api/v1/claimreviews/" in paths
