"""Template helpers the claims pages use to show what the sources app knows about an article."""

from __future__ import annotations

from typing import Any

from django import template

from sources.models import ArticleImport

register = template.Library()


@register.simple_tag
def article_import_job(article: Any) -> ArticleImport | None:
    """The import of this article from its link, if it was imported: `{% article_import_job article as job %}`."""
    return ArticleImport.objects.filter(article=article).select_related("snapshot", "source").first()


@register.simple_tag
def evidence_editable(evidence: Any, user: Any) -> bool:
    """`{% evidence_editable item user as editable %}`: the author or an editor may edit or remove it."""
    from sources.services import may_change_evidence

    return may_change_evidence(evidence=evidence, user=user)
