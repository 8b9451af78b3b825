"""The cohort running today, halfway through, so every page has something to show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from brobygger.accounts.models import User
from brobygger.assessments.models import Outcome
from brobygger.demo.builder.calendar import (
    WEEK,
    is_holiday_week,
    monday,
    practice_weeks,
    teaching_days,
)
from brobygger.demo.builder.context import RUNNING_LENGTH_WEEKS, Demo
from brobygger.demo.builder.plans import (
    PlacementPlan,
    Planned,
    Step,
    SubmissionPlan,
    WeekPlan,
    admission_steps,
    new_participant,
    plan,
    record_attendance,
    save_plans,
)
from brobygger.demo.builder.practice import (
    approved_week,
    create_sessions,
    save_practice,
    save_submissions,
    week_days,
)
from brobygger.demo.names import EVALUATIONS, RESUBMIT_FEEDBACK, RETURN_COMMENT, STAFF
from brobygger.enrolments.models import EndingReason as R
from brobygger.enrolments.models import Status as S
from brobygger.organisations.models import Organisation
from brobygger.placements.models import EvaluationKind, TimesheetStatus
from brobygger.programmes.models import Cohort

OTHERS = 14  # besides the demo deltaker: 15 taking part in all
SESSIONS = 64  # 192 h planned for the 180 h requirement
# Profiles of the 14 others, by index.
STREAK, STRUGGLING, LOOKING = 0, 1, 2  # 3 absences in a row; many absences; no placement yet
REFERRED = {3, 4, 5, 6}
RESUBMITTER, FIRST_SUBMITTER = 3, 4
LATE_START = {12, 13}  # placement from week 11


def build_running(demo: Demo) -> Cohort:
    today = demo.today
    start = demo.running_start
    cohort = Cohort(
        version=demo.new_version,
        name=f"Kull {start.year}",
        start_date=start,
        end_date=start + RUNNING_LENGTH_WEEKS * WEEK - dt.timedelta(days=3),
        capacity=17,
        place="Bergen sentrum",
    )
    cohort.full_clean()
    cohort.save()
    cohort.coordinators.add(demo.user("koordinator"))
    cohort.teachers.add(demo.user("underviser"))
    held = sum(d < today for d in teaching_days(cohort.start_date, cohort.end_date, SESSIONS))
    sessions = create_sessions(demo, cohort, SESSIONS, cancelled=held // 2)

    deltaker = demo.user("deltaker")
    me = plan(
        demo,
        cohort,
        admission_steps(demo, start),
        referred=True,
        participant=new_participant(demo, user=deltaker, name=STAFF["deltaker"]),
        attendance="deltaker",
    )
    others = []
    for index in range(OTHERS):
        profile = {STREAK: "streak", STRUGGLING: "struggling"}.get(index, "good")
        others.append(
            plan(
                demo,
                cohort,
                admission_steps(demo, start),
                referred=index in REFERRED,
                attendance=profile,
            )
        )
    on_leave = plan(demo, cohort, admission_steps(demo, start), referred=False, attendance="good")
    on_leave.steps.append(
        Step(
            S.PERMISJON, today - dt.timedelta(days=20), note="Sykemeldt, planlagt tilbake i januar"
        )
    )
    left = plan(demo, cohort, admission_steps(demo, start), referred=False, attendance="leaver")
    left.steps.append(Step(S.AVBRUTT, start + 6 * WEEK + dt.timedelta(days=2), reason=R.GOT_JOB))
    plans = [me, *others, on_leave, left, *_applicants(demo, cohort)]

    placed = [me] + [p for i, p in enumerate(others) if i not in (STRUGGLING, LOOKING)]
    placed.append(on_leave)
    for number, planned in enumerate(placed):
        # The demo praksisveileder has the deltaker and five more; the rest are spread out.
        host, supervisor = demo.sites[0] if number < 6 else demo.sites[1 + number % 3]
        late = any(planned is others[i] for i in LATE_START)
        planned.placement = _placement(demo, cohort, host, supervisor, late=late)
    _fill_timesheets(demo, placed)

    others[RESUBMITTER].submissions = [
        SubmissionPlan(
            1, today - dt.timedelta(days=24), Outcome.RESUBMIT, today - dt.timedelta(days=17),
            RESUBMIT_FEEDBACK,
        ),
        SubmissionPlan(2, today - dt.timedelta(days=2)),
    ]  # fmt: skip
    others[FIRST_SUBMITTER].submissions = [SubmissionPlan(1, today - dt.timedelta(days=5))]

    save_plans(demo, plans)
    record_attendance(demo, cohort, sessions, plans)
    save_practice(demo, plans)
    save_submissions(demo, plans)
    return cohort


def _applicants(demo: Demo, cohort: Cohort) -> list[Planned]:
    """Two on the waiting list (since before the start) and two new applications."""
    start, today = cohort.start_date, demo.today
    plans = []
    for number, days_before in enumerate((50, 44)):
        applied = start - dt.timedelta(days=days_before)
        steps = [
            Step(S.SOKT_INN, applied),
            Step(S.VURDERES, applied + WEEK),
            Step(S.VENTELISTE, start - dt.timedelta(days=20 - number)),
        ]
        plans.append(plan(demo, cohort, steps, referred=number == 0))
    applied = today - dt.timedelta(days=16)
    assessing = [Step(S.SOKT_INN, applied), Step(S.VURDERES, applied + WEEK)]
    plans.append(plan(demo, cohort, assessing, referred=True))
    fresh = [Step(S.SOKT_INN, today - dt.timedelta(days=3))]
    plans.append(plan(demo, cohort, fresh, referred=False))
    return plans


def _placement(
    demo: Demo, cohort: Cohort, host: Organisation, supervisor: User, *, late: bool
) -> PlacementPlan:
    start = monday(cohort.start_date + (11 if late else 8) * WEEK)
    end = min(start + 25 * WEEK - dt.timedelta(days=3), cohort.end_date)
    return PlacementPlan(host=host, supervisor=supervisor, start=start, end=end)


def _fill_timesheets(demo: Demo, placed: list[Planned]) -> None:
    """Past weeks mostly approved; the latest week waiting for a few; one sent back; the
    deltaker has a draft for this week."""
    today = demo.today
    this_week = monday(today)
    me = placed[0]
    waiting = {0, 1, 2, 7, 9}  # latest week submitted, not yet decided
    returned = 3
    for number, planned in enumerate(placed):
        pp = planned.placement
        assert pp is not None
        stop = monday(planned.left_on() or this_week)
        weeks = practice_weeks(pp.start, before=min(stop, this_week))
        pp.weeks = [approved_week(demo, m, sick=demo.rng.random() < 0.08) for m in weeks]
        if not pp.weeks:
            continue
        if number in waiting and planned.left_on() is None:
            pp.weeks[-1].status = TimesheetStatus.SUBMITTED
        if number == returned and len(pp.weeks) >= 2:
            sheet = pp.weeks[-2]
            sheet.status = TimesheetStatus.RETURNED
            sheet.comment = RETURN_COMMENT
            wednesday = sheet.monday + dt.timedelta(days=2)
            sheet.days = [(d, Decimal("9.00") if d == wednesday else h) for d, h in sheet.days]
            pp.weeks[-1].status = TimesheetStatus.SUBMITTED
        if len(weeks) >= 10 and (number >= 6 or number in (0, 1)):
            written = weeks[9] + dt.timedelta(days=4)
            pp.evaluations.append((EvaluationKind.MIDWAY, demo.rng.choice(EVALUATIONS), written))
    mine = me.placement
    if mine is not None and not is_holiday_week(this_week) and this_week >= mine.start:
        days = week_days(demo, this_week, until=today)
        if days:
            mine.weeks.append(WeekPlan(this_week, TimesheetStatus.DRAFT, days))
