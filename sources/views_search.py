"""The search page: claims and articles (claims.search) and archived sources (sources.selectors), with filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from claims.models import Claim, Rating
from claims.search import SearchFilters, search_articles, search_claims
from claims.selectors import default_ratings, workbench_users
from factcheck.lib.permissions import role_required
from sources.selectors import search_sources


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any status")), *Claim.Status.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("any language")), ("fr", _("French")), ("en", _("English"))],
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), required=False, queryset=workbench_users(), empty_label=_("anyone")
    )
    verdict = forms.ModelChoiceField(
        label=_("Verdict"), required=False, queryset=Rating.objects.none(), empty_label=_("any verdict")
    )
    date_from = forms.DateField(label=_("Added from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Added until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        verdict = self.fields["verdict"]
        assert isinstance(verdict, forms.ModelChoiceField)
        verdict.queryset = default_ratings()

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            status=data.get("status") or "",
            language=data.get("language") or "",
            assignee_id=data["assignee"].pk if data.get("assignee") else None,
            rating_id=data["verdict"].pk if data.get("verdict") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


@require_GET
@role_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "searched": False, "search_query": request.GET.get("q", "")}
    if form.is_valid() and form.cleaned_data["q"].strip():
        query, filters = form.cleaned_data["q"], form.filters()
        claim_only = bool(filters.status or filters.assignee_id or filters.rating_id)
        context.update(
            searched=True,
            claims=search_claims(query=query, filters=filters),
            articles=[] if claim_only else search_articles(query=query, filters=filters),
            sources=[]
            if claim_only or filters.date_from or filters.date_to
            else search_sources(query=query, language=filters.language),
        )
    return render(request, "sources/search.html", context)
