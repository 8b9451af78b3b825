import datetime as dt
from decimal import Decimal

from brobygger.placements.models import TimesheetStatus
from brobygger.placements.selectors import PracticeSummary, practice_summaries
from brobygger.placements.services import (
    placement_percent_add,
    timesheet_approve,
    timesheet_save,
)
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.testing import make_cohort, make_enrolment


def test_a_week_counts_by_the_rule_at_50_percent_and_tolerance_090(personas):
    assert personas.version.week_tolerance == Decimal("0.90")
    placement = make_placement(personas, percent=50)
    make_timesheet(placement, monday(0), "16.88")  # >= 16.875: counts
    make_timesheet(placement, monday(1), "16.5")  # < 16.875: approved but does not count
    make_timesheet(placement, monday(2), "30", status=TimesheetStatus.SUBMITTED)
    make_timesheet(placement, monday(3), "30", status=TimesheetStatus.RETURNED)
    make_timesheet(placement, monday(4), "30", status=TimesheetStatus.DRAFT)
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.approved_weeks == 1
    assert summary.counted_week_starts == (monday(0),)
    assert summary.short_week_starts == (monday(1),)
    assert summary.submitted_weeks == 1
    assert summary.has_placement
    assert summary.required_weeks == 20


def test_the_tolerance_is_read_from_the_cohorts_version(personas):
    personas.version.week_tolerance = Decimal("1.00")
    personas.version.save()
    placement = make_placement(personas, percent=50)
    make_timesheet(placement, monday(0), "16.88")
    make_timesheet(placement, monday(1), "18.75")
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.counted_week_starts == (monday(1),)


def test_a_percent_change_mid_placement_applies_to_later_weeks(personas):
    placement = make_placement(personas, percent=50)
    placement_percent_add(
        by=personas.coordinator, placement=placement, percent=60, valid_from=monday(2)
    )
    # 60 % × 37.5 × 0.90 = 20.25 h from week 2; 16.875 h before.
    make_timesheet(placement, monday(0), "17")
    make_timesheet(placement, monday(1), "17")
    make_timesheet(placement, monday(2), "17")
    make_timesheet(placement, monday(3), "20.25")
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.counted_week_starts == (monday(0), monday(1), monday(3))
    assert summary.short_week_starts == (monday(2),)


def _approve(personas, placement, hours):
    sheet = timesheet_save(
        by=personas.participant_user,
        placement=placement,
        week_start=monday(1),
        hours=hours,
        submit=True,
    )
    timesheet_approve(by=personas.supervisor, timesheet=sheet)


def test_a_calendar_week_shared_by_two_placements_counts_once(personas):
    first = make_placement(personas, end=dt.date(2026, 9, 16))  # ends Wednesday of week 1
    second = make_placement(personas, start=dt.date(2026, 9, 17), end=dt.date(2026, 12, 18))
    days = [monday(1) + dt.timedelta(days=n) for n in range(5)]
    _approve(personas, first, {days[0]: Decimal("9"), days[1]: Decimal("9")})
    _approve(personas, second, {days[3]: Decimal("9"), days[4]: Decimal("9")})
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.approved_weeks == 1
    assert summary.counted_week_starts == (monday(1),)


def test_enrolments_without_placement_get_an_empty_summary(personas):
    result = practice_summaries([personas.enrolment.pk, personas.other_enrolment.pk])
    assert result == {
        personas.enrolment.pk: PracticeSummary(),
        personas.other_enrolment.pk: PracticeSummary(),
    }
    assert practice_summaries([]) == {}


def _enrolments_with_weeks(personas, count):
    cohort = make_cohort(personas.version, capacity=50, coordinators=[personas.coordinator])
    enrolments = [make_enrolment(cohort) for _ in range(count)]
    for enrolment in enrolments:
        placement = make_placement(personas, enrolment=enrolment)
        make_timesheet(placement, monday(0), "20")
        make_timesheet(placement, monday(1), "20", status=TimesheetStatus.SUBMITTED)
    return [e.pk for e in enrolments]


def test_the_query_count_is_fixed_for_2_and_for_20_enrolments(personas, django_assert_num_queries):
    few = _enrolments_with_weeks(personas, 2)
    with django_assert_num_queries(3):
        result = practice_summaries(few)
    assert all(s.approved_weeks == 1 and s.submitted_weeks == 1 for s in result.values())
    many = _enrolments_with_weeks(personas, 20)
    with django_assert_num_queries(3):
        result = practice_summaries(many + few)
    assert len(result) == 22
    assert all(s.approved_weeks == 1 for s in result.values())
