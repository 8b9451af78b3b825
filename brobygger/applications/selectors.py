"""Reads for online applications. The one rule for "open for applications today" lives here:
`application_closed_reason` for one cohort and `open_for_applications_q` for a list say the
same thing (tests/test_rule.py holds them to it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.programmes.models import Cohort


def open_for_applications_q(*, today: dt.date) -> Q:
    """Cohorts open for applications on `today`: switched on, deadline not passed, not ended."""
    return Q(applications_open=True, application_deadline__gte=today, end_date__gte=today)


def application_closed_reason(cohort: Cohort, *, today: dt.date) -> str | None:
    """Why `cohort` takes no applications on `today` (a message for the applicant), or None."""
    if not cohort.applications_open or cohort.application_deadline is None:
        return _("Dette kullet tar ikke imot søknader nå.")
    if cohort.end_date < today:
        return _("Dette kullet er avsluttet og tar ikke imot søknader.")
    if cohort.application_deadline < today:
        return _("Søknadsfristen for dette kullet gikk ut %(date)s.") % {
            "date": format_day(cohort.application_deadline)
        }
    return None


def cohorts_open_for_applications(*, today: dt.date) -> list[Cohort]:
    """The public list: cohorts open today, with programme and organisation. One query."""
    return list(
        Cohort.objects.filter(open_for_applications_q(today=today))
        .select_related("version__programme__organisation")
        .order_by("application_deadline", "start_date", "name", "pk")
    )


def cohort_for_applicant(pk: int) -> Cohort:
    """A cohort by id for the public pages (404 if there is none). Whether it is open is the
    caller's question (application_closed_reason), so a closed one gets a clear message."""
    cohort = Cohort.objects.select_related("version__programme__organisation").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


def participant_of(user: Any) -> Participant | None:
    """The participant record a login is bound to (an ID-porten login or an invitation)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(user=user).first()


def applications_of(*, email: str | None, participant: Participant | None) -> list[Enrolment]:
    """The applicant's own applications: those sent online from the verified address, and a
    signed-in participant's enrolments. Cohort and status only are shown. One query."""
    condition = Q(pk__in=[])
    if email:
        condition |= Q(online_application__email=email)
    if participant is not None:
        condition |= Q(participant=participant)
    return list(
        Enrolment.objects.filter(condition)
        .select_related("cohort__version__programme")
        .order_by("-applied_on", "-pk")
        .distinct()
    )
