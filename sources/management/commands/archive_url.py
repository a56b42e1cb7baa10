"""Archive one URL in the foreground with the same pipeline the workers run."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sources import services
from sources.models import Snapshot

FIELDS = (
    "status",
    "final_url",
    "http_status",
    "sha256",
    "warc",
    "title",
    "published",
    "language",
    "text_length",
    "error",
    "error_code",
)


def snapshot_summary(snapshot: Snapshot) -> dict[str, Any]:
    warc = ""
    if snapshot.warc_file:
        try:
            warc = snapshot.warc_file.path  # absolute path on local storage
        except NotImplementedError:
            warc = snapshot.warc_file.name or ""
    return {
        "snapshot": snapshot.pk,
        "status": snapshot.status,
        "final_url": snapshot.final_url,
        "http_status": snapshot.http_status,
        "sha256": snapshot.sha256,
        "warc": warc,
        "title": snapshot.title,
        "published": snapshot.published.isoformat() if snapshot.published else None,
        "language": snapshot.language,
        "text_length": len(snapshot.extracted_text),
        "error": snapshot.error_message or snapshot.extraction_error,
        "error_code": snapshot.error_code or snapshot.extraction_error_code,
    }


class Command(BaseCommand):
    help = "Fetch and archive URL now (WARC, text, metadata) and print what was stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of key: value lines.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            source, _created = services.source_for_url(url=options["url"])
        except ValidationError as exc:
            messages = exc.message_dict.get("url", exc.messages) if hasattr(exc, "error_dict") else exc.messages
            raise CommandError(f"URL refused: {' '.join(messages)}") from exc
        snapshot = services.snapshot_request(source=source, enqueue=False)
        done = services.snapshot_archive(snapshot_id=snapshot.pk)
        if done is None:
            raise CommandError(f"Snapshot {snapshot.pk} was taken by a worker; see it in the workbench.")
        summary = snapshot_summary(done)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            for key in FIELDS:
                value = summary[key]
                self.stdout.write(f"{key}: {'' if value is None else value}")
        if done.status != Snapshot.Status.ARCHIVED:
            raise CommandError(f"Not archived ({done.get_status_display().lower()}): {done.error_message}")
