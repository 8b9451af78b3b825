"""The read resources beyond the first slice (ADR 0019): programmes, sessions, attendance,
placements and timesheets, assessments, completions, employments, follow-ups and the outcome
figures. Each: the scope, one selector (the coordinator's web rule for the client's
organisation: selectors.py), a cursor page, and a read-log row for every participant shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query

from brobygger.api import selectors
from brobygger.api.auth import require_scope
from brobygger.api.common import (
    DETAIL_ERRORS,
    ERRORS,
    BadRequest,
    ChangedSince,
    Cursor,
    From,
    Id,
    IdFilter,
    Limit,
    To,
    aware,
    check_range,
    log_reads,
    logged_page,
    page,
)
from brobygger.api.etags import with_etag
from brobygger.api.router import router
from brobygger.api.schemas import (
    AssessmentPage,
    AttendancePage,
    CompletionPage,
    EmploymentPage,
    FollowUpPage,
    OutcomesOut,
    PlacementPage,
    ProgrammePage,
    SessionAttendanceOut,
    SessionPage,
    TimesheetPage,
)
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.attendance.services import attendance_version_tag
from brobygger.completion.models import Completion
from brobygger.employment.models import Employment
from brobygger.enrolments.models import Enrolment
from brobygger.followup.models import FollowUpOutcome
from brobygger.outcomes.filters import FIRST_YEAR, LAST_YEAR
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.programmes.models import Session, SessionStatus

AttendanceStatusFilter = Query(None, description="Bare denne oppmøtestatusen")
TimesheetStatusFilter = Query(None, description="Bare denne statusen")
SessionStatusFilter = Query(None, description="Bare planlagte eller avlyste økter")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _window(
    start: dt.date | None, end: dt.date | None, changed_since: dt.datetime | None = None
) -> selectors.Window:
    check_range(start, end, ("from", "to"))
    return selectors.Window(start=start, end=end, changed_since=aware(changed_since))


def _percents(periods: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"percent": x.percent, "valid_from": x.valid_from} for x in periods]


# --- programmes and sessions ----------------------------------------------------------------


@router.get(
    "/programmes/",
    response={200: ProgrammePage, **ERRORS},
    url_name="api_programme_list",
    summary="Organisasjonens program med versjoner (krav)",
)
def programme_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit
) -> dict[str, Any]:
    client = require_scope(request, "programmes:read")
    items, next_cursor = page(selectors.client_programmes(client), cursor, limit)
    return {
        "items": [
            {
                "id": p.pk,
                "name": p.name,
                "organisation_id": p.organisation_id,
                "partner_ids": sorted(o.pk for o in p.partners.all()),
                "versions": [
                    {
                        "id": v.pk,
                        "name": v.name,
                        "theory_hours": _dec(v.theory_hours),
                        "min_attendance_share": _dec(v.min_attendance_share),
                        "practice_weeks": v.practice_weeks,
                        "placement_percent": v.placement_percent,
                        "week_tolerance": _dec(v.week_tolerance),
                        "assignment_required": v.assignment_required,
                        "nominal_months": v.nominal_months,
                    }
                    for v in p.versions.all()
                ],
            }
            for p in items
        ],
        "next_cursor": next_cursor,
    }


@router.get(
    "/sessions/",
    response={200: SessionPage, **ERRORS},
    url_name="api_session_list",
    summary="Undervisningsøkter i organisasjonens kull",
)
def session_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    cohort_id: int | None = IdFilter(description="Bare øktene i dette kullet"),
    status: SessionStatus | None = SessionStatusFilter,
    start: dt.date | None = From,
    end: dt.date | None = To,
) -> dict[str, Any]:
    client = require_scope(request, "cohorts:read")
    rows = selectors.client_sessions(
        client, _window(start, end), cohort_id=cohort_id, status=status.value if status else None
    )
    items, next_cursor = page(rows, cursor, limit)
    return {"items": [_session(s) for s in items], "next_cursor": next_cursor}


def _session(s: Session) -> dict[str, Any]:
    return {
        "id": s.pk,
        "cohort_id": s.cohort_id,
        "date": s.date,
        "start_time": s.start_time,
        "end_time": s.end_time,
        "hours": _dec(s.hours),
        "topic": s.topic,
        "status": s.status,
    }


# --- attendance -----------------------------------------------------------------------------


def session_attendance(
    session: Session, rows: list[tuple[Enrolment, AttendanceRecord | None]]
) -> dict[str, Any]:
    return {
        "session_id": session.pk,
        "cohort_id": session.cohort_id,
        "rows": [
            {
                "enrolment_id": enrolment.pk,
                "participant_id": enrolment.participant_id,
                "status": record.status if record else None,
                "hours": _dec(record.hours) if record else None,
            }
            for enrolment, record in rows
        ],
    }


@router.get(
    "/sessions/{session_id}/attendance/",
    response={200: SessionAttendanceOut, **DETAIL_ERRORS},
    url_name="api_session_attendance",
    summary="Oppmøtet for én økt, med ETag for endring (PUT)",
)
def session_attendance_detail(
    request: HttpRequest, response: HttpResponse, session_id: int = Id(description="Øktens id")
) -> dict[str, Any]:
    client = require_scope(request, "attendance:read")
    session = selectors.client_session(client, session_id)
    if session is None:
        raise Http404
    rows = selectors.session_rows(client, session)
    log_reads(request, client, [e.participant for e, _r in rows], _("Oppmøte (API)"))
    with_etag(response, attendance_version_tag(session=session, rows=rows))
    return session_attendance(session, rows)


@router.get(
    "/attendance/",
    response={200: AttendancePage, **ERRORS},
    url_name="api_attendance_list",
    summary="Førte oppmøter, per kull eller økt",
)
def attendance_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    cohort_id: int | None = IdFilter(description="Bare oppmøter i dette kullet"),
    session_id: int | None = IdFilter(description="Bare oppmøter i denne økten"),
    status: AttendanceStatus | None = AttendanceStatusFilter,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "attendance:read")
    rows = selectors.client_attendance(
        client,
        _window(start, end, changed_since),
        cohort_id=cohort_id,
        session_id=session_id,
        status=status.value if status else None,
    )
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda r: r.enrolment.participant,
        shown=_("Oppmøte (API)"),
        item=_attendance,
    )


def _attendance(r: AttendanceRecord) -> dict[str, Any]:
    return {
        "id": r.pk,
        "session_id": r.session_id,
        "enrolment_id": r.enrolment_id,
        "participant_id": r.enrolment.participant_id,
        "status": r.status,
        "hours": _dec(r.hours),
        "recorded_at": r.recorded_at,
    }


# --- placements and timesheets --------------------------------------------------------------


@router.get(
    "/placements/",
    response={200: PlacementPage, **ERRORS},
    url_name="api_placement_list",
    summary="Praksisplasser med stillingsprosent over tid",
)
def placement_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "placements:read")
    rows = selectors.client_placements(client, _window(start, end, changed_since))
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda p: p.enrolment.participant,
        shown=_("Praksisplass (API)"),
        item=_placement,
    )


def _placement(p: Placement) -> dict[str, Any]:
    return {
        "id": p.pk,
        "enrolment_id": p.enrolment_id,
        "participant_id": p.enrolment.participant_id,
        "host_id": p.host_id,
        "host_name": p.host.name,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "percents": _percents(p.percents.all()),
    }


@router.get(
    "/timesheets/",
    response={200: TimesheetPage, **ERRORS},
    url_name="api_timesheet_list",
    summary="Timelister (uke for uke) for praksisplassene",
)
def timesheet_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    placement_id: int | None = IdFilter(description="Bare timelistene for denne praksisplassen"),
    status: TimesheetStatus | None = TimesheetStatusFilter,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "placements:read")
    rows = selectors.client_timesheets(
        client,
        _window(start, end, changed_since),
        placement_id=placement_id,
        status=status.value if status else None,
    )
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda t: t.placement.enrolment.participant,
        shown=_("Timeliste (API)"),
        item=_timesheet,
    )


def _timesheet(t: Timesheet) -> dict[str, Any]:
    return {
        "id": t.pk,
        "placement_id": t.placement_id,
        "participant_id": t.placement.enrolment.participant_id,
        "week_start": t.week_start,
        "status": t.status,
        "total_hours": _dec(t.total_hours),
        "submitted_at": t.submitted_at,
        "decided_at": t.decided_at,
    }


# --- assessments and completions ------------------------------------------------------------


@router.get(
    "/assessments/",
    response={200: AssessmentPage, **ERRORS},
    url_name="api_assessment_list",
    summary="Innleveringer av skriftlig oppgave og vurderingen (uten filene)",
)
def assessment_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "assessments:read")
    rows = selectors.client_assessments(client, _window(start, end, changed_since))
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda s: s.enrolment.participant,
        shown=_("Skriftlig oppgave (API)"),
        item=_submission,
    )


def _submission(s: Submission) -> dict[str, Any]:
    assessment = getattr(s, "assessment", None)
    return {
        "id": s.pk,
        "enrolment_id": s.enrolment_id,
        "participant_id": s.enrolment.participant_id,
        "attempt": s.attempt,
        "content_type": s.content_type,
        "size": s.size,
        "submitted_at": s.submitted_at,
        "outcome": assessment.outcome if assessment else None,
        "assessed_at": assessment.assessed_at if assessment else None,
    }


@router.get(
    "/completions/",
    response={200: CompletionPage, **ERRORS},
    url_name="api_completion_list",
    summary="Bekreftede fullføringer",
)
def completion_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "completions:read")
    rows = selectors.client_completions(client, _window(start, end, changed_since))
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda c: c.enrolment.participant,
        shown=_("Fullføring (API)"),
        item=_completion,
    )


def _completion(c: Completion) -> dict[str, Any]:
    return {
        "id": c.pk,
        "enrolment_id": c.enrolment_id,
        "participant_id": c.enrolment.participant_id,
        "cohort_id": c.enrolment.cohort_id,
        "version_id": c.version_id,
        "completed_on": c.completed_on,
        "theory_hours": _dec(c.theory_hours),
        "practice_weeks": c.practice_weeks,
        "assignment_approved": c.assignment_approved,
        "with_exception": bool(c.exception_reason),
    }


# --- employment and follow-ups --------------------------------------------------------------


@router.get(
    "/employments/",
    response={200: EmploymentPage, **ERRORS},
    url_name="api_employment_list",
    summary="Ansettelser med stillingsprosent og finansiering over tid",
)
def employment_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "employments:read")
    rows = selectors.client_employments(client, _window(start, end, changed_since))
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda e: e.participant,
        shown=_("Ansettelse (API)"),
        item=_employment,
    )


def _employment(e: Employment) -> dict[str, Any]:
    return {
        "id": e.pk,
        "participant_id": e.participant_id,
        "employer_id": e.employer_id,
        "employer_name": e.employer.name,
        "position_id": e.position_id,
        "job_title": e.job_title,
        "kind": e.kind,
        "source": e.source,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "percents": _percents(e.percents.all()),
        "funding": [
            {
                "source": f.source,
                "share_percent": f.share_percent,
                "valid_from": f.valid_from,
                "valid_to": f.valid_to,
            }
            for f in e.funding.all()
        ],
    }


@router.get(
    "/followups/",
    response={200: FollowUpPage, **ERRORS},
    url_name="api_followup_list",
    summary="Svar på oppfølging 6 og 12 måneder etter fullføring og ansettelse",
)
def followup_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    start: dt.date | None = From,
    end: dt.date | None = To,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "followups:read")
    rows = selectors.client_followups(client, _window(start, end, changed_since))
    return logged_page(
        request,
        client,
        rows,
        cursor,
        limit,
        person=lambda f: f.participant,
        shown=_("Oppfølging (API)"),
        item=_followup,
    )


def _followup(f: FollowUpOutcome) -> dict[str, Any]:
    return {
        "id": f.pk,
        "participant_id": f.participant_id,
        "kind": f.kind,
        "completion_id": f.completion_id,
        "employment_id": f.employment_id,
        "months": f.months,
        "due_on": f.due_on,
        "answered_on": f.answered_on,
        "employed": f.employed,
        "percent": f.percent,
        "job_kind": f.job_kind,
        "funding_source": f.funding_source,
    }


# --- outcome figures ------------------------------------------------------------------------


@router.get(
    "/outcomes/",
    response={200: OutcomesOut, **ERRORS},
    url_name="api_outcomes",
    summary="Resultattall for organisasjonens program, som på resultatsiden",
)
def outcomes(
    request: HttpRequest,
    programme_id: int | None = IdFilter(description="Bare dette programmet"),
    year_from: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Fra kullår"),
    year_to: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Til kullår"),
) -> dict[str, Any]:
    client = require_scope(request, "outcomes:read")
    data = {
        "program": programme_id or "",
        "fra_ar": year_from or "",
        "til_ar": year_to or "",
    }
    result = selectors.client_outcomes(client, data, today=timezone.localdate())
    if result.figures is None:
        messages = [str(e) for errors in result.form.errors.values() for e in errors]
        raise BadRequest(_("Filteret er ugyldig: %(errors)s") % {"errors": " ".join(messages)})
    return result.figures.as_dict()
