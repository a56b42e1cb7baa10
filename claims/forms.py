"""Forms for the reviewer pages. They validate input; the services do the work."""

from __future__ import annotations

from typing import Any

from django import forms

from claims.models import Claim
from factcheck.lib.forms import WorkbenchForm


class ArticleForm(WorkbenchForm):
    title = forms.CharField(label="Title", max_length=500)
    body = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paste the full text of the article.",
        strip=False,
    )
    language = forms.CharField(
        label="Language (optional)",
        max_length=16,
        required=False,
        help_text="ISO code such as en or fr; detected from the text when left blank.",
    )
    url = forms.URLField(label="Original URL (optional)", required=False, max_length=2048, assume_scheme="https")
    outlet = forms.CharField(label="Outlet (optional)", max_length=200, required=False)
    published_on = forms.DateField(
        label="Published on (optional)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("The article text is empty.")
        return body


class RatingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} — {obj.description}" if obj.description else str(obj.label)


class ClaimStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Claim.Status.choices)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
