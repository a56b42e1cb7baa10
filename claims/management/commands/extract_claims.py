"""``python manage.py extract_claims FILE [--lang fr|en|auto] [--json]``: extract claims from a text file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import ExtractionInputError, extract


class Command(BaseCommand):
    help = "Extract check-worthy claims from a UTF-8 text file and print them (table or JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of a UTF-8 text file")
        parser.add_argument("--lang", default="auto", help="language code (fr, en, ...) or 'auto' (default)")
        parser.add_argument("--json", action="store_true", help="print a JSON array, one object per claim")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"file not found: {path}") from None
        except IsADirectoryError:
            raise CommandError(f"not a file: {path}") from None
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not valid UTF-8 (byte {exc.start}): convert it to UTF-8 first") from None
        # Offsets index the decoded text exactly (a BOM, if any, stays as U+FEFF at offset 0).
        language = None if options["lang"] in ("", "auto") else options["lang"]
        try:
            result = extract(text, language=language)
        except ExtractionInputError as exc:
            raise CommandError(f"cannot extract claims from {path}: {exc}") from None
        if options["json"]:
            self.stdout.write(json.dumps(result.to_list(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"language: {result.language}{' (detected)' if result.language_detected else ''}")
        self.stdout.write(f"{len(result.claims)} claims, {len(result.checkworthy)} check-worthy\n")
        self.stdout.write(f"{'#':>3} {'cw':2} {'score':>5} {'kind':11} {'span':>11}  text")
        for i, claim in enumerate(result.claims, 1):
            flag = "✔" if claim.checkworthy else "·"
            span = f"{claim.start}-{claim.end}" + ("*" if len(claim.span_list()) > 1 else "")
            text = claim.text if len(claim.text) <= 100 else claim.text[:97] + "..."
            self.stdout.write(f"{i:>3} {flag:2} {claim.score:5.2f} {claim.kind:11} {span:>11}  {text}")
            extras = []
            if claim.attribution:
                extras.append(f"source: {claim.attribution}")
            if claim.dates:
                extras.append("dates: " + ", ".join(d["iso"] for d in claim.dates))
            if claim.numbers:
                extras.append(
                    "numbers: "
                    + ", ".join(f"{n['value']}{' ' + n['unit'] if n['unit'] else ''}" for n in claim.numbers)
                )
            if claim.needs_context:
                extras.append(f"needs context: {claim.context[:60]}")
            if extras:
                self.stdout.write(" " * 37 + " | ".join(extras))
