from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("What will use it, e.g. “CMS import”."))
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3650, required=False, help_text=_("Blank: never.")
    )
