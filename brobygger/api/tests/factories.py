"""API clients for tests, made through the service (so the token is hashed as in production)."""

from __future__ import annotations

from typing import Any

from brobygger.api.services import IssuedClient, api_client_create

READ_ALL = ["cohorts:read", "enrolments:read", "organisations:read", "participants:read"]


def make_client(
    organisation: Any, by: Any, *, name: str = "Fagsystem", scopes: list[str] | None = None
) -> IssuedClient:
    return api_client_create(
        by=by, organisation=organisation, name=name, scopes=scopes or list(READ_ALL)
    )


def bearer(issued: IssuedClient) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.token}"}


def every_scope() -> list[str]:
    from brobygger.api.scopes import ALL_SCOPES

    return list(ALL_SCOPES)


def add_records(enrolment: Any, *, by: Any, host: Any, n: int = 1) -> dict[str, list[int]]:
    """One of each participant-level row the API reads, for `enrolment`, `n` times over
    (straight in the database: the reads are under test here, not the services)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
    from brobygger.completion.models import Completion
    from brobygger.completion.tests.factories import assess, submit
    from brobygger.employment.models import EmploymentFunding, FundingSource
    from brobygger.followup.models import FollowUpKind, FollowUpOutcome
    from brobygger.followup.tests.factories import make_employment
    from brobygger.placements.models import Placement, PlacementPercent, Timesheet
    from brobygger.testing import make_session

    ids: dict[str, list[int]] = {}
    cohort = enrolment.cohort
    now = timezone.now()
    for i in range(n):
        session = make_session(cohort, date=cohort.start_date + dt.timedelta(days=i))
        ids.setdefault("sessions", []).append(session.pk)
        record = AttendanceRecord.objects.create(
            session=session,
            enrolment=enrolment,
            status=AttendanceStatus.PRESENT,
            hours=session.hours,
            recorded_by=by,
            recorded_at=now,
        )
        ids.setdefault("attendance", []).append(record.pk)
        placement = Placement.objects.create(
            enrolment=enrolment,
            host=host,
            supervisor=by,
            start_date=cohort.start_date,
            end_date=cohort.start_date + dt.timedelta(weeks=20),
        )
        PlacementPercent.objects.create(
            placement=placement, percent=50, valid_from=cohort.start_date
        )
        ids.setdefault("placements", []).append(placement.pk)
        sheet = Timesheet.objects.create(
            placement=placement, week_start=cohort.start_date, total_hours=Decimal("18.75")
        )
        ids.setdefault("timesheets", []).append(sheet.pk)
        submission = submit(enrolment, by=by)
        assess(submission, by=by)
        ids.setdefault("assessments", []).append(submission.pk)
        employment = make_employment(enrolment.participant, employer=host)
        EmploymentFunding.objects.create(
            employment=employment,
            source=FundingSource.values[0],
            share_percent=100,
            valid_from=employment.start_date,
        )
        ids.setdefault("employments", []).append(employment.pk)
    completion = Completion.objects.filter(enrolment=enrolment).first() or (
        Completion.objects.create(
            enrolment=enrolment,
            completed_on=cohort.end_date,
            confirmed_by=by,
            confirmed_at=now,
            theory_hours=Decimal("180"),
            practice_weeks=20,
            assignment_approved=True,
            version=cohort.version,
        )
    )
    ids["completions"] = [completion.pk]
    for i in range(n):
        answer = FollowUpOutcome.objects.create(
            participant=enrolment.participant,
            kind=FollowUpKind.HIRE,
            employment_id=ids["employments"][i],
            months=6,
            due_on=cohort.end_date,
            answered_on=cohort.end_date,
            employed=True,
            recorded_by=by,
        )
        ids.setdefault("followups", []).append(answer.pk)
    return ids
