"""Form helpers every app's pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class WorkbenchForm(forms.Form):
    """Labels without the trailing colon; the stylesheet sets them apart."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the field it names (or on top of the form)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in errors.items():
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)
