import datetime as dt

from django.test import Client
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.programmes.models import SessionStatus
from brobygger.programmes.tests.factories import login
from brobygger.testing import make_session

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


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    session = make_session(personas.cohort, date=dt.date(2026, 8, 18))
    first, second = (login(Client(), personas.coordinator) for _ in range(2))
    edit = url(session)
    token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
    assert first.post(edit, post_data(personas, edit_token=token_first)).status_code == 302
    late = post_data(personas, date="2026-08-25", topic="Min endring", edit_token=token_second)
    response = second.post(edit, late)
    fresh = refused_as_stale(
        response, "Dato (nå «20.08.2026»)", "Fra (nå «10:00»)", "Tema eller modul (nå «Flyttet»)"
    )
    session.refresh_from_db()
    assert (session.date, session.topic) == (dt.date(2026, 8, 20), "Flyttet")

    assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    session.refresh_from_db()
    assert (session.date, session.topic) == (dt.date(2026, 8, 25), "Min endring")


def test_a_cancellation_made_meanwhile_refuses_the_edit(client, personas):
    session = make_session(personas.cohort, date=dt.date(2026, 8, 18))
    login(client, personas.coordinator)
    token = loaded_token(client, url(session))
    client.post(reverse("session_cancel", args=[session.pk]), {"reason": "Syk"})
    response = client.post(url(session), post_data(personas, edit_token=token))
    refused_as_stale(response, "Status (nå «Avlyst»)")
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.topic != "Flyttet"
