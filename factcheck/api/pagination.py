"""Cursor pagination with a bounded page size: stable under inserts, constant cost at any depth."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = settings.API_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
    # Newest first by default; a view sets `cursor_ordering` (ending with a unique field) for another order.
    ordering = ("-id",)

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        return tuple(getattr(view, "cursor_ordering", self.ordering))

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound as exc:  # DRF answers 404 for a bad cursor; it is the client's input: 400
            raise ParseError(_("Invalid cursor: use the `next`/`previous` links as given.")) from exc
