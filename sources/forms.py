"""Forms for attaching sources to claims. They validate input; the services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from factcheck.lib.forms import WorkbenchForm
from sources.models import Evidence


class EvidenceForm(WorkbenchForm):
    # A CharField, not a URLField: the fetcher's own guard decides what is refused
    # and says why, and whatever the reviewer typed is shown back unchanged.
    url = forms.CharField(
        label=_("Source URL"),
        max_length=2048,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}),
    )
    stance = forms.ChoiceField(label=_("Stance"), choices=Evidence.Stance.choices, widget=forms.RadioSelect)
    quote = forms.CharField(
        label=_("Quoted passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Copy the sentence from the source that bears on the claim; it is located in the archived copy."),
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def blank(cls) -> EvidenceForm:
        return cls(initial={"stance": Evidence.Stance.SUPPORTS})
