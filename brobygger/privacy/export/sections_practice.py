"""The "Mine data" sections for practice, the assignment and completion (registered in
export/sections.py). Fixed number of queries each, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.assessments.models import Submission
from brobygger.completion.models import Completion
from brobygger.placements.models import (
    Evaluation,
    Placement,
    PlacementPercent,
    Timesheet,
    TimesheetDay,
)
from brobygger.privacy.registry import BOOL, DATE, DATETIME, NUMBER, Field, Table, choice, table


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def placements_section(participant: Any) -> list[Table]:
    mine = {"placement__enrolment__participant": participant}
    placements = (
        Placement.objects.filter(enrolment__participant=participant)
        .select_related("host", "supervisor")
        .order_by("start_date", "pk")
    )
    percents = PlacementPercent.objects.filter(**mine).order_by("placement_id", "valid_from")
    timesheets = Timesheet.objects.filter(**mine).order_by("placement_id", "week_start")
    days = TimesheetDay.objects.filter(
        timesheet__placement__enrolment__participant=participant
    ).order_by("date", "pk")
    evaluations = Evaluation.objects.filter(**mine).order_by("placement_id", "kind")
    placement_nr = Field("placement_id", _("Praksisplass nr."), NUMBER)
    return [
        table(
            "placements",
            _("Praksisplasser"),
            placements,
            [
                Field("id", _("Nr."), NUMBER),
                Field("enrolment_id", _("Deltakelse nr."), NUMBER),
                Field("host", _("Praksissted"), source="host.name"),
                Field("supervisor", _("Praksisveileder"), source=lambda p: _name(p.supervisor)),
                Field("start_date", _("Fra"), DATE),
                Field("end_date", _("Til"), DATE),
            ],
        ),
        table(
            "placement_percents",
            _("Praksisprosent"),
            percents,
            [
                placement_nr,
                Field("percent", _("Prosent"), NUMBER),
                Field("valid_from", _("Fra"), DATE),
            ],
        ),
        table(
            "timesheets",
            _("Timelister"),
            timesheets,
            [
                Field("id", _("Nr."), NUMBER),
                placement_nr,
                Field("week_start", _("Uke fra"), DATE),
                *choice("status", _("Statuskode"), _("Status")),
                Field("total_hours", _("Timer"), NUMBER),
                Field("submitted_at", _("Sendt"), DATETIME),
                Field("decided_at", _("Behandlet"), DATETIME),
                Field("supervisor_comment", _("Kommentar fra veileder")),
            ],
        ),
        table(
            "timesheet_days",
            _("Timer per dag"),
            days,
            [
                Field("timesheet_id", _("Timeliste nr."), NUMBER),
                Field("date", _("Dato"), DATE),
                Field("hours", _("Timer"), NUMBER),
            ],
        ),
        table(
            "evaluations",
            _("Evalueringer"),
            evaluations,
            [
                placement_nr,
                *choice("kind", _("Typekode"), _("Type")),
                Field("text", _("Evaluering")),
                Field("written_at", _("Skrevet"), DATETIME),
            ],
        ),
    ]


def assessments_section(participant: Any) -> list[Table]:
    submissions = (
        Submission.objects.filter(enrolment__participant=participant)
        .select_related("assessment")
        .order_by("enrolment_id", "attempt")
    )
    fields = [
        Field("enrolment_id", _("Deltakelse nr."), NUMBER),
        Field("attempt", _("Forsøk"), NUMBER),
        Field("original_name", _("Filnavn")),
        Field("content_type", _("Filtype")),
        Field("size", _("Størrelse (byte)"), NUMBER),
        Field("submitted_at", _("Levert"), DATETIME),
        *choice("outcome", _("Vurderingskode"), _("Vurdering"), source="assessment.outcome"),
        Field("feedback", _("Tilbakemelding"), source="assessment.feedback"),
        Field("assessed_at", _("Vurdert"), DATETIME, "assessment.assessed_at"),
    ]
    return [table("submissions", _("Skriftlig oppgave"), submissions, fields)]


def completion_section(participant: Any) -> list[Table]:
    completions = list(
        Completion.objects.filter(enrolment__participant=participant)
        .prefetch_related("diplomas")
        .order_by("completed_on")
    )
    # The newest diploma (the valid one, after a reissue); the diplomas section lists all.
    newest = {
        c.pk: max(c.diplomas.all(), key=lambda d: (d.issued_at, d.pk), default=None)
        for c in completions
    }

    def diploma(attr: str, empty: Any) -> Callable[[Completion], Any]:
        return lambda c: getattr(newest[c.pk], attr) if newest[c.pk] else empty

    fields = [
        Field("enrolment_id", _("Deltakelse nr."), NUMBER),
        Field("completed_on", _("Fullført"), DATE),
        Field("theory_hours", _("Teoritimer"), NUMBER),
        Field("practice_weeks", _("Praksisuker"), NUMBER),
        Field("assignment_approved", _("Oppgave godkjent"), BOOL),
        Field("exception_reason", _("Begrunnelse for unntak")),
        Field("diploma_code", _("Kontrollkode vitnemål"), source=diploma("display_code", "")),
        Field("diploma_issued_at", _("Vitnemål utstedt"), DATETIME, diploma("issued_at", None)),
        Field(
            "diploma_invalidated_at",
            _("Vitnemål ugyldiggjort"),
            DATETIME,
            diploma("invalidated_at", None),
        ),
    ]
    return [table("completions", _("Fullføring og vitnemål"), completions, fields)]
