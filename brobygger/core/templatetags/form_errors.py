"""The entries of a form's error summary: one per error, each linking to its field."""

from __future__ import annotations

from django import template
from django.forms import BaseForm

register = template.Library()


@register.simple_tag
def form_error_items(form: BaseForm | None) -> list[dict[str, str]]:
    """Non-field errors first (no link), then each field error with the id of its input.

    A field rendered as a group (radio buttons, several checkboxes) has no single id to
    label; its first input (`<auto_id>_0`) is the link target, as Django renders it.
    """
    if form is None or not getattr(form, "errors", None):
        return []
    items = [{"id": "", "name": "", "message": str(message)} for message in form.non_field_errors()]
    for field in form:
        if not field.errors:
            continue
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        for message in field.errors:
            items.append(
                {"id": str(target), "name": str(field.label or ""), "message": str(message)}
            )
    return items
