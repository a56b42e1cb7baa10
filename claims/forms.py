"""Forms for the reviewer pages. They validate input; the services do the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from claims.selectors import workbench_users
from factcheck.lib.forms import WorkbenchForm


class ArticleForm(WorkbenchForm):
    """Paste the text, or give the link alone and a worker fetches the page."""

    url = forms.CharField(
        label=_("Link to the article"),
        max_length=2048,
        required=False,
        help_text=_("Give the link alone to import the page, or paste the text below."),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, required=False, help_text=_("Taken from the page when you import a link.")
    )
    body = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the full text of the article."),
        strip=False,
        required=False,
    )
    language = forms.CharField(
        label=_("Language (optional)"),
        max_length=16,
        required=False,
        help_text=_("ISO code such as en or fr; detected from the text when left blank."),
    )
    outlet = forms.CharField(label=_("Outlet (optional)"), max_length=200, required=False)
    published_on = forms.DateField(
        label=_("Published on (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        body, url, title = data.get("body") or "", (data.get("url") or "").strip(), (data.get("title") or "").strip()
        if not body.strip() and not url:
            if "body" not in self.errors:
                self.add_error("body", _("The article text is empty. Paste it, or give the link to the article above."))
        elif body.strip() and not title:
            self.add_error("title", _("Give the article a title."))
        return data


class RatingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from django.utils.translation import gettext

        label, description = gettext(obj.label), gettext(obj.description) if obj.description else ""
        return f"{label} — {description}" if description else label


class ClaimStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Claim.Status.choices)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class VersionForm(WorkbenchForm):
    """Every change to an existing claim carries the version the reviewer saw."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ClaimAddForm(WorkbenchForm):
    text = forms.CharField(
        label=_("Words of the article"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Select them in the text, or paste them exactly as they appear."),
    )
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class ClaimEditForm(VersionForm):
    text = forms.CharField(label=_("Claim text"), widget=forms.Textarea(attrs={"rows": 3}))


class ClaimSplitForm(VersionForm):
    at = forms.IntegerField(label=_("Split after"), min_value=0)


class ClaimMergeForm(VersionForm):
    second = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    second_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ClaimAssignForm(VersionForm):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=workbench_users(), required=False, empty_label=_("nobody")
    )
