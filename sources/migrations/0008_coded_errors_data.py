"""Capture and import errors stored as English text become codes with parameters (sources.problems puts them
into words); text this migration does not recognise stays as it is and is shown verbatim. On SQLite the snapshot
table was rebuilt for its new columns (0007), so its search triggers are made again.
"""

import importlib
import re

from django.db import migrations

_merge = importlib.import_module("claims.migrations.0006_merge_moderation_and_ui")

_HOST = r"\[?(?P<host>[^\s\]]+?)\]?"
_PATTERNS = [
    (r"HTTP (?P<status>\d+): the page is gone or does not exist", "http_gone"),
    (r"HTTP (?P<status>\d+): retrying (?:after the server's Retry-After|with backoff)", "http_busy"),
    (r"HTTP (?P<status>\d+): server error, retrying with backoff", "http_server_error"),
    (r"HTTP (?P<status>\d+)", "http_error"),
    (r"Archiving took longer than (?P<seconds>\d+) seconds and was stopped\. .*", "archive_timed_out"),
    (r"The worker stopped while archiving this page on every attempt .*", "worker_died"),
    (r"The worker stopped \(killed or over its time limit\) while archiving; trying again\.", "worker_stopped"),
    (r"The site's robots\.txt does not allow archiving .*", "robots_disallowed"),
    (r"Unexpected error \((?P<error>\w+): .*\)", "unexpected_error"),
    (r"gave up after the total deadline of (?P<seconds>[\d.]+) s", "deadline"),
    (rf"{_HOST} sent nothing for (?P<seconds>[\d.]+) s \(read timeout\)", "read_timeout"),
    (rf"could not resolve {_HOST}: .*", "dns_failure"),
    (rf"{_HOST} did not resolve to any address", "dns_failure"),
    (rf"connecting to {_HOST}(?: \(.*\))? timed out", "connect_timeout"),
    (rf"could not connect to {_HOST}(?: \(.*\))?: .*", "connect_failed"),
    (rf"TLS handshake with {_HOST} \(.*\) failed: .*", "tls_error"),
    (rf"connection to {_HOST} \(.*\) failed during the exchange: .*", "protocol_error"),
    (r"Content-Length \d+ exceeds the (?P<limit>\d+)-byte cap; not downloading", "too_large"),
    (r"(?:raw )?body exceeds the (?P<limit>\d+)-byte cap.*", "too_large"),
    (r"redirect loop: .*", "redirect_loop"),
    (r"more than (?P<limit>\d+) redirects starting at .*", "too_many_redirects"),
    (r"redirect (?:from .* )?to .* refused: .*", "redirect_refused"),
    (rf"{_HOST} is busy: .*", "host_busy"),
    (rf"{_HOST} resolves to .*, which is not public .*", "non_public_address"),
    (r"body could not be decoded as .*", "bad_content_encoding"),
    (r"port (?P<port>\d+) is not allowed .*", "url_port"),
]
_COMPILED = [(re.compile(p, re.S), code) for p, code in _PATTERNS]
_GAVE_UP = re.compile(r"Gave up after (\d+) attempts\. Last error: (.*)", re.S)
_ATTEMPT = re.compile(r"Attempt (\d+) failed: (.*)", re.S)


def _params(match):
    params = {}
    for key, value in match.groupdict().items():
        params[key] = int(value) if value.isdigit() else float(value) if key == "seconds" else value
    return params


def snapshot_code(text):
    """(code, params) for one English capture error, or ("", {}) when it is not one the workers wrote."""
    wrapper = {}
    if m := _GAVE_UP.fullmatch(text):
        wrapper, text = {"gave_up_after": int(m.group(1))}, m.group(2)
    elif m := _ATTEMPT.fullmatch(text):
        wrapper, text = {"attempt": int(m.group(1))}, m.group(2)
    for pattern, code in _COMPILED:
        if m := pattern.fullmatch(text):
            return code, {**_params(m), **wrapper}
    return "", {}


_IMPORT_FETCH = re.compile(r"(?:The page could not be imported|La page n’a pas pu être importée) ?: .*", re.S)
_IMPORT_NO_TEXT = {
    "No article text was found on this page; paste the text instead.",
    "Aucun texte d’article n’a été trouvé sur cette page ; collez plutôt le texte.",
}


def forward(apps, schema_editor):
    _merge.remake_triggers(schema_editor, {"sources_snapshot": ["title", "extracted_text"]})
    Snapshot = apps.get_model("sources", "Snapshot")
    for snap in Snapshot.objects.exclude(error_message="").filter(error_code="").only("pk", "error_message"):
        code, params = snapshot_code(snap.error_message)
        if code:
            Snapshot.objects.filter(pk=snap.pk).update(error_code=code, error_params=params)
    ArticleImport = apps.get_model("sources", "ArticleImport")
    for job in ArticleImport.objects.exclude(error_message="").filter(error_code="").select_related("snapshot"):
        if job.error_message in _IMPORT_NO_TEXT:
            job.error_code, job.error_params = "import_no_text", {}
        elif _IMPORT_FETCH.fullmatch(job.error_message) and job.snapshot is not None:
            job.error_code = "import_fetch_failed"
            job.error_params = {
                "snapshot_code": job.snapshot.error_code,
                "snapshot_params": job.snapshot.error_params,
                "snapshot_message": job.snapshot.error_message,
            }
        else:
            continue
        ArticleImport.objects.filter(pk=job.pk).update(error_code=job.error_code, error_params=job.error_params)


def backward(apps, schema_editor):
    _merge.remake_triggers(schema_editor, {"sources_snapshot": ["title", "extracted_text"]})


class Migration(migrations.Migration):
    dependencies = [("sources", "0007_coded_errors")]
    operations = [migrations.RunPython(forward, backward)]
