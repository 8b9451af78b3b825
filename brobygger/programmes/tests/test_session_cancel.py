from decimal import Decimal

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.programmes.models import SessionStatus
from brobygger.programmes.selectors import scheduled_hours
from brobygger.programmes.tests.factories import HX, login
from brobygger.testing import make_session


def url(session):
    return reverse("session_cancel", args=[session.pk])


def test_it_sends_anonymous_to_login(client, personas):
    session = make_session(personas.cohort)
    response = client.post(url(session), {"reason": "Syk"})
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    session = make_session(personas.cohort)
    response = login(client, personas.other_coordinator).post(url(session), {"reason": "Syk"})
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_the_teacher_is_refused(client, personas):
    session = make_session(personas.cohort)
    assert login(client, personas.teacher).post(url(session), {"reason": "Syk"}).status_code == 403
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_get_is_refused(client, personas):
    session = make_session(personas.cohort)
    assert login(client, personas.coordinator).get(url(session)).status_code == 405


def test_it_cancels_with_a_reason_and_the_hours_drop(client, personas):
    session = make_session(personas.cohort)
    assert scheduled_hours(personas.cohort) == Decimal("3")
    response = login(client, personas.coordinator).post(url(session), {"reason": "Underviser syk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_sessions", args=[personas.cohort.pk])
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == (SessionStatus.CANCELLED, "Underviser syk")
    assert scheduled_hours(personas.cohort) == 0
    event = AuditEvent.objects.get(object_id=session.pk, action="cancel")
    assert event.changes == {
        "status": ["planned", "cancelled"],
        "cancel_reason": ["", "[skjult]"],  # free text (here: someone's sickness)
    }


def test_a_reason_is_required_and_nothing_changes(client, personas):
    session = make_session(personas.cohort)
    response = login(client, personas.coordinator).post(url(session), {"reason": "  "})
    assert response.status_code == 200
    assert "Skriv hvorfor økten avlyses." in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert not AuditEvent.objects.filter(object_id=session.pk, action="cancel").exists()


def test_htmx_gets_the_sessions_section_with_new_totals(client, personas):
    session = make_session(personas.cohort)
    make_session(personas.cohort, date=personas.cohort.start_date.replace(day=18))
    response = login(client, personas.coordinator).post(url(session), {"reason": "Storm"}, **HX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="sessions-section"')
    assert "Økten er avlyst." in page
    assert "3 av 180 timer teori er planlagt." in page


def test_htmx_without_a_reason_shows_the_message_in_the_row(client, personas):
    session = make_session(personas.cohort)
    response = login(client, personas.coordinator).post(url(session), {"reason": ""}, **HX)
    page = response.content.decode()
    assert f'id="reason-{session.pk}-error"' in page
    assert "Skriv hvorfor økten avlyses." in page
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_an_already_cancelled_session_is_refused(client, personas):
    session = make_session(personas.cohort)
    login(client, personas.coordinator).post(url(session), {"reason": "Første"})
    response = client.post(url(session), {"reason": "Andre"})
    assert "Økten er allerede avlyst." in response.content.decode()
    session.refresh_from_db()
    assert session.cancel_reason == "Første"
