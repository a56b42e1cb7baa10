"""Forms of the workflow panel on the claim page. They validate input; the services do the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.forms import RatingChoiceField, WorkbenchForm
from claims.models import Claim, Rating
from claims.selectors import default_ratings
from sources.models import Evidence


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        source = obj.source.title or obj.source.url
        if obj.quote:  # French typography: « … » and a space before the colon
            return _("%(stance)s: %(source)s — “%(quote)s”") % {
                "stance": obj.get_stance_display(),
                "source": source,
                "quote": obj.quote[:120],
            }
        return _("%(stance)s: %(source)s") % {"stance": obj.get_stance_display(), "source": source}


class VersionedForm(WorkbenchForm):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class CitedVerdictForm(VersionedForm):
    rating = RatingChoiceField(label=_("Rating"), queryset=Rating.objects.none(), empty_label=_("Choose a rating…"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceChoiceField(
        label=_("Evidence the verdict rests on"),
        queryset=Evidence.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cite at least one evidence item the verdict rests on.")},
    )

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rating_field = self.fields["rating"]
        assert isinstance(rating_field, RatingChoiceField)
        rating_field.queryset = default_ratings()
        evidence_field = self.fields["evidence"]
        assert isinstance(evidence_field, EvidenceChoiceField)
        evidence_field.queryset = Evidence.objects.filter(claim=claim).select_related("source").order_by("id")


class CorrectionForm(CitedVerdictForm):
    reason = forms.CharField(
        label=_("Reason for the correction (shown to readers)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(VersionedForm):
    comment = forms.CharField(label=_("Comment for the reviewer"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(VersionedForm):
    override_reason = forms.CharField(
        label=_("Override reason (only to publish despite failed checks)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(VersionedForm):
    note = forms.CharField(
        label=_("Why the fact-check is withdrawn (shown to readers)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
