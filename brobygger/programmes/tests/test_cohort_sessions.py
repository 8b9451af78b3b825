import datetime as dt

from django.urls import reverse

from brobygger.programmes.models import SessionStatus
from brobygger.programmes.tests.factories import login, make_sessions, make_teacher
from brobygger.testing import make_session


def url(cohort):
    return reverse("cohort_sessions", args=[cohort.pk])


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(url(personas.cohort))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    assert login(client, personas.other_coordinator).get(url(personas.cohort)).status_code == 404


def test_a_teacher_of_another_cohort_gets_404(client, personas):
    stranger = make_teacher(personas.bergen)
    assert login(client, stranger).get(url(personas.cohort)).status_code == 404


def test_a_supervisor_is_refused(client, personas):
    assert login(client, personas.supervisor).get(url(personas.cohort)).status_code == 403


def test_it_refuses_post(client, personas):
    assert login(client, personas.coordinator).post(url(personas.cohort)).status_code == 405


def test_the_coordinator_sees_hours_and_every_action(client, personas):
    first, second = make_sessions(personas.cohort, 2)  # 3 h each
    second.status, second.cancel_reason = SessionStatus.CANCELLED, "Underviser syk"
    second.save()
    response = login(client, personas.coordinator).get(url(personas.cohort))
    page = response.content.decode()
    assert response.context["page"].scheduled_hours == 3
    assert "3 av 180 timer teori er planlagt." in page
    assert "177 timer mangler i planen." in page
    assert "Underviser syk" in page and "Avlyst" in page
    assert reverse("session_attendance", args=[first.pk]) in page
    for name in ("session_create", "session_series_create"):
        assert reverse(name, args=[personas.cohort.pk]) in page
    assert reverse("session_edit", args=[first.pk]) in page
    assert reverse("session_cancel", args=[first.pk]) in page


def test_the_teacher_sees_the_sessions_but_no_edit_actions(client, personas):
    session = make_session(personas.cohort)
    response = login(client, personas.teacher).get(url(personas.cohort))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("session_attendance", args=[session.pk]) in page
    assert reverse("session_edit", args=[session.pk]) not in page
    assert reverse("session_cancel", args=[session.pk]) not in page
    assert reverse("session_create", args=[personas.cohort.pk]) not in page


def test_sessions_are_in_date_order(client, personas):
    later = make_session(personas.cohort, date=dt.date(2026, 9, 1))
    earlier = make_session(personas.cohort, date=dt.date(2026, 8, 18))
    response = login(client, personas.coordinator).get(url(personas.cohort))
    assert response.context["page"].sessions == [earlier, later]


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    login(client, personas.coordinator)
    make_sessions(personas.cohort, 2, teacher=personas.teacher)
    with django_assert_num_queries(6):
        client.get(url(personas.cohort))
    make_sessions(personas.cohort, 20, first=dt.date(2026, 9, 1), teacher=personas.teacher)
    with django_assert_num_queries(6):
        assert len(client.get(url(personas.cohort)).context["page"].sessions) == 22
