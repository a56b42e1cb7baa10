"""The data set of `make bench-api`: a newsroom's worth of articles, claims, sources and fact-checks.

5,000 articles, 100,000 claims, 20,000 sources (each with an archived snapshot), 100,000 evidence
links (the quote found in the snapshot), 50,000 verdicts each citing its claim's evidence, and
7,142 published fact-checks (one verdict in seven: 7 % of the claims) with their workflow events.
Set-based INSERT ... SELECT generate_series for the bulk (seconds, not minutes). The publications
are frozen by publishing.freeze.draft_publication, the function claim_publish saves, so the feed
serves exactly what the publishing service would have written; only the per-row locking,
policy checks and events are skipped.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

ARTICLES = 5_000  # the data set's scale: 20 claims per article, 4 sources per article, a verdict per two claims
PUBLISH_EVERY = 7  # one verdict in seven is published

FILL_SQL = [
    "TRUNCATE publishing_correction, publishing_publication, publishing_workflowevent, publishing_verdictcitation, "
    "sources_evidence, sources_snapshot, sources_source, claims_verdict, claims_claim, claims_article "
    "RESTART IDENTITY CASCADE",
    """INSERT INTO claims_article (title, body, language, url, outlet, published_on, created_by_id, created_at,
         updated_at, extraction_status, extraction_error, extraction_error_code, extraction_error_params, extracted_at)
       SELECT 'Article ' || g, repeat('Le conseil a voté un budget de 12 millions d''euros. ', 40), 'fr',
              'https://news.example/a/' || g, 'Outlet ' || (g % 50), DATE '2025-01-01' + (g % 365), %(user)s,
              now() - (g || ' minutes')::interval, now(), 'ready', '', '', '{}', now()
       FROM generate_series(1, %(articles)s) g""",
    # Even claims get a verdict below: they are in review or further; odd ones are new or in review.
    """INSERT INTO claims_claim (article_id, text, start, "end", "order", score, checkworthy, kind, reasons, facts,
         needs_context, context, status, assignee_id, version, created_at, updated_at, spans, sentence_start,
         sentence_end, flag_reason, withdrawal_note)
       SELECT 1 + (g - 1) / 20, 'Claim number ' || g || ': the budget rose by ' || (g % 97) || ' percent.',
              ((g - 1) % 20) * 60, ((g - 1) % 20) * 60 + 50, (g - 1) % 20, (g % 100) / 100.0, g % 5 <> 0,
              (ARRAY['quantity','event','attribution','plan','comparison','other'])[1 + g % 6],
              '[{"code": "figures", "params": {"figures": ["12"]}}]'::jsonb, '{"numbers": ["12"]}'::jsonb, false, '',
              CASE WHEN g % 2 = 0 THEN (ARRAY['in_review','needs_second_review','ready'])[1 + (g / 2) % 3]
                   ELSE (ARRAY['new','in_review'])[1 + (g / 2) % 2] END,
              CASE WHEN g % 3 = 0 THEN %(user)s END, 1, now(), now(),
              jsonb_build_array(jsonb_build_array(((g - 1) % 20) * 60, ((g - 1) % 20) * 60 + 50)),
              ((g - 1) % 20) * 60, ((g - 1) % 20) * 60 + 50, '', ''
       FROM generate_series(1, %(claims)s) g""",
    """INSERT INTO sources_source (url, canonical_url, domain, title, page_canonical_url, created_by_id, created_at)
       SELECT 'https://src' || (g % 400) || '.example/p/' || g, 'https://src' || (g % 400) || '.example/p/' || g,
              'src' || (g % 400) || '.example', 'Source ' || g, '', %(user)s, now()
       FROM generate_series(1, %(sources)s) g""",
    """INSERT INTO sources_snapshot (source_id, status, attempts, requested_at, fetched_at, http_status, final_url,
         redirect_chain, response_headers, content_type, sha256, warc_sha256, warc_file, size, title, author,
         language, extracted_text, robots_decision, timings, error_message, extraction_error, error_code,
         error_params, extraction_error_code, extraction_error_params)
       SELECT g, 'archived', 1, now(), now(), 200, '', '[]', '[]', 'text/html', md5(g::text) || md5(g::text),
              '', '', 1000, 'Source ' || g, '', 'fr', 'Text of source ' || g, '', '{}', '', '', '', '{}', '', '{}'
       FROM generate_series(1, %(sources)s) g""",
    # Snapshot n belongs to source n: the quote was found in the source's capture.
    """INSERT INTO sources_evidence (claim_id, source_id, stance, quote, note, added_by_id, added_at, updated_at,
         anchor_status, anchor_snapshot_id, selectors, suggestions)
       SELECT g, 1 + g % %(sources)s, (ARRAY['supports','contradicts','context'])[1 + g % 3], 'quoted passage', '',
              %(user)s, now(), now(), 'found', 1 + g % %(sources)s, '[]', '[]'
       FROM generate_series(1, %(claims)s) g""",
    """INSERT INTO claims_verdict (claim_id, rating_id, summary, reviewer_id, created_at, updated_at)
       SELECT g * 2, (SELECT id FROM claims_rating ORDER BY value LIMIT 1 OFFSET g % 6), 'Explained.', %(user)s,
              now(), now()
       FROM generate_series(1, %(verdicts)s) g""",
    # A verdict cites at least one evidence item of its claim (verdict_record refuses one that cites none).
    """INSERT INTO publishing_verdictcitation (verdict_id, evidence_id)
       SELECT v.id, e.id FROM claims_verdict v JOIN sources_evidence e ON e.claim_id = v.claim_id""",
    # Published claims went verdict → submitted → approved (by the editor) → published: four version bumps.
    """UPDATE claims_claim SET status = 'published', version = 5
       WHERE id IN (SELECT claim_id FROM claims_verdict WHERE id % %(every)s = 0)""",
    """INSERT INTO publishing_workflowevent (claim_id, verdict_id, action, actor_id, comment, failed_checks,
         created_at)
       SELECT v.id * 2, v.id, 'verdict', %(user)s, '', '[]'::jsonb, now() FROM claims_verdict v""",
    """INSERT INTO publishing_workflowevent (claim_id, verdict_id, action, actor_id, comment, failed_checks,
         created_at)
       SELECT v.claim_id, v.id, a.action, CASE WHEN a.step = 1 THEN %(user)s ELSE %(editor)s END, '', '[]'::jsonb,
              now() + (a.step || ' seconds')::interval
       FROM claims_verdict v CROSS JOIN (VALUES ('submitted', 1), ('approved', 2), ('published', 3)) a(action, step)
       WHERE v.id % %(every)s = 0""",
]


def _users() -> tuple[Any, Any]:
    from django.contrib.auth.models import Group, User

    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    editor, _ = User.objects.get_or_create(username="bench-editor")
    editor.groups.add(Group.objects.get(name="editor"))
    return reviewer, editor


def _publish(editor: Any) -> int:
    """Freeze the published claims' verdicts as claim_publish does, newest first a minute apart."""
    from django.utils import timezone

    from claims.models import Verdict
    from publishing.freeze import draft_publication
    from publishing.models import Publication

    now = timezone.now()
    verdicts = (
        Verdict.objects.filter(claim__status="published")
        .select_related("claim__article", "rating__scale")
        .order_by("id")
    )
    batch: list[Publication] = []
    total = 0
    for i, verdict in enumerate(verdicts.iterator(chunk_size=1000)):
        publication = draft_publication(claim=verdict.claim, verdict=verdict, published_at=now - timedelta(minutes=i))
        publication.published_by = editor
        batch.append(publication)
        if len(batch) == 1000:
            total += len(Publication.objects.bulk_create(batch))
            batch = []
    total += len(Publication.objects.bulk_create(batch))
    return total


def fill(articles: int = ARTICLES, migrate: bool = True) -> str:
    """Migrate, insert the data set (``articles`` articles and what goes with them), return a reviewer's API token.

    ``tests/factcheck/test_bench_fill.py`` runs it with a handful of articles, so a table that gains a
    NOT NULL column breaks a test instead of the next ``make bench-api``.
    """
    from django.core.management import call_command
    from django.db import connection

    from accounts.services import token_create

    if migrate:
        call_command("migrate", verbosity=0)
    reviewer, editor = _users()
    t0 = time.monotonic()
    claims = articles * 20
    counts = {"articles": articles, "claims": claims, "sources": articles * 4, "verdicts": claims // 2}
    params = {"%(user)s": str(reviewer.pk), "%(editor)s": str(editor.pk), "%(every)s": str(PUBLISH_EVERY)}
    params.update({f"%({name})s": str(value) for name, value in counts.items()})
    with connection.cursor() as cursor:
        for sql in FILL_SQL:
            for key, value in params.items():
                sql = sql.replace(key, value)
            cursor.execute(sql)  # no parameters: psycopg sends the text as is (`%` is modulo)
    published = _publish(editor)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"filled {articles:,} articles, {claims:,} claims, {counts['sources']:,} sources, {claims:,} evidence, "
        f"{counts['verdicts']:,} verdicts, {published:,} published fact-checks "
        f"({published / claims:.1%} of the claims) in {time.monotonic() - t0:.1f} s"
    )
    _token, secret = token_create(user=reviewer, name="bench")
    return secret
