"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe),
scoped to what request.user may see; its own fixed number of queries.

Who sees what:
- a coordinator who manages the enrolment: the full history, the participation periods, and
  the forms to change status (allowed targets only) and to add a participation period;
- the participant themselves: status and dates only (no reasons, notes or staff names);
- a caseworker who referred them: the full history, read only;
- anyone else: nothing (the page that embeds the panel has already answered 404 for them).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe

from brobygger.enrolments.access import enrolments_managed_by, enrolments_referred_by
from brobygger.enrolments.forms import ParticipationPeriodForm, TransitionForm
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.enrolments.selectors import allowed_targets, enrolment_history

MANAGER, OWN, READER = "manager", "own", "reader"


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter when it points back into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _audience(request: HttpRequest, enrolment: Enrolment) -> str | None:
    if enrolments_managed_by(request).filter(pk=enrolment.pk).exists():
        return MANAGER
    participant_user_id = (
        Participant.objects.filter(pk=enrolment.participant_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if participant_user_id is not None and participant_user_id == request.user.pk:
        return OWN
    if enrolments_referred_by(request).filter(pk=enrolment.pk).exists():
        return READER
    return None


def render_panel(
    request: HttpRequest,
    enrolment: Enrolment,
    *,
    transition_form: TransitionForm | None = None,
    period_form: ParticipationPeriodForm | None = None,
    message: str = "",
) -> SafeString:
    """The panel, optionally with bound forms (errors) or a success message (htmx swaps)."""
    audience = _audience(request, enrolment)
    if audience is None:
        return mark_safe("")  # noqa: S308 - nothing to show
    data = enrolment_history(enrolment=enrolment)
    targets = allowed_targets(enrolment.status)
    # After an htmx post, links and forms keep pointing back at the page that holds the panel.
    next_url = safe_next(request, "") if request.method == "POST" else request.get_full_path()
    context = {
        "enrolment": enrolment,
        "audience": audience,
        "is_manager": audience == MANAGER,
        "full_history": audience in (MANAGER, READER),
        "history": data.history,
        "periods": data.periods,
        "targets": targets,
        "message": message,
        "next": next_url,
    }
    if audience == MANAGER:
        context["transition_form"] = transition_form or TransitionForm(targets=targets)
        context["period_form"] = period_form or ParticipationPeriodForm()
    return render_to_string("enrolments/_partials/panel.html", context, request=request)


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    return render_panel(request, enrolment)
