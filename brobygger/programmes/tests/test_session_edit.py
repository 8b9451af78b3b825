import datetime as dt

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.testing import make_session
from brobygger.programmes.models import SessionStatus
from brobygger.programmes.tests.factories import login

OUTSIDE = "Økten må ligge innenfor kullets datoer (17.08.2026–21.06.2027)."


def url(session):
    return reverse("session_edit", args=[session.pk])


def post_data(personas, **overrides):
    data = {
        "date": "2026-08-20",
        "start_time": "10:00",
        "end_time": "14:00",
        "topic": "Flyttet",
        "teacher": personas.teacher.pk,
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(url(make_session(personas.cohort)))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    session = make_session(personas.cohort)
    login(client, personas.other_coordinator)
    assert client.post(url(session), post_data(personas)).status_code == 404
    session.refresh_from_db()
    assert session.topic != "Flyttet"


def test_the_teacher_is_refused(client, personas):
    session = make_session(personas.cohort)
    assert (
        login(client, personas.teacher).post(url(session), post_data(personas)).status_code == 403
    )
    session.refresh_from_db()
    assert session.topic != "Flyttet"


def test_wrong_method_is_refused(client, personas):
    session = make_session(personas.cohort)
    assert login(client, personas.coordinator).put(url(session)).status_code == 405


def test_it_moves_the_session_and_audits_old_and_new(client, personas):
    session = make_session(personas.cohort, date=dt.date(2026, 8, 18))
    login(client, personas.coordinator)
    assert client.get(url(session)).context["form"].initial["date"] == dt.date(2026, 8, 18)
    response = client.post(url(session), post_data(personas))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.hours, session.topic) == (dt.date(2026, 8, 20), 4, "Flyttet")
    event = AuditEvent.objects.get(object_id=session.pk, action="update")
    assert event.changes["date"] == ["2026-08-18", "2026-08-20"]
    assert event.changes["start_time"] == ["09:00:00", "10:00:00"]


def test_a_move_outside_the_cohort_is_refused(client, personas):
    session = make_session(personas.cohort)
    response = login(client, personas.coordinator).post(
        url(session), post_data(personas, date="2026-08-16")
    )
    assert OUTSIDE in response.content.decode()
    session.refresh_from_db()
    assert session.date == personas.cohort.start_date
    assert not AuditEvent.objects.filter(object_id=session.pk, action="update").exists()


def test_a_cancelled_session_can_be_reinstated(client, personas):
    session = make_session(personas.cohort)
    session.status, session.cancel_reason = SessionStatus.CANCELLED, "Streik"
    session.save()
    login(client, personas.coordinator)
    assert "Økten er avlyst: Streik" in client.get(url(session)).content.decode()
    client.post(url(session), post_data(personas, reinstate="on"))
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (SessionStatus.PLANNED, "")
