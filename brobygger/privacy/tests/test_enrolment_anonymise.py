"""A coordinator anonymises a person early, on request, with a reason."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.assessments.tests.factories import stored_files
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import EndingReason, Participant, Status
from brobygger.enrolments.services import enrolment_transition
from brobygger.privacy.models import Anonymisation
from brobygger.privacy.tests.factories import build_history
from brobygger.testing import make_cohort, make_enrolment, make_programme

pytestmark = pytest.mark.django_db
REASON = "Personen ba om sletting i brev 12.03."
VALID = {"reason": REASON, "confirm": "on"}


def url(enrolment):
    return reverse("enrolment_anonymise", args=[enrolment.pk])


def ended(personas):
    return enrolment_transition(
        by=None,
        enrolment=personas.enrolment,
        to=Status.AVBRUTT,
        on=dt.date(2026, 12, 1),
        reason=EndingReason.MOVED,
    )


def test_it_needs_a_login(client, personas):
    assert "/login/" in client.get(url(personas.enrolment))["Location"]


def test_another_organisation_s_coordinator_gets_404(client, personas):
    enrolment = ended(personas)
    client.force_login(personas.other_coordinator)
    assert client.get(url(enrolment)).status_code == 404
    assert client.post(url(enrolment), VALID).status_code == 404
    assert not Anonymisation.objects.exists()


def test_other_roles_are_refused(client, personas):
    enrolment = ended(personas)
    for user in (personas.participant_user, personas.caseworker, personas.teacher):
        client.force_login(user)
        assert client.post(url(enrolment), VALID).status_code == 403
    assert not Anonymisation.objects.exists()


def test_wrong_method_is_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas.enrolment)).status_code == 405


def test_the_page_says_what_goes_and_what_stays_and_logs_the_read(client, personas):
    enrolment = ended(personas)
    client.force_login(personas.coordinator)
    response = client.get(url(enrolment))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Anonymiser Dina Deltakersen" in page
    assert "Dette fjernes" in page and "Dette blir igjen, til statistikk" in page
    assert "01.12.2031" in page  # when it would happen anyway
    assert AccessEvent.objects.filter(
        participant=enrolment.participant, actor=personas.coordinator
    ).exists()


def test_it_anonymises_with_the_reason_and_audits_it(client, personas, time_machine):
    history = build_history(personas, time_machine)
    client.force_login(personas.coordinator)
    response = client.post(url(history.enrolment), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[history.enrolment.pk])
    person = Participant.objects.get(pk=history.enrolment.participant_id)
    assert person.first_name == "Anonymisert"
    assert stored_files() == []
    record = Anonymisation.objects.get(participant=person)
    assert (record.early, record.reason, record.by) == (True, REASON, personas.coordinator)
    event = AuditEvent.objects.get(object_type="privacy.anonymisation", object_id=str(record.pk))
    assert event.actor == personas.coordinator
    assert event.changes["reason"] == [None, "[skjult]"]  # the reason stays out of the trail
    # Afterwards the page only says it is done.
    assert "ble anonymisert" in client.get(url(history.enrolment)).content.decode()


def test_a_reason_and_the_confirmation_are_required_and_nothing_is_saved(client, personas):
    enrolment = ended(personas)
    client.force_login(personas.coordinator)
    events = AuditEvent.objects.count()
    response = client.post(url(enrolment), {"reason": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv hvorfor opplysningene skal anonymiseres nå." in page
    assert "Bekreft at du forstår at dette ikke kan angres." in page
    assert not Anonymisation.objects.exists()
    assert Participant.objects.get(pk=enrolment.participant_id).first_name == "Dina"
    assert AuditEvent.objects.count() == events


def test_someone_still_taking_part_cannot_be_anonymised(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), VALID)  # Dina: DELTAR
    assert response.status_code == 400
    assert "Personen har en deltakelse som ikke er avsluttet." in response.content.decode()
    assert not Anonymisation.objects.exists()


def test_enrolments_the_coordinator_does_not_manage_block_it(client, personas):
    enrolment = ended(personas)
    stavanger = make_cohort(
        make_programme(personas.stavanger, name="S"), coordinators=[personas.other_coordinator]
    )
    elsewhere = make_enrolment(stavanger, participant=enrolment.participant, status=Status.VURDERES)
    enrolment_transition(
        by=None,
        enrolment=elsewhere,
        to=Status.IKKE_AKTUELL,
        on=dt.date(2026, 8, 1),
        reason=EndingReason.COHORT_FULL,
    )
    client.force_login(personas.coordinator)
    response = client.post(url(enrolment), VALID)
    assert response.status_code == 400
    assert "deltakelser som du ikke er koordinator for" in response.content.decode()
    assert not Anonymisation.objects.exists()
