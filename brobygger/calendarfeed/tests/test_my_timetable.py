"""The participant's timetable: the section on GET /meg/ and the page GET /meg/timeplan/."""

import datetime as dt

from django.test import RequestFactory
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.calendarfeed.panels import my_timetable_panel
from brobygger.calendarfeed.tests.factories import TODAY, cancel, sessions_from
from brobygger.enrolments.models import Status
from brobygger.testing import make_cohort, make_enrolment, make_session, make_user

MY_PAGE = "/meg/"
# The session, the user, their memberships, the sessions and the live feed; the base page's
# other reads (the notification count) come from what those already fetched.
QUERIES_TIMETABLE_PAGE = 5
URL = "/meg/timeplan/"


def test_the_url_name():
    assert reverse("my_timetable") == URL


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_staff_roles_are_refused(client, personas):
    for user in (personas.coordinator, personas.teacher, personas.admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(URL).status_code == 405


def test_my_page_shows_the_next_sessions_and_marks_the_cancelled_one(client, personas):
    past = make_session(personas.cohort, date=TODAY - dt.timedelta(days=1))
    upcoming = sessions_from(personas.cohort, TODAY, 3)
    cancel(upcoming[1], by=personas.coordinator)
    other = make_session(personas.other_cohort, date=TODAY)  # Stavanger's cohort
    client.force_login(personas.participant_user)

    html = client.get(MY_PAGE).content.decode()

    assert "Timeplan" in html
    for session in upcoming:
        assert session.topic in html
    assert past.topic not in html
    assert other.topic not in html
    assert html.count(">Avlyst<") == 1
    assert "Underviser Ulla er syk" not in html  # the reason is for staff
    assert personas.cohort.place in html
    assert "15.09.2026" in html
    assert "09:00–12:00" in html
    assert reverse("my_timetable") in html


def test_my_page_shows_at_most_ten_and_links_to_the_whole_timetable(client, personas):
    sessions = sessions_from(personas.cohort, TODAY, 12)
    client.force_login(personas.participant_user)

    html = client.get(MY_PAGE).content.decode()

    assert all(s.topic in html for s in sessions[:10])
    assert sessions[10].topic not in html
    assert "Hele timeplanen" in html
    page = client.get(URL).content.decode()
    assert all(s.topic in page for s in sessions)


def test_an_applicant_sees_no_timetable_on_my_page(client, personas):
    user = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    cohort = make_cohort(personas.version, start=dt.date(2027, 1, 4))
    enrolment = make_enrolment(cohort, status=Status.SOKT_INN)
    enrolment.participant.user = user
    enrolment.participant.save(update_fields=["user"])
    make_session(cohort, date=dt.date(2027, 1, 5))
    client.force_login(user)

    html = client.get(MY_PAGE).content.decode()

    assert 'id="timetable-panel"' not in html
    assert "Ingen kommende økter." in client.get(URL).content.decode()


def test_a_discontinued_participant_no_longer_sees_the_cohort(client, personas):
    from brobygger.enrolments.services import enrolment_transition

    make_session(personas.cohort, date=TODAY)
    enrolment_transition(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        to=Status.AVBRUTT,
        on=TODAY,
        reason="ILLNESS",
    )
    client.force_login(personas.participant_user)
    assert "Ingen kommende økter." in client.get(URL).content.decode()


def _panel_request(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().get(MY_PAGE)
    request.user = user
    # Behind @roles the memberships are read once per request; the panel reuses them.
    request._brobygger_memberships = [(Role.PARTICIPANT, 0)]  # type: ignore[attr-defined]
    return request


def test_the_timetable_section_is_one_query_however_many_sessions(
    personas, django_assert_num_queries
):
    sessions = sessions_from(personas.cohort, TODAY, 2)
    cancel(sessions[0], by=personas.coordinator)
    with django_assert_num_queries(1):
        html = my_timetable_panel(_panel_request(personas.participant_user))
    assert html.count("<tr>") == 1 + 2
    sessions_from(personas.cohort, TODAY + dt.timedelta(days=2), 20)
    with django_assert_num_queries(1):
        html = my_timetable_panel(_panel_request(personas.participant_user))
    assert html.count("<tr>") == 1 + 10


def test_the_timetable_page_has_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    sessions_from(personas.cohort, TODAY, 2)
    client.force_login(personas.participant_user)
    client.get(URL)
    with django_assert_num_queries(QUERIES_TIMETABLE_PAGE):
        assert client.get(URL).status_code == 200
    sessions_from(personas.cohort, TODAY + dt.timedelta(days=2), 20)
    with django_assert_num_queries(QUERIES_TIMETABLE_PAGE):
        assert client.get(URL).content.decode().count("<tr>") == 1 + 22
