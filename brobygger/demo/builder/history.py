"""Ten finished cohorts: about 100 participants, just over 60 of them completed."""

from __future__ import annotations

import datetime as dt

from brobygger.assessments.models import Outcome
from brobygger.demo.builder.calendar import WEEK, monday, practice_weeks
from brobygger.demo.builder.context import (
    FINISHED_LENGTH_WEEKS,
    OLD_VERSION_COHORTS,
    Demo,
    finished_years,
)
from brobygger.demo.builder.plans import (
    PlacementPlan,
    Planned,
    Step,
    SubmissionPlan,
    admission_steps,
    plan,
    record_attendance,
    save_plans,
)
from brobygger.demo.builder.practice import (
    approved_week,
    create_sessions,
    save_completions,
    save_practice,
    save_submissions,
)
from brobygger.demo.names import (
    APPROVED_FEEDBACK,
    EVALUATIONS,
    NOT_APPROVED_FEEDBACK,
    OTHER_REASONS,
    RESUBMIT_FEEDBACK,
)
from brobygger.enrolments.models import EndingReason as R
from brobygger.enrolments.models import Status as S
from brobygger.placements.models import EvaluationKind
from brobygger.programmes.models import Cohort

SIZES = (9, 10, 11, 8, 10, 12, 10, 9, 11, 10)  # 100 who started
COMPLETED = (5, 6, 7, 5, 6, 8, 6, 6, 7, 6)  # 62 completed, 38 discontinued
NOT_ADMITTED = (1, 0, 1, 0, 1, 0, 1, 0, 1, 0)
DROPOUT_REASONS = (
    [R.ILLNESS] * 9
    + [R.GOT_JOB] * 7
    + [R.OTHER_SUPPORT] * 6
    + [R.MOVED] * 4
    + [R.NO_SHOW] * 4
    + [R.REQUIREMENTS_NOT_MET] * 5
    + [R.OTHER_EDUCATION]
    + [R.OTHER] * 2
)
# A few life stories worth showing: (cohort index, completer index).
WAITLISTED_COMPLETER = (2, 0)
LEAVE_COMPLETER = (4, 1)
EXCEPTION_COMPLETER = (7, 2)
SESSIONS = {True: 50, False: 64}  # old version: 150 h planned for 140; new: 192 h for 180


def build_finished(demo: Demo) -> None:
    rng = demo.rng
    reasons = list(DROPOUT_REASONS)
    rng.shuffle(reasons)
    for index, year in enumerate(finished_years(demo.today)):
        old = index < OLD_VERSION_COHORTS
        start = monday(dt.date(year, 8, 18)) + rng.randint(1, 3) * WEEK
        cohort = Cohort(
            version=demo.old_version if old else demo.new_version,
            name=f"Kull {year}",
            start_date=start,
            end_date=start + FINISHED_LENGTH_WEEKS * WEEK - dt.timedelta(days=3),
            capacity=17,
            place="Bergen sentrum",
        )
        cohort.full_clean()
        cohort.save()
        cohort.coordinators.add(demo.user("koordinator"))
        cohort.teachers.add(demo.user("underviser"))
        sessions = create_sessions(demo, cohort, SESSIONS[old])
        last_session = sessions[-1].date

        plans: list[Planned] = []
        for k in range(COMPLETED[index]):
            plans.append(_completer(demo, cohort, (index, k), last_session))
        for _ in range(SIZES[index] - COMPLETED[index]):
            plans.append(_dropout(demo, cohort, reasons.pop()))
        for k in range(NOT_ADMITTED[index]):
            plans.append(_not_admitted(demo, cohort, via_waitlist=k == 0 and index % 4 == 0))

        save_plans(demo, plans)
        attended = record_attendance(demo, cohort, sessions, plans)
        save_practice(demo, plans)
        save_submissions(demo, plans)
        save_completions(demo, plans, attended)


def _completer(
    demo: Demo, cohort: Cohort, story: tuple[int, int], last_session: dt.date
) -> Planned:
    rng = demo.rng
    start, end = cohort.start_date, cohort.end_date
    steps = admission_steps(demo, start)
    if story == WAITLISTED_COMPLETER:
        # Got a place from the waiting list a few days before the start.
        steps[2:2] = [Step(S.VENTELISTE, steps[1].on + dt.timedelta(days=3))]
        steps[3].on = start - dt.timedelta(days=4)
    if story == LEAVE_COMPLETER:
        # Three weeks' sick leave after the teaching was over, then back to finish.
        leave = last_session + 2 * WEEK
        steps += [
            Step(S.PERMISJON, leave, note="Sykemeldt i tre uker"),
            Step(S.DELTAR, leave + 3 * WEEK),
        ]
    completed_on = end - dt.timedelta(days=rng.randint(0, 4))
    steps.append(Step(S.FULLFORT, completed_on))
    planned = plan(
        demo,
        cohort,
        steps,
        attendance="exception" if story == EXCEPTION_COMPLETER else "good",
        completed_on=completed_on,
        exception=story == EXCEPTION_COMPLETER,
    )
    required = cohort.version.practice_weeks
    planned.placement = _placement(demo, cohort, weeks=required, sick=rng.random() < 0.3)
    planned.placement.evaluations.append(
        (EvaluationKind.FINAL, rng.choice(EVALUATIONS), planned.placement.end)
    )
    if rng.random() < 0.75:
        submitted = end - dt.timedelta(days=rng.randint(28, 40))
        planned.submissions = [
            SubmissionPlan(1, submitted, Outcome.APPROVED, submitted + WEEK, APPROVED_FEEDBACK)
        ]
    else:
        first = end - dt.timedelta(days=rng.randint(45, 55))
        second = first + 3 * WEEK
        planned.submissions = [
            SubmissionPlan(1, first, Outcome.RESUBMIT, first + WEEK, RESUBMIT_FEEDBACK),
            SubmissionPlan(2, second, Outcome.APPROVED, second + WEEK, APPROVED_FEEDBACK),
        ]
    return planned


def _placement(
    demo: Demo, cohort: Cohort, *, weeks: int, sick: bool, before: dt.date | None = None
) -> PlacementPlan:
    """A placement from week 8 with `weeks` approved full weeks (plus one short sick week)."""
    host, supervisor = demo.rng.choice(demo.sites)
    start = cohort.start_date + 8 * WEEK
    mondays = practice_weeks(start, before=before or cohort.end_date, limit=weeks + sick)
    sick_week = demo.rng.randrange(len(mondays)) if sick and mondays else -1
    planned = PlacementPlan(host=host, supervisor=supervisor, start=start, end=start)
    until = before - dt.timedelta(days=1) if before else None
    planned.weeks = [
        approved_week(demo, m, sick=i == sick_week, until=until) for i, m in enumerate(mondays)
    ]
    planned.end = (mondays[-1] if mondays else start) + dt.timedelta(days=4)
    if until:
        planned.end = max(start, min(planned.end, until))
    if len(mondays) >= 10:
        planned.evaluations.append(
            (EvaluationKind.MIDWAY, demo.rng.choice(EVALUATIONS), mondays[9] + dt.timedelta(days=4))
        )
    return planned


def _dropout(demo: Demo, cohort: Cohort, reason: str) -> Planned:
    rng = demo.rng
    start, end = cohort.start_date, cohort.end_date
    steps = admission_steps(demo, start)
    attendance = "leaver"
    if reason == R.NO_SHOW:
        left = start + dt.timedelta(days=rng.randint(7, 16))
        attendance = "no_show"
    elif reason == R.REQUIREMENTS_NOT_MET:
        left = end - dt.timedelta(days=rng.randint(0, 5))
        attendance = "struggling"
    elif reason == R.GOT_JOB:
        left = start + rng.randint(10, 34) * WEEK
    else:
        left = start + rng.randint(3, 30) * WEEK + dt.timedelta(days=rng.randint(0, 4))
    if reason == R.ILLNESS and rng.random() < 0.5:
        leave = max(start + WEEK, left - rng.randint(3, 6) * WEEK)
        steps.append(Step(S.PERMISJON, leave, note="Sykemeldt"))
    text = rng.choice(OTHER_REASONS[:2]) if reason == R.OTHER else ""
    steps.append(Step(S.AVBRUTT, left, reason=reason, reason_text=text))
    planned = plan(demo, cohort, steps, attendance=attendance)

    stopped = planned.left_on() or left
    placement_start = start + 8 * WEEK
    if stopped > placement_start + WEEK:
        required = cohort.version.practice_weeks
        weeks = required * 3 // 5 if reason == R.REQUIREMENTS_NOT_MET else required
        planned.placement = _placement(
            demo, cohort, weeks=weeks, sick=rng.random() < 0.5, before=stopped
        )
    if reason == R.REQUIREMENTS_NOT_MET and rng.random() < 0.5:
        submitted = end - 5 * WEEK
        planned.submissions = [
            SubmissionPlan(
                1, submitted, Outcome.NOT_APPROVED, submitted + WEEK, NOT_APPROVED_FEEDBACK
            )
        ]
    return planned


def _not_admitted(demo: Demo, cohort: Cohort, *, via_waitlist: bool) -> Planned:
    rng = demo.rng
    start = cohort.start_date
    applied = start - dt.timedelta(days=rng.randint(60, 100))
    steps = [Step(S.SOKT_INN, applied), Step(S.VURDERES, applied + dt.timedelta(days=10))]
    if via_waitlist:
        steps += [
            Step(S.VENTELISTE, start - 5 * WEEK),
            Step(S.IKKE_AKTUELL, start, reason=R.COHORT_FULL),
        ]
    else:
        reason = rng.choice((R.OTHER_SUPPORT, R.OTHER_EDUCATION, R.OTHER))
        text = OTHER_REASONS[2] if reason == R.OTHER else ""
        steps.append(Step(S.IKKE_AKTUELL, start - 4 * WEEK, reason=reason, reason_text=text))
    return plan(demo, cohort, steps)
