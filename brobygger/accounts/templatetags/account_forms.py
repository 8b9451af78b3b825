"""allauth's forms carry no Designsystemet classes; this adds them where the field is drawn."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def ds_input(field: BoundField) -> SafeString:
    """The field's widget with class="ds-input" (Django adds aria-invalid and aria-describedby)."""
    attrs: dict[str, str | bool] = {"class": "ds-input"}
    if field.errors:
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    return field.as_widget(attrs=attrs)
