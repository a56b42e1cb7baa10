"""Reasons and extraction errors stored as English text become codes with parameters (claims.labels puts them
into words). Text this migration does not recognise is kept as it is and shown verbatim. On SQLite the article
table was rebuilt for its new columns (0010), so its search triggers are made again.
"""

import importlib
import re

from django.db import migrations

_merge = importlib.import_module("claims.migrations.0006_merge_moderation_and_ui")

_FIXED = {
    "adds a fact about a named subject": "adds_fact",
    "announces a plan or future event": "plan",
    "makes a comparison or states a change": "comparison",
    "too short to be a claim": "too_short",
    "states a verifiable fact": "verifiable",
    "kept: news statements with such facts are usually worth checking": "kept_news_facts",
    "a date or time stamp, not a claim": "stamp",
    "site boilerplate (navigation, sharing, subscription)": "boilerplate",
    "a question, not a statement": "question",
    "a bibliographic reference, not a claim": "bibliography",
    "a call to action": "call_to_action",
    "opinion without verifiable content": "opinion",
    "personal statement without verifiable content": "personal",
    "below the threshold": "below_threshold",
    "no verifiable figure, date or named entity": "no_facts",
    "an interviewer's question, not a claim": "interviewer_question",
    "continues the preceding clause; read with its context": "continues_clause",
}
_LISTS = [
    (re.compile(r"contains figures \((.+)\)"), "figures"),
    (re.compile(r"contains a date \((.+)\)"), "dates"),
    (re.compile(r"names (.+)"), "names"),
]
_LEARNED = re.compile(r"learned score ([\d.]+) \(threshold ([\d.]+)\)(?:: weighed by (.+))?")
_SINGLE = [
    (re.compile(r"attributed to (.+)"), "attributed", "speaker"),
    (re.compile(r"'(.+)' refers to something outside the claim"), "refers_outside", "ref"),
    (re.compile(r"speaker '(.+)' is named elsewhere"), "speaker_elsewhere", "speaker"),
]


def reason_code(text):
    """The coded form of one English reason, or the text itself when it is not one the extractor wrote."""
    if not isinstance(text, str):
        return text
    if text in _FIXED:
        return {"code": _FIXED[text], "params": {}}
    for pattern, code in _LISTS:
        if m := pattern.fullmatch(text):
            return {"code": code, "params": {code: m.group(1).split(", ")}}
    if m := _LEARNED.fullmatch(text):
        terms = re.findall(r"'([^']*)'", m.group(3) or "")
        params = {"score": float(m.group(1)), "threshold": float(m.group(2)), "terms": terms}
        return {"code": "learned_score", "params": params}
    for pattern, code, name in _SINGLE:
        if m := pattern.fullmatch(text):
            return {"code": code, "params": {name: m.group(1)}}
    return text


_EXTRACTION = [
    (re.compile(r"(?:Claim extraction took longer than|L’extraction des affirmations a dépassé) (\d+) "), "extraction_timed_out", "seconds"),
    (re.compile(r"(?:Claim extraction failed|L’extraction des affirmations a échoué) ?: (.+)", re.S), "extraction_crashed", "error"),
]


def extraction_code(text):
    for pattern, code, name in _EXTRACTION:
        if m := pattern.match(text):
            value = m.group(1)
            return code, {name: int(value) if value.isdigit() else value}
    return "", {}


def forward(apps, schema_editor):
    _merge.remake_triggers(schema_editor, {"claims_article": ["title", "body"]})
    Claim = apps.get_model("claims", "Claim")
    for claim in Claim.objects.exclude(reasons=[]).only("pk", "reasons").iterator(chunk_size=500):
        if not isinstance(claim.reasons, list):
            continue
        coded = [reason_code(r) for r in claim.reasons]
        if coded != claim.reasons:
            Claim.objects.filter(pk=claim.pk).update(reasons=coded)
    Article = apps.get_model("claims", "Article")
    for article in Article.objects.exclude(extraction_error="").filter(extraction_error_code="").only("pk", "extraction_error"):
        code, params = extraction_code(article.extraction_error)
        if code:
            Article.objects.filter(pk=article.pk).update(extraction_error_code=code, extraction_error_params=params)


def backward(apps, schema_editor):
    _merge.remake_triggers(schema_editor, {"claims_article": ["title", "body"]})


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_coded_errors")]
    operations = [migrations.RunPython(forward, backward)]
