"""Atom feeds: published fact-checks, and corrections site-wide."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publishing import selectors
from publishing.models import Correction, Publication


class FactChecksFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Fact-checks")
    subtitle = gettext_lazy("Published fact-checks, newest first.")

    def link(self) -> str:
        return reverse("publishing:factcheck_list")

    def author_name(self) -> str:
        return settings.ORGANIZATION_NAME

    def items(self) -> QuerySet[Publication]:
        return selectors.published()[:50]

    def item_title(self, item: Publication) -> str:
        title = f"{item.rating_label}: {item.claim_text[:150]}"
        return _("Withdrawn: %(title)s") % {"title": title} if item.claim.withdrawn_at else title

    def item_description(self, item: Publication) -> str:
        if item.claim.withdrawn_at:
            return _("Withdrawn: %(note)s") % {"note": item.claim.withdrawal_note}
        return item.summary

    def item_link(self, item: Publication) -> str:
        return reverse("publishing:factcheck_detail", args=[item.claim_id])

    def item_pubdate(self, item: Publication) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Publication) -> datetime:
        return max(d for d in (item.modified_at, item.claim.withdrawn_at, item.published_at) if d is not None)


class CorrectionsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Corrections")
    subtitle = gettext_lazy("Every correction to a published fact-check, newest first.")

    def link(self) -> str:
        return reverse("publishing:factcheck_list")

    def author_name(self) -> str:
        return settings.ORGANIZATION_NAME

    def items(self) -> QuerySet[Correction]:
        return selectors.corrections_public()[:50]

    def item_title(self, item: Correction) -> str:
        return _("Correction: %(claim)s") % {"claim": item.publication.claim_text[:150]}

    def item_description(self, item: Correction) -> str:
        return item.reason

    def item_link(self, item: Correction) -> str:
        return reverse("publishing:factcheck_detail", args=[item.publication.claim_id]) + f"#correction-{item.pk}"

    def item_pubdate(self, item: Correction) -> datetime:
        return item.created_at
