"""Pre-publication checks: what an editor sees before Publish, and what publish refuses on (409)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Claim, Verdict
from factcheck.lib.errors import DomainError
from publishing import claimreview
from publishing.freeze import cited_sources, draft_publication
from sources.models import Evidence


@dataclass
class Check:
    code: str
    label: str | Promise
    passed: bool
    details: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": str(self.label), "passed": self.passed, "details": self.details}


class PublishChecksFailed(DomainError):
    def __init__(self, checks: list[Check]) -> None:
        self.checks = checks
        failed = ", ".join(str(c.label).lower() for c in checks if not c.passed)
        super().__init__(
            _(
                "The fact-check did not pass the pre-publication checks (%(failed)s); "
                "fix them or give an override reason."
            )
            % {"failed": failed}
        )


QUOTE_OK = {Evidence.AnchorStatus.FOUND, Evidence.AnchorStatus.FUZZY}


def publication_checks(*, claim: Claim, verdict: Verdict | None) -> list[Check]:
    if verdict is None:
        return [Check("verdict", gettext_lazy("A verdict to publish"), False, [_("No verdict yet.")])]
    sources = cited_sources(verdict)
    archived = Check("archived", gettext_lazy("Every cited source is archived with its SHA-256"), True)
    quotes = Check("quotes", gettext_lazy("Every cited quote was found in its archived copy"), True)
    for item in sources:
        name = item["title"] or item["url"]
        if not item["snapshot"] or len(item["sha256"]) != 64:
            archived.passed = False
            archived.details.append(_("%(source)s has no archived snapshot yet.") % {"source": name})
        if not item["quote"]:
            quotes.passed = False
            quotes.details.append(_("%(source)s is cited without a quoted passage.") % {"source": name})
        elif item["anchor_status"] not in QUOTE_OK or not item["quote_in_snapshot"]:
            quotes.passed = False
            quotes.details.append(_("The quote from %(source)s was not found in its archive.") % {"source": name})
    minimum = settings.PUBLISH_MIN_SOURCES
    domains = {item["domain"] for item in sources}
    distinct = Check(
        "sources",
        gettext_lazy("At least %(n)d cited source(s) from distinct domains") % {"n": minimum},
        len(domains) >= minimum,
        [_("%(found)d distinct domain(s) cited.") % {"found": len(domains)}],
    )
    summary = Check("summary", gettext_lazy("A summary for readers"), bool(verdict.summary.strip()))
    draft = draft_publication(claim=claim, verdict=verdict)
    rating_ok = bool(draft.rating_label) and (
        draft.rating_value < 1 or (draft.best_rating is not None and draft.best_rating > (draft.worst_rating or 0))
    )
    rating = Check("rating", gettext_lazy("The rating maps to a ClaimReview rating"), rating_ok)
    errors, warnings = claimreview.problems(claimreview.build_claimreview(draft))
    document = Check("claimreview", gettext_lazy("The ClaimReview document is valid"), not errors, errors + warnings)
    return [archived, quotes, distinct, summary, rating, document]
