"""The section this app contributes to a participant's page (completion.enrolment_detail and
my_progress). Contract: `enrolment_panel(request, enrolment) -> str` (rendered HTML, safe),
scoped to what request.user may see; a fixed number of queries (six, with the membership lookup).

- coordinator managing the enrolment / caseworker who referred it: the participant's jobs
  (with benefit and funding), their hiring cases, and a link to register an outside job;
- the participant themselves: their jobs (no benefit shown here) and a link to their profile;
- anyone else: nothing.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from brobygger.employment.models import Employment, HiringCase
from brobygger.employment.selectors.employments import staff_rows
from brobygger.enrolments.access import (
    enrolments_managed_by,
    enrolments_referred_by,
    own_enrolments,
)
from brobygger.enrolments.models import Enrolment


def enrolment_panel(request: HttpRequest, enrolment: Enrolment) -> SafeString:
    flags = (
        Enrolment.objects.filter(pk=enrolment.pk)
        .annotate(
            managed=Exists(enrolments_managed_by(request).filter(pk=OuterRef("pk"))),
            referred=Exists(enrolments_referred_by(request).filter(pk=OuterRef("pk"))),
            own=Exists(own_enrolments(request).filter(pk=OuterRef("pk"))),
        )
        .values("managed", "referred", "own")
        .first()
    )
    if not flags or not (flags["managed"] or flags["referred"] or flags["own"]):
        return mark_safe("")  # noqa: S308 - nothing to show outside the user's scope
    is_staff = bool(flags["managed"] or flags["referred"])
    rows = staff_rows(
        Employment.objects.filter(participant_id=enrolment.participant_id),
        today=timezone.localdate(),
    )
    cases = (
        list(
            HiringCase.objects.filter(participant_id=enrolment.participant_id)
            .select_related("position__employer")
            .order_by("-created_at", "-id")
        )
        if is_staff
        else []
    )
    context = {
        "enrolment": enrolment,
        "rows": rows,
        "cases": cases,
        "is_staff": is_staff,
        "is_own": bool(flags["own"]) and not is_staff,
    }
    return render_to_string("employment/_partials/enrolment_panel.html", context, request=request)
