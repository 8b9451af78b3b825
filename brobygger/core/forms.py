"""Form helpers shared by the apps' views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_service_errors(form: BaseForm, err: ValidationError) -> None:
    """Show a service's errors next to the fields it names; anything else above the form."""
    if not hasattr(err, "error_dict"):
        form.add_error(None, err)
        return
    for field, errors in err.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
