import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.programmes.models import Session
from brobygger.programmes.selectors import scheduled_hours
from brobygger.programmes.services import series_dates, session_series_create
from brobygger.programmes.tests.factories import login

OUTSIDE = "Økten må ligge innenfor kullets datoer (17.08.2026–21.06.2027)."
TUESDAY, THURSDAY = 1, 3


def url(cohort):
    return reverse("session_series_create", args=[cohort.pk])


def post_data(**overrides):
    data = {
        "weekdays": [TUESDAY, THURSDAY],
        "start_time": "09:00",
        "end_time": "12:00",
        "first_date": "2026-08-18",
        "weeks": "30",
        "last_date": "",
        "topic": "Teori",
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_to_login(client, personas):
    response = client.post(url(personas.cohort), post_data())
    assert response.status_code == 302 and "/konto/login" in response["Location"]
    assert not Session.objects.exists()


def test_other_municipality_gets_404(client, personas):
    login(client, personas.other_coordinator)
    assert client.post(url(personas.cohort), post_data()).status_code == 404
    assert not Session.objects.exists()


def test_the_teacher_is_refused(client, personas):
    assert (
        login(client, personas.teacher).post(url(personas.cohort), post_data()).status_code == 403
    )


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).delete(url(personas.cohort)).status_code == 405


def test_tuesdays_and_thursdays_for_30_weeks_make_60_sessions_of_180_hours(client, personas):
    login(client, personas.coordinator)
    assert client.get(url(personas.cohort)).status_code == 200
    response = client.post(url(personas.cohort), post_data(), follow=True)
    assert Session.objects.filter(cohort=personas.cohort).count() == 60
    assert scheduled_hours(personas.cohort) == Decimal("180")
    assert {s.date.weekday() for s in Session.objects.all()} == {TUESDAY, THURSDAY}
    assert "Opprettet 60 økter, 180 timer." in response.content.decode()
    assert (
        AuditEvent.objects.filter(object_type="programmes.session", action="create").count() == 60
    )


def test_a_series_crossing_the_cohort_end_is_refused_and_saves_nothing(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(first_date="2027-05-04", weeks="8")
    )
    assert response.status_code == 200
    assert OUTSIDE in response.content.decode()
    assert "weeks" in response.context["form"].errors
    assert not Session.objects.exists()
    assert not AuditEvent.objects.filter(object_type="programmes.session").exists()


def test_a_series_can_end_on_a_last_date(client, personas):
    login(client, personas.coordinator).post(
        url(personas.cohort), post_data(weeks="", last_date="2026-08-27")
    )
    assert [s.date.day for s in Session.objects.order_by("date")] == [18, 20, 25, 27]


def test_weeks_or_last_date_is_required_and_not_both(client, personas):
    login(client, personas.coordinator)
    neither = client.post(url(personas.cohort), post_data(weeks=""))
    both = client.post(url(personas.cohort), post_data(last_date="2026-09-01"))
    assert "Oppgi antall uker eller siste dato." in neither.content.decode()
    assert "ikke begge" in both.content.decode()
    assert not Session.objects.exists()


def test_a_series_clashing_with_an_existing_session_saves_nothing(personas):
    session_series_create(
        by=personas.coordinator,
        cohort=personas.cohort,
        weekdays=[THURSDAY],
        start_time=dt.time(11),
        end_time=dt.time(13),
        first_date=dt.date(2026, 9, 3),
        weeks=1,
    )
    with pytest.raises(ValidationError, match="03.09.2026"):
        session_series_create(
            by=personas.coordinator,
            cohort=personas.cohort,
            weekdays=[TUESDAY, THURSDAY],
            start_time=dt.time(9),
            end_time=dt.time(12),
            first_date=dt.date(2026, 8, 18),
            weeks=4,
        )
    assert Session.objects.count() == 1


def test_series_dates_count_whole_weeks_from_the_first_date():
    thursday = dt.date(2026, 8, 20)
    dates = series_dates(weekdays=[TUESDAY, THURSDAY], first_date=thursday, weeks=2)
    assert dates == [thursday, dt.date(2026, 8, 25), dt.date(2026, 8, 27), dt.date(2026, 9, 1)]
    assert series_dates(weekdays=[0], first_date=thursday, last_date=thursday) == []


MONDAY, SATURDAY = 0, 5


def test_a_series_skips_public_holidays_and_says_which(client, personas):
    """Mondays and Saturdays 21.12.2026–17.05.2027: 22 Mondays and 21 Saturdays, of which
    26.12 (a Saturday), Easter Monday, 1 May (a Saturday) and 17 May (Whit Monday) are
    holidays, so 39 sessions."""
    login(client, personas.coordinator)
    response = client.post(
        url(personas.cohort),
        post_data(
            weekdays=[MONDAY, SATURDAY],
            first_date="2026-12-21",
            weeks="",
            last_date="2027-05-17",
        ),
        follow=True,
    )
    skipped = [
        dt.date(2026, 12, 26),
        dt.date(2027, 3, 29),
        dt.date(2027, 5, 1),
        dt.date(2027, 5, 17),
    ]
    dates = set(Session.objects.values_list("date", flat=True))
    assert len(dates) == Session.objects.count() == 39
    assert not dates & set(skipped)
    assert {dt.date(2026, 12, 21), dt.date(2026, 12, 28), dt.date(2027, 5, 15)} <= dates
    assert (
        "Opprettet 39 økter, 117 timer. Hoppet over helligdager: 26.12.2026 (Andre juledag), "
        "29.03.2027 (Andre påskedag), 01.05.2027 (Arbeidernes dag), "
        "17.05.2027 (Andre pinsedag; Grunnlovsdag)."
    ) in response.content.decode()


def test_tuesdays_and_thursdays_over_easter_and_ascension_skip_the_thursdays(personas):
    created = session_series_create(
        by=personas.coordinator,
        cohort=personas.cohort,
        weekdays=[TUESDAY, THURSDAY],
        start_time=dt.time(9),
        end_time=dt.time(12),
        first_date=dt.date(2027, 3, 23),
        last_date=dt.date(2027, 5, 13),
    )
    assert created.skipped == [dt.date(2027, 3, 25), dt.date(2027, 5, 6)]
    assert len(created) == 16 - 2
    assert [s.date for s in created] == sorted(Session.objects.values_list("date", flat=True))


def test_a_series_of_holidays_only_is_refused(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort),
        post_data(weekdays=[4], first_date="2026-12-25", weeks="", last_date="2026-12-25"),
    )
    assert response.status_code == 200
    assert "Alle datoene i serien er helligdager." in response.content.decode()
    assert not Session.objects.exists()


def test_a_series_without_holidays_says_nothing_about_them(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(weeks="", last_date="2026-08-27"), follow=True
    )
    html = response.content.decode()
    assert "Opprettet 4 økter, 12 timer." in html
    assert "Hoppet over" not in html
