"""The practice-week rule in weeks with Norwegian public holidays, computed by hand.

At 50 % an ordinary week expects 50 % × 37.5 h = 18.75 h; each public holiday Monday to Friday
takes 50 % × 7.5 h = 3.75 h off. A holiday on a Saturday or Sunday changes nothing.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from brobygger.core.public_holidays import holiday_name, is_public_holiday, weekday_holidays
from brobygger.placements.models import PlacementPercent, Timesheet, TimesheetStatus
from brobygger.placements.rules import required_hours, week_row
from brobygger.placements.selectors import practice_summaries
from brobygger.placements.tests.factories import make_placement, make_timesheet

D = dt.date
ONE = Decimal("1.00")


def expected(week: dt.date, percent: int = 50, tolerance: Decimal = ONE) -> Decimal:
    periods = [PlacementPercent(percent=percent, valid_from=week)]
    return week_row(week_start=week, timesheet=None, percents=periods, tolerance=tolerance).required


@pytest.mark.parametrize(
    ("week", "holidays", "hours"),
    [
        (D(2026, 9, 7), [], "18.75"),  # an ordinary week
        # Easter 2026: Maundy Thursday 2.4 and Good Friday 3.4; Easter Monday 6.4.
        (D(2026, 3, 30), [D(2026, 4, 2), D(2026, 4, 3)], "11.25"),
        (D(2026, 4, 6), [D(2026, 4, 6)], "15"),
        # Easter 2027: 25.3 and 26.3; Easter Monday 29.3.
        (D(2027, 3, 22), [D(2027, 3, 25), D(2027, 3, 26)], "11.25"),
        (D(2027, 3, 29), [D(2027, 3, 29)], "15"),
        # 1 May 2026 is a Friday; in 2027 a Saturday, so that week is ordinary.
        (D(2026, 4, 27), [D(2026, 5, 1)], "15"),
        (D(2027, 4, 26), [], "18.75"),
        # Ascension Day, Thursday 14.5.2026 (17 May that week is a Sunday: no change).
        (D(2026, 5, 11), [D(2026, 5, 14)], "15"),
        (D(2027, 5, 3), [D(2027, 5, 6)], "15"),
        # Whit Monday 25.5.2026; in 2027 Whit Monday is 17 May itself: one day off, not two.
        (D(2026, 5, 25), [D(2026, 5, 25)], "15"),
        (D(2027, 5, 17), [D(2027, 5, 17)], "15"),
        # 17 May on a Wednesday (2028).
        (D(2028, 5, 15), [D(2028, 5, 17)], "15"),
        # Christmas 2026: 25.12 a Friday, 26.12 a Saturday; Christmas Eve is a working day.
        (D(2026, 12, 21), [D(2026, 12, 25)], "15"),
        # Christmas 2028: Monday and Tuesday.
        (D(2028, 12, 25), [D(2028, 12, 25), D(2028, 12, 26)], "11.25"),
        # Christmas 2027 falls on the weekend; New Year's Day 2027 is a Friday.
        (D(2027, 12, 20), [], "18.75"),
        (D(2026, 12, 28), [D(2027, 1, 1)], "15"),
    ],
)
def test_a_50_percent_week_expects_3_75_hours_less_per_weekday_holiday(week, holidays, hours):
    assert weekday_holidays(week) == holidays
    assert expected(week) == Decimal(hours)


def test_the_tolerance_and_the_percent_apply_to_the_lowered_week():
    seventeenth_may = D(2028, 5, 15)
    assert expected(seventeenth_may, tolerance=Decimal("0.90")) == Decimal("13.5")  # 15 × 0.9
    assert expected(D(2028, 12, 25), percent=100) == Decimal("22.5")  # 37.5 − 2 × 7.5
    assert expected(D(2026, 3, 30), percent=60, tolerance=Decimal("0.90")) == Decimal("12.15")
    assert required_hours(50, ONE, holidays=5) == 0  # never below nothing


def test_the_working_day_is_a_fifth_of_the_full_week_in_settings(settings):
    settings.HOURS_PER_FULL_WEEK = 40
    assert required_hours(50, ONE, holidays=1) == Decimal("16")  # 50 % × (40 − 8)


def test_the_reason_and_the_row_name_the_holidays():
    week = D(2028, 5, 15)
    sheet = Timesheet(week_start=week, status=TimesheetStatus.APPROVED, total_hours=Decimal(15))
    periods = [PlacementPercent(percent=50, valid_from=week)]
    row = week_row(week_start=week, timesheet=sheet, percents=periods, tolerance=ONE)
    assert row.counts
    assert row.reason == "Teller: 15 t av 15 t som kreves (50 %, 1 helligdag)."
    assert row.holidays_display == "17.05. (Grunnlovsdag)"
    sheet.total_hours = Decimal("11")
    easter = week_row(week_start=D(2027, 3, 22), timesheet=sheet, percents=periods, tolerance=ONE)
    assert easter.reason == "Teller ikke: 11 t, men 11,25 t kreves (50 %, 2 helligdager)."


def test_which_days_are_public_holidays():
    assert holiday_name(D(2027, 5, 6)) == "Kristi himmelfartsdag"
    assert is_public_holiday(D(2026, 12, 26))  # a Saturday, still a holiday for a series
    assert is_public_holiday(D(2027, 3, 28))  # Easter Sunday
    assert not is_public_holiday(D(2026, 12, 24))
    assert not is_public_holiday(D(2026, 12, 31))
    assert not is_public_holiday(D(2026, 9, 13))  # an ordinary Sunday
    # Any day of the week finds the holidays of its Monday-week.
    assert weekday_holidays(D(2026, 12, 27)) == [D(2026, 12, 25)]


def test_an_approved_christmas_week_counts_with_fewer_hours(personas):
    """Tolerance 0.90: ordinary weeks need 16.875 h, the week of 25.12.2026 needs 13.5 h."""
    placement = make_placement(personas, percent=50)
    christmas, ordinary = D(2026, 12, 21), D(2026, 12, 14)
    make_timesheet(placement, christmas, "13.5")
    make_timesheet(placement, ordinary, "13.5")
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert summary.counted_week_starts == (christmas,)
    assert summary.short_week_starts == (ordinary,)


def test_the_timesheet_page_shows_the_lowered_requirement_and_why(client, personas):
    placement = make_placement(personas, percent=50)
    client.force_login(personas.participant_user)
    response = client.get(reverse("timesheet_edit", args=[placement.pk, "2026-12-21"]))
    html = response.content.decode()
    assert "Uka teller når du har minst 13,5 timer godkjent (50 % praksis)." in html
    assert "Kravet er lavere fordi uka har helligdager: 25.12. (Første juledag)." in html


def test_the_supervisor_sees_the_lowered_requirement_and_why(client, personas):
    placement = make_placement(personas, percent=50)
    sheet = make_timesheet(placement, D(2026, 12, 21), "13.5", status=TimesheetStatus.SUBMITTED)
    client.force_login(personas.supervisor)
    html = client.get(reverse("timesheet_review", args=[sheet.pk])).content.decode()
    assert "13,5 timer (50 % praksis)" in html
    assert "Lavere på grunn av helligdager: 25.12. (Første juledag)." in html
    assert "Uka teller ikke med" not in html  # 13.5 h is enough in this week
