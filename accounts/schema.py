"""OpenAPI description of the token scheme (drf-spectacular extension, loaded by AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <secret>` (or `Bearer <secret>`). Create tokens on your profile page, with "
                "`POST /api/v1/tokens/` or `manage.py create_api_token`. Revoked or expired tokens get 401."
            ),
        }
