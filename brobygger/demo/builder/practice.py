"""Sessions, placements with weekly timesheets, assignments and completions, in bulk."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from brobygger.assessments.models import Assessment, Submission
from brobygger.completion.models import Completion
from brobygger.demo.builder.calendar import aware, teaching_days
from brobygger.demo.builder.context import Demo
from brobygger.demo.builder.plans import Planned, WeekPlan
from brobygger.demo.names import LAST_TOPIC, SESSION_TOPICS
from brobygger.placements.models import (
    Evaluation,
    Placement,
    PlacementPercent,
    Timesheet,
    TimesheetDay,
    TimesheetStatus,
)
from brobygger.programmes.models import Cohort, Session, SessionStatus

PRACTICE_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday: theory is on Tuesday and Thursday
DAY_HOURS = (Decimal("6.00"), Decimal("6.25"), Decimal("6.50"))


def create_sessions(
    demo: Demo, cohort: Cohort, count: int, *, cancelled: int | None = None
) -> list[Session]:
    """Tuesday and Thursday 09-12. `cancelled` (an index) is called off, and one extra
    session is added at the end so the planned hours stay the same."""
    days = teaching_days(cohort.start_date, cohort.end_date, count + (cancelled is not None))
    teacher = demo.user("underviser")
    sessions = []
    for index, day in enumerate(days):
        topic = SESSION_TOPICS[index % len(SESSION_TOPICS)]
        if index == len(days) - 1:
            topic = LAST_TOPIC
        is_cancelled = index == cancelled
        sessions.append(
            Session(
                cohort=cohort,
                date=day,
                start_time=dt.time(9),
                end_time=dt.time(12),
                topic=topic,
                teacher=teacher,
                status=SessionStatus.CANCELLED if is_cancelled else SessionStatus.PLANNED,
                cancel_reason="Underviser syk" if is_cancelled else "",
            )
        )
    return Session.objects.bulk_create(sessions)


def week_days(
    demo: Demo, monday: dt.date, *, sick: bool = False, until: dt.date | None = None
) -> list[tuple[dt.date, Decimal]]:
    """Practice days of one week: three days of about 6¼ hours, two when ill."""
    offsets = list(PRACTICE_DAYS)
    if sick:
        offsets.remove(demo.rng.choice(offsets))
    days = [monday + dt.timedelta(days=offset) for offset in offsets]
    return [(day, demo.rng.choice(DAY_HOURS)) for day in days if until is None or day <= until]


def approved_week(
    demo: Demo, monday: dt.date, *, sick: bool = False, until: dt.date | None = None
) -> WeekPlan:
    days = week_days(demo, monday, sick=sick, until=until)
    return WeekPlan(monday, TimesheetStatus.APPROVED, days)


def save_practice(demo: Demo, plans: list[Planned]) -> None:
    """Placements, their percent from the start date, timesheets with day rows, evaluations."""
    with_placement = [p for p in plans if p.placement is not None]
    placements = []
    for planned in with_placement:
        pp = planned.placement
        assert pp is not None
        placements.append(
            Placement(
                enrolment=planned.enrolment,
                host=pp.host,
                supervisor=pp.supervisor,
                start_date=pp.start,
                end_date=pp.end,
            )
        )
    Placement.objects.bulk_create(placements)
    PlacementPercent.objects.bulk_create(
        PlacementPercent(
            placement=placement,
            percent=planned.enrolment.cohort.version.placement_percent,
            valid_from=placement.start_date,
        )
        for planned, placement in zip(with_placement, placements, strict=True)
    )

    now = timezone.now()
    sheets: list[Timesheet] = []
    day_rows: list[list[tuple[dt.date, Decimal]]] = []
    evaluations: list[Evaluation] = []
    written: list[dt.datetime] = []
    for planned, placement in zip(with_placement, placements, strict=True):
        pp = planned.placement
        assert pp is not None
        for week in pp.weeks:
            sheets.append(_timesheet(demo, placement, week, now))
            day_rows.append(week.days)
        for kind, text, written_on in pp.evaluations:
            evaluations.append(
                Evaluation(placement=placement, kind=kind, text=text, written_by=pp.supervisor)
            )
            written.append(min(aware(written_on, 14), now))
    Timesheet.objects.bulk_create(sheets, batch_size=500)
    TimesheetDay.objects.bulk_create(
        (
            TimesheetDay(timesheet=sheet, date=day, hours=hours)
            for sheet, days in zip(sheets, day_rows, strict=True)
            for day, hours in days
        ),
        batch_size=1000,
    )
    Evaluation.objects.bulk_create(evaluations)
    # written_at is auto_now_add; put back the day the supervisor wrote it.
    for evaluation, written_at in zip(evaluations, written, strict=True):
        evaluation.written_at = written_at
    Evaluation.objects.bulk_update(evaluations, ["written_at"])


def _timesheet(demo: Demo, placement: Placement, week: WeekPlan, now: dt.datetime) -> Timesheet:
    total = sum((hours for _day, hours in week.days), Decimal("0"))
    sheet = Timesheet(
        placement=placement, week_start=week.monday, status=week.status, total_hours=total
    )
    if week.status == TimesheetStatus.DRAFT:
        return sheet
    friday = week.monday + dt.timedelta(days=4)
    sheet.submitted_at = min(aware(friday, 15, 30), now)
    if week.status in (TimesheetStatus.APPROVED, TimesheetStatus.RETURNED):
        decided = aware(friday + dt.timedelta(days=demo.rng.randint(3, 5)), 10)
        sheet.decided_at = max(min(decided, now), sheet.submitted_at)
        sheet.decided_by = placement.supervisor
        sheet.supervisor_comment = week.comment
    return sheet


def demo_pdf() -> bytes:
    """A one-page PDF saying it is an invented assignment (valid xref, so readers open it)."""
    text = b"BT /F1 16 Tf 72 770 Td (Skriftlig oppgave - oppdiktet demodokument) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def save_submissions(demo: Demo, plans: list[Planned]) -> None:
    """Assignment attempts as small PDFs in private storage, with their assessments."""
    storage = storages["private"]
    pdf = demo_pdf()
    digest = hashlib.sha256(pdf).hexdigest()
    teacher = demo.user("underviser")
    submissions: list[Submission] = []
    assessments: list[Assessment] = []
    for planned in plans:
        participant_user = planned.participant.user
        for attempt in planned.submissions:
            # Random, not seeded: the token names the stored file and must not be guessable.
            token = secrets.token_urlsafe(24)
            path = f"assignments/{planned.enrolment.pk}/{token}"
            submission = Submission(
                enrolment=planned.enrolment,
                attempt=attempt.attempt,
                file=storage.save(path, ContentFile(pdf)),
                file_token=token,
                original_name=f"skriftlig-oppgave-{attempt.attempt}.pdf",
                content_type="application/pdf",
                size=len(pdf),
                sha256=digest,
                # Older participants had no login: the coordinator uploaded for them.
                submitted_by=participant_user or demo.user("koordinator"),
                submitted_at=aware(attempt.submitted_on, 20),
            )
            submissions.append(submission)
            if attempt.outcome and attempt.assessed_on:
                assessments.append(
                    Assessment(
                        submission=submission,
                        outcome=attempt.outcome,
                        feedback=attempt.feedback,
                        assessed_by=teacher,
                        assessed_at=aware(attempt.assessed_on, 13),
                    )
                )
    Submission.objects.bulk_create(submissions)
    Assessment.objects.bulk_create(assessments)


def save_completions(demo: Demo, plans: list[Planned], attended: dict[int, Decimal]) -> None:
    """Confirmed completions with the figures frozen as the coordinator saw them."""
    rows = []
    for planned in plans:
        if planned.completed_on is None:
            continue
        version = planned.enrolment.cohort.version
        hours = attended[planned.enrolment.pk]
        reason = ""
        if planned.exception:
            reason = (
                f"Godkjent med {hours:.0f} av {version.theory_hours:.0f} timer teori etter "
                "langvarig sykdom; fraværet er tatt igjen med et skriftlig refleksjonsnotat."
            )
        rows.append(
            Completion(
                enrolment=planned.enrolment,
                completed_on=planned.completed_on,
                confirmed_by=demo.user("koordinator"),
                confirmed_at=aware(planned.completed_on, 14),
                exception_reason=reason,
                theory_hours=hours,
                practice_weeks=version.practice_weeks,
                assignment_approved=True,
                version=version,
            )
        )
    Completion.objects.bulk_create(rows)
