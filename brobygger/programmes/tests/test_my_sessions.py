import datetime as dt

from django.urls import reverse

from brobygger.programmes.tests.factories import DURING, frozen, login, make_sessions
from brobygger.testing import make_cohort, make_programme, make_session

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


# Every session they teach, by cohort and date (issue 13)


def test_it_lists_the_teachers_cohorts_with_links_to_sessions_and_the_matrix(client, personas):
    older = make_cohort(personas.version, start=dt.date(2024, 8, 19), teachers=[personas.teacher])
    make_cohort(make_programme(personas.bergen))  # not theirs
    with frozen(DURING):
        response = login(client, personas.teacher).get(URL)
    assert response.context["cohorts"] == [personas.cohort, older]
    page = response.content.decode()
    for cohort in (personas.cohort, older):
        assert reverse("cohort_sessions", args=[cohort.pk]) in page
        assert reverse("cohort_attendance", args=[cohort.pk]) in page


def test_every_session_is_reached_by_cohort_and_date_a_page_at_a_time(client, personas):
    older = make_cohort(personas.version, start=dt.date(2024, 8, 19), teachers=[personas.teacher])
    old = make_sessions(older, 30, first=dt.date(2024, 8, 19))
    make_sessions(personas.cohort, 3, first=TODAY)
    login(client, personas.teacher)
    with frozen(DURING):
        everything = client.get(URL)
        assert everything.context["page"].paginator.count == 33
        assert len(everything.context["page"].object_list) == 25
        response = client.get(URL, {"kull": older.pk, "side": 2})
        assert list(response.context["page"].object_list) == old[25:]
        assert f"kull={older.pk}&amp;side=1" in response.content.decode()
        response = client.get(URL, {"kull": older.pk, "fra": "2024-08-20", "til": "2024-08-21"})
    assert list(response.context["page"].object_list) == old[1:3]
    assert reverse("session_attendance", args=[old[1].pk]) in response.content.decode()


def test_a_cohort_they_do_not_teach_or_a_backwards_range_is_refused(client, personas):
    foreign = make_cohort(make_programme(personas.bergen))
    make_session(foreign, date=TODAY)
    login(client, personas.teacher)
    with frozen(DURING):
        response = client.get(URL, {"kull": foreign.pk})
        assert response.status_code == 200 and response.context["filter_form"].errors
        assert response.context["page"].paginator.count == 0
        response = client.get(URL, {"fra": "2026-10-02", "til": "2026-10-01"})
    assert "Til-datoen kan ikke være før fra-datoen." in response.content.decode()


# 5 (session, user, roles, the next and the latest sessions) + the cohorts, and the count and
# the page of every session (issue 13).
def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    login(client, personas.teacher)
    make_sessions(personas.cohort, 2, first=TODAY - dt.timedelta(days=1))
    with frozen(DURING), django_assert_num_queries(8):
        client.get(URL)
    make_sessions(personas.cohort, 30, first=TODAY + dt.timedelta(days=5), teacher=personas.teacher)
    make_cohort(personas.version, teachers=[personas.teacher])
    with frozen(DURING), django_assert_num_queries(8):
        response = client.get(URL, {"side": 2})
    assert len(response.context["upcoming"]) == 20
    assert len(response.context["page"].object_list) == 7
