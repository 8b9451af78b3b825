"""The "Mine data" sections for practice, the assignment and completion (registered in
export/sections.py). Fixed number of queries each, whatever the number of rows."""

from __future__ import annotations

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
from brobygger.privacy.registry import BOOL, CODE, DATE, DATETIME, NUMBER, Column, Table


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def placements_section(participant: Any) -> list[Table]:
    mine = {"placement__enrolment__participant": participant}
    placements = [
        {
            "id": p.pk,
            "enrolment_id": p.enrolment_id,
            "host": p.host.name,
            "supervisor": _name(p.supervisor),
            "start_date": p.start_date,
            "end_date": p.end_date,
        }
        for p in Placement.objects.filter(enrolment__participant=participant)
        .select_related("host", "supervisor")
        .order_by("start_date", "pk")
    ]
    percents = [
        {"placement_id": p.placement_id, "percent": p.percent, "valid_from": p.valid_from}
        for p in PlacementPercent.objects.filter(**mine).order_by("placement_id", "valid_from")
    ]
    timesheets = [
        {
            "id": t.pk,
            "placement_id": t.placement_id,
            "week_start": t.week_start,
            "status": t.status,
            "status_label": t.get_status_display(),
            "total_hours": t.total_hours,
            "submitted_at": t.submitted_at,
            "decided_at": t.decided_at,
            "supervisor_comment": t.supervisor_comment,
        }
        for t in Timesheet.objects.filter(**mine).order_by("placement_id", "week_start")
    ]
    days = [
        {"timesheet_id": d.timesheet_id, "date": d.date, "hours": d.hours}
        for d in TimesheetDay.objects.filter(
            timesheet__placement__enrolment__participant=participant
        ).order_by("date", "pk")
    ]
    evaluations = [
        {
            "placement_id": e.placement_id,
            "kind": e.kind,
            "kind_label": e.get_kind_display(),
            "text": e.text,
            "written_at": e.written_at,
        }
        for e in Evaluation.objects.filter(**mine).order_by("placement_id", "kind")
    ]
    return [
        Table(
            "placements",
            _("Praksisplasser"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("enrolment_id", _("Deltakelse nr."), NUMBER),
                Column("host", _("Praksissted")),
                Column("supervisor", _("Praksisveileder")),
                Column("start_date", _("Fra"), DATE),
                Column("end_date", _("Til"), DATE),
            ],
            placements,
        ),
        Table(
            "placement_percents",
            _("Praksisprosent"),
            [
                Column("placement_id", _("Praksisplass nr."), NUMBER),
                Column("percent", _("Prosent"), NUMBER),
                Column("valid_from", _("Fra"), DATE),
            ],
            percents,
        ),
        Table(
            "timesheets",
            _("Timelister"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("placement_id", _("Praksisplass nr."), NUMBER),
                Column("week_start", _("Uke fra"), DATE),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("total_hours", _("Timer"), NUMBER),
                Column("submitted_at", _("Sendt"), DATETIME),
                Column("decided_at", _("Behandlet"), DATETIME),
                Column("supervisor_comment", _("Kommentar fra veileder")),
            ],
            timesheets,
        ),
        Table(
            "timesheet_days",
            _("Timer per dag"),
            [
                Column("timesheet_id", _("Timeliste nr."), NUMBER),
                Column("date", _("Dato"), DATE),
                Column("hours", _("Timer"), NUMBER),
            ],
            days,
        ),
        Table(
            "evaluations",
            _("Evalueringer"),
            [
                Column("placement_id", _("Praksisplass nr."), NUMBER),
                Column("kind", _("Typekode"), CODE),
                Column("kind_label", _("Type")),
                Column("text", _("Evaluering")),
                Column("written_at", _("Skrevet"), DATETIME),
            ],
            evaluations,
        ),
    ]


def assessments_section(participant: Any) -> list[Table]:
    rows = []
    for s in (
        Submission.objects.filter(enrolment__participant=participant)
        .select_related("assessment")
        .order_by("enrolment_id", "attempt")
    ):
        assessment = getattr(s, "assessment", None)
        rows.append(
            {
                "enrolment_id": s.enrolment_id,
                "attempt": s.attempt,
                "original_name": s.original_name,
                "content_type": s.content_type,
                "size": s.size,
                "submitted_at": s.submitted_at,
                "outcome": assessment.outcome if assessment else "",
                "outcome_label": assessment.get_outcome_display() if assessment else "",
                "feedback": assessment.feedback if assessment else "",
                "assessed_at": assessment.assessed_at if assessment else None,
            }
        )
    columns = [
        Column("enrolment_id", _("Deltakelse nr."), NUMBER),
        Column("attempt", _("Forsøk"), NUMBER),
        Column("original_name", _("Filnavn")),
        Column("content_type", _("Filtype")),
        Column("size", _("Størrelse (byte)"), NUMBER),
        Column("submitted_at", _("Levert"), DATETIME),
        Column("outcome", _("Vurderingskode"), CODE),
        Column("outcome_label", _("Vurdering")),
        Column("feedback", _("Tilbakemelding")),
        Column("assessed_at", _("Vurdert"), DATETIME),
    ]
    return [Table("submissions", _("Skriftlig oppgave"), columns, rows)]


def completion_section(participant: Any) -> list[Table]:
    rows = []
    for c in (
        Completion.objects.filter(enrolment__participant=participant)
        .prefetch_related("diplomas")
        .order_by("completed_on")
    ):
        # The newest diploma (the valid one, after a reissue); the diplomas section lists all.
        diploma = max(c.diplomas.all(), key=lambda d: (d.issued_at, d.pk), default=None)
        rows.append(
            {
                "enrolment_id": c.enrolment_id,
                "completed_on": c.completed_on,
                "theory_hours": c.theory_hours,
                "practice_weeks": c.practice_weeks,
                "assignment_approved": c.assignment_approved,
                "exception_reason": c.exception_reason,
                "diploma_code": diploma.display_code if diploma else "",
                "diploma_issued_at": diploma.issued_at if diploma else None,
                "diploma_invalidated_at": diploma.invalidated_at if diploma else None,
            }
        )
    columns = [
        Column("enrolment_id", _("Deltakelse nr."), NUMBER),
        Column("completed_on", _("Fullført"), DATE),
        Column("theory_hours", _("Teoritimer"), NUMBER),
        Column("practice_weeks", _("Praksisuker"), NUMBER),
        Column("assignment_approved", _("Oppgave godkjent"), BOOL),
        Column("exception_reason", _("Begrunnelse for unntak")),
        Column("diploma_code", _("Kontrollkode kursbevis")),
        Column("diploma_issued_at", _("Kursbevis utstedt"), DATETIME),
        Column("diploma_invalidated_at", _("Kursbevis ugyldiggjort"), DATETIME),
    ]
    return [Table("completions", _("Fullføring og kursbevis"), columns, rows)]
