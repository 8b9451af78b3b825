import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from brobygger.enrolments.models import Status
from brobygger.enrolments.panels import enrolment_panel
from brobygger.enrolments.services import enrolment_transition, participation_period_create

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)


def panel_for(user, enrolment, path="/deltakelser/1/"):
    request = RequestFactory().get(path)
    request.user = user
    return str(enrolment_panel(request, enrolment))


@pytest.fixture
def with_note(personas):
    enrolment_transition(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        to=Status.PERMISJON,
        on=dt.date(2026, 8, 20),
        note="Intern merknad om helse",
    )
    participation_period_create(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        percent=50,
        days_per_week=3,
        valid_from=dt.date(2026, 8, 17),
    )
    personas.enrolment.refresh_from_db()
    return personas.enrolment


def test_the_coordinator_sees_everything_and_only_allowed_targets(personas, with_note):
    html = panel_for(personas.coordinator, with_note)
    assert "Statushistorikk" in html
    assert "Intern merknad om helse" in html
    assert "Registrert av" in html
    assert "Kora" in html  # who made the change
    assert 'name="to"' in html and 'name="percent"' in html
    # From PERMISJON only DELTAR, AVBRUTT and FEILREGISTRERT are allowed.
    assert '<option value="DELTAR"' in html
    assert '<option value="AVBRUTT"' in html
    assert '<option value="FULLFORT"' not in html
    assert '<option value="SOKT_INN"' not in html
    assert 'name="next" value="/deltakelser/1/"' in html
    assert "50 %" in html


def test_the_participant_sees_status_and_dates_only(personas, with_note):
    html = panel_for(personas.participant_user, with_note)
    assert "Permisjon" in html
    assert "20.08.2026" in html
    assert "Intern merknad om helse" not in html
    assert "Registrert av" not in html
    assert "Kora" not in html
    assert 'name="to"' not in html and 'name="percent"' not in html


def test_the_caseworker_sees_the_history_read_only(personas, with_note):
    html = panel_for(personas.caseworker, with_note)
    assert "Intern merknad om helse" in html
    assert 'name="to"' not in html and 'name="percent"' not in html


def test_anyone_else_sees_nothing(personas, with_note):
    assert panel_for(personas.other_coordinator, with_note) == ""
    assert panel_for(personas.other_participant_user, with_note) == ""


def test_the_query_count_does_not_grow_with_history(personas):
    enrolment = personas.enrolment
    with CaptureQueriesContext(connection) as short:
        panel_for(personas.coordinator, enrolment)
    for day in (20, 21, 22):
        enrolment = (
            enrolment_transition(
                by=personas.coordinator,
                enrolment=enrolment,
                to=Status.PERMISJON,
                on=dt.date(2026, 8, day),
            )
            if enrolment.status == Status.DELTAR
            else enrolment_transition(
                by=personas.coordinator,
                enrolment=enrolment,
                to=Status.DELTAR,
                on=dt.date(2026, 8, day),
            )
        )
        participation_period_create(
            by=personas.coordinator,
            enrolment=enrolment,
            percent=40 + day,
            valid_from=dt.date(2026, 8, day),
        )
    with CaptureQueriesContext(connection) as long:
        panel_for(personas.coordinator, enrolment)
    assert len(long) == len(short) == 4  # memberships, managed?, history, periods


def test_the_status_form_refuses_fullfort_posted_by_hand(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        f"/deltakelser/{personas.enrolment.pk}/status/",
        {"to": "FULLFORT", "on": personas.cohort.start_date.isoformat()},
    )
    assert "Bekreft fullføring" in response.content.decode()
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == "DELTAR"
