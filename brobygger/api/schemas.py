"""The API's shapes (Pydantic, through django-ninja): what the OpenAPI document describes."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from brobygger.attendance.models import AttendanceStatus
from brobygger.enrolments.models import Status


class Problem(Schema):
    type: str = Field(description="URI for the kind of problem; about:blank for the generic ones")
    title: str
    status: int
    detail: str
    errors: list[dict[str, object]] | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    orgnr: str
    municipality_number: str | None


class CohortOut(Schema):
    id: int
    name: str
    programme_id: int
    programme_name: str
    start_date: dt.date
    end_date: dt.date


class ParticipantOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    email: str
    phone: str
    municipality_number: str | None


class StatusChangeOut(Schema):
    status: str
    valid_from: dt.date
    valid_to: dt.date | None
    reason: str
    created_at: dt.datetime


class EnrolmentOut(Schema):
    id: int
    participant: ParticipantOut
    cohort_id: int
    status: str
    applied_on: dt.date
    waitlist_position: int | None
    history: list[StatusChangeOut]


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None


class CohortPage(Schema):
    items: list[CohortOut]
    next_cursor: str | None


class ParticipantPage(Schema):
    items: list[ParticipantOut]
    next_cursor: str | None


class EnrolmentPage(Schema):
    items: list[EnrolmentOut]
    next_cursor: str | None


# --- programmes, sessions -------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    name: str
    theory_hours: str = Field(description="Timer teori som kreves, desimaltall som tekst")
    min_attendance_share: str | None
    practice_weeks: int
    placement_percent: int
    week_tolerance: str
    assignment_required: bool
    nominal_months: int


class ProgrammeOut(Schema):
    id: int
    name: str
    organisation_id: int
    partner_ids: list[int]
    versions: list[VersionOut]


class SessionOut(Schema):
    id: int
    cohort_id: int
    date: dt.date
    start_time: dt.time
    end_time: dt.time
    hours: str
    topic: str
    status: str


# --- attendance -----------------------------------------------------------------------------


class AttendanceOut(Schema):
    id: int
    session_id: int
    enrolment_id: int
    participant_id: int
    status: str
    hours: str
    recorded_at: dt.datetime


class SessionAttendanceRow(Schema):
    enrolment_id: int
    participant_id: int
    status: str | None = Field(description="null: ikke ført ennå")
    hours: str | None


class SessionAttendanceOut(Schema):
    session_id: int
    cohort_id: int
    rows: list[SessionAttendanceRow]


# --- placements, timesheets ----------------------------------------------------------------


class PercentOut(Schema):
    percent: int
    valid_from: dt.date


class PlacementOut(Schema):
    id: int
    enrolment_id: int
    participant_id: int
    host_id: int
    host_name: str
    start_date: dt.date
    end_date: dt.date
    percents: list[PercentOut]


class TimesheetOut(Schema):
    id: int
    placement_id: int
    participant_id: int
    week_start: dt.date
    status: str
    total_hours: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None


# --- assessments, completions --------------------------------------------------------------


class AssessmentOut(Schema):
    id: int = Field(description="Innleveringens id")
    enrolment_id: int
    participant_id: int
    attempt: int
    content_type: str
    size: int
    submitted_at: dt.datetime
    outcome: str | None = Field(description="null: ikke vurdert ennå")
    assessed_at: dt.datetime | None


class CompletionOut(Schema):
    id: int
    enrolment_id: int
    participant_id: int
    cohort_id: int
    version_id: int
    completed_on: dt.date
    theory_hours: str
    practice_weeks: int
    assignment_approved: bool
    with_exception: bool


# --- employment, follow-ups -----------------------------------------------------------------


class FundingOut(Schema):
    source: str
    share_percent: int
    valid_from: dt.date
    valid_to: dt.date | None


class EmploymentOut(Schema):
    id: int
    participant_id: int
    employer_id: int
    employer_name: str
    position_id: int | None
    job_title: str
    kind: str
    source: str
    start_date: dt.date
    end_date: dt.date | None
    percents: list[PercentOut]
    funding: list[FundingOut]


class FollowUpOut(Schema):
    id: int
    participant_id: int
    kind: str
    completion_id: int | None
    employment_id: int | None
    months: int
    due_on: dt.date
    answered_on: dt.date
    employed: bool
    percent: int | None
    job_kind: str
    funding_source: str


# --- outcome figures -----------------------------------------------------------------------


class CellOut(Schema):
    value: int | str | None = Field(
        description="null når tallet er skjult (under 5) eller ikke gjelder"
    )
    display: str
    hidden: bool


class ColumnOut(Schema):
    key: str
    label: str
    kind: str


class RowOut(Schema):
    key: str
    label: str
    cells: list[CellOut]


class TableOut(Schema):
    key: str
    caption: str
    row_header: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    total: RowOut | None
    summary: str


class KpiOut(Schema):
    key: str
    label: str
    kind: str
    value: int | str | None
    display: str
    hidden: bool


class ScopeOut(Schema):
    key: str
    label: str
    suppressed: bool


class OutcomesOut(Schema):
    scope: ScopeOut
    filters: dict[str, object]
    today: str
    suppressed: bool
    kpis: list[KpiOut]
    tables: dict[str, TableOut]


# --- writes ---------------------------------------------------------------------------------


class ParticipantContactIn(Schema):
    """Only the fields sent are changed; null or "" clears one."""

    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=20)
    municipality_number: str | None = Field(None, max_length=4, description="Kommunenummer")


class EnrolmentStatusIn(Schema):
    status: Status = Field(description="Ny status")
    valid_from: dt.date | None = Field(None, description="Gjelder fra (i dag om utelatt)")
    reason: str = Field("", max_length=32, description="Årsakskode ved avslutning")
    reason_text: str = Field("", max_length=500, description="Bare med årsaken OTHER")
    note: str = Field("", max_length=500, description="Kreves ved FEILREGISTRERT")
    late_reason: str = Field("", max_length=500, description="Kreves når datoen er før i dag")


class AttendanceIn(Schema):
    enrolment_id: int = Field(ge=1, le=2**31 - 1)
    status: AttendanceStatus
    hours: str | None = Field(
        None, pattern=r"^[0-9]{1,2}([.,][0-9]{1,2})?$", description="Timer ved delvis oppmøte"
    )


class SessionAttendanceIn(Schema):
    records: list[AttendanceIn] = Field(min_length=1, max_length=200)


# --- pages ---------------------------------------------------------------------------------


class ProgrammePage(Schema):
    items: list[ProgrammeOut]
    next_cursor: str | None


class SessionPage(Schema):
    items: list[SessionOut]
    next_cursor: str | None


class AttendancePage(Schema):
    items: list[AttendanceOut]
    next_cursor: str | None


class PlacementPage(Schema):
    items: list[PlacementOut]
    next_cursor: str | None


class TimesheetPage(Schema):
    items: list[TimesheetOut]
    next_cursor: str | None


class AssessmentPage(Schema):
    items: list[AssessmentOut]
    next_cursor: str | None


class CompletionPage(Schema):
    items: list[CompletionOut]
    next_cursor: str | None


class EmploymentPage(Schema):
    items: list[EmploymentOut]
    next_cursor: str | None


class FollowUpPage(Schema):
    items: list[FollowUpOut]
    next_cursor: str | None
