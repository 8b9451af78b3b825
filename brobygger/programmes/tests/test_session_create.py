import datetime as dt

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.programmes.models import Session
from brobygger.programmes.tests.factories import login, make_teacher
from brobygger.testing import make_session

OUTSIDE = "Økten må ligge innenfor kullets datoer (17.08.2026–21.06.2027)."


def url(cohort):
    return reverse("session_create", args=[cohort.pk])


def post_data(personas, **overrides):
    data = {
        "date": "2026-08-18",
        "start_time": "09:00",
        "end_time": "12:00",
        "topic": "Recovery",
        "teacher": personas.teacher.pk,
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_to_login(client, personas):
    response = client.post(url(personas.cohort), post_data(personas))
    assert response.status_code == 302 and "/konto/login" in response["Location"]
    assert not Session.objects.exists()


def test_other_municipality_gets_404(client, personas):
    response = login(client, personas.other_coordinator).post(
        url(personas.cohort), post_data(personas)
    )
    assert response.status_code == 404
    assert not Session.objects.exists()


def test_the_teacher_is_refused(client, personas):
    response = login(client, personas.teacher).post(url(personas.cohort), post_data(personas))
    assert response.status_code == 403
    assert not Session.objects.exists()


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).put(url(personas.cohort)).status_code == 405


def test_it_creates_a_session_with_one_audit_event(client, personas):
    login(client, personas.coordinator)
    assert client.get(url(personas.cohort)).status_code == 200
    response = client.post(url(personas.cohort), post_data(personas))
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_sessions", args=[personas.cohort.pk])
    session = Session.objects.get()
    assert (session.date, session.hours, session.teacher) == (
        dt.date(2026, 8, 18),
        3,
        personas.teacher,
    )
    assert AuditEvent.objects.filter(object_type="programmes.session", action="create").count() == 1


def test_a_date_outside_the_cohort_is_refused(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(personas, date="2027-06-22")
    )
    assert response.status_code == 200
    assert OUTSIDE in response.content.decode()
    assert not Session.objects.exists()


def test_an_end_before_the_start_is_refused(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(personas, end_time="08:00")
    )
    assert "Sluttiden må være etter starttiden." in response.content.decode()
    assert not Session.objects.exists()


def test_only_the_cohorts_teachers_can_be_chosen(client, personas):
    outsider = make_teacher(personas.bergen)
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(personas, teacher=outsider.pk)
    )
    assert "teacher" in response.context["form"].errors
    assert not Session.objects.exists()


def test_an_overlapping_session_is_refused(client, personas):
    make_session(personas.cohort, date=dt.date(2026, 8, 18), start=dt.time(11), end=dt.time(13))
    response = login(client, personas.coordinator).post(url(personas.cohort), post_data(personas))
    assert "Kullet har allerede en økt som overlapper i tidsrommet: 18.08.2026." in (
        response.content.decode()
    )
    assert Session.objects.count() == 1
