"""`{{ code|status_color }}`: the Designsystemet tag colour of an enrolment status code, for
templates that have the code without the enrolment (counts per status)."""

from django import template

from brobygger.enrolments.models import STATUS_COLORS

register = template.Library()


@register.filter
def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, "neutral")
