"""Text extraction errors stored as English text become codes with parameters (sources.problems puts them into
words); text this migration does not recognise stays as it is and is shown verbatim."""

import re

from django.db import migrations

_PATTERNS = [
    (r"extraction timed out after (?P<seconds>\d+(?:\.\d+)?)s", "text_timed_out"),
    (r"page too deeply nested to extract \(more than (?P<levels>\d+) levels\)", "text_too_deep"),
    (r"page too deeply nested to extract", "text_recursion"),
    (r"extraction failed: (?P<error>\w+)", "text_parser_failed"),
    (r"page too large to extract \((?P<size>\d+) bytes\)", "text_too_large"),
    (r"Text extraction failed: .*", "text_failed"),
    (
        r"No text extracted: the response is (?P<type>\S+) \(served as (?P<served_as>.*)\); "
        r"its bytes are in the archive\.",
        "not_text",
    ),
]
_COMPILED = [(re.compile(p, re.S), code) for p, code in _PATTERNS]
_NUMBERS = {"seconds", "levels", "size"}


def _number(value):
    return int(value) if value.isdigit() else float(value)


def extraction_code(text):
    """(code, params) for one English text extraction error, or ("", {}) when it is not one the workers wrote."""
    for pattern, code in _COMPILED:
        if m := pattern.fullmatch(text):
            params = {key: _number(value) if key in _NUMBERS else value for key, value in m.groupdict().items()}
            if params.get("served_as") == "no content type":
                params["served_as"] = ""
            return code, params
    return "", {}


def forward(apps, schema_editor):
    Snapshot = apps.get_model("sources", "Snapshot")
    rows = Snapshot.objects.exclude(extraction_error="").filter(extraction_error_code="")
    for pk, text in rows.values_list("pk", "extraction_error").iterator():
        code, params = extraction_code(text)
        if code:
            Snapshot.objects.filter(pk=pk).update(extraction_error_code=code, extraction_error_params=params)


class Migration(migrations.Migration):
    dependencies = [("sources", "0010_extraction_error_codes")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
