import datetime as dt

from django.urls import reverse

from brobygger.core.testing import make_cohort, make_programme, make_session
from brobygger.programmes.tests.factories import DURING, frozen, login, make_sessions

URL = reverse("my_sessions")
TODAY = DURING.date()  # 01.10.2026


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_a_coordinator_is_refused(client, personas):
    assert login(client, personas.coordinator).get(URL).status_code == 403


def test_it_refuses_post(client, personas):
    assert login(client, personas.teacher).post(URL).status_code == 405


def test_it_shows_upcoming_and_past_sessions_of_the_teachers_cohorts(client, personas):
    past = make_session(personas.cohort, date=TODAY - dt.timedelta(days=2))
    today = make_session(personas.cohort, date=TODAY)
    elsewhere = make_session(
        make_cohort(make_programme(personas.bergen)), date=TODAY, start=dt.time(13), end=dt.time(15)
    )
    with frozen(DURING):
        response = login(client, personas.teacher).get(URL)
    assert response.context["upcoming"] == [today]
    assert response.context["past"] == [past]
    page = response.content.decode()
    assert reverse("session_attendance", args=[today.pk]) in page
    assert personas.cohort.name in page
    assert reverse("session_attendance", args=[elsewhere.pk]) not in page


def test_it_keeps_to_the_next_20_and_the_last_10(client, personas):
    make_sessions(personas.cohort, 12, first=TODAY - dt.timedelta(days=12))
    make_sessions(personas.cohort, 25, first=TODAY)
    with frozen(DURING):
        response = login(client, personas.teacher).get(URL)
    upcoming, past = response.context["upcoming"], response.context["past"]
    assert len(upcoming) == 20 and upcoming[0].date == TODAY
    assert len(past) == 10 and past[0].date == TODAY - dt.timedelta(days=1)


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    login(client, personas.teacher)
    make_sessions(personas.cohort, 2, first=TODAY - dt.timedelta(days=1))
    with frozen(DURING), django_assert_num_queries(5):
        client.get(URL)
    make_sessions(personas.cohort, 30, first=TODAY + dt.timedelta(days=5), teacher=personas.teacher)
    with frozen(DURING), django_assert_num_queries(5):
        assert len(client.get(URL).context["upcoming"]) == 20
