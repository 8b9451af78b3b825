import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.enrolments.tests.factories import candidate_post, synthetic_fnr
from brobygger.testing import make_participant

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)


def url(cohort):
    return reverse("application_create", args=[cohort.pk])


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas.cohort))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_coordinator_gets_404_and_saves_nothing(client, personas):
    client.force_login(personas.other_coordinator)
    before = Participant.objects.count()
    assert client.get(url(personas.cohort)).status_code == 404
    assert client.post(url(personas.cohort), candidate_post()).status_code == 404
    assert Participant.objects.count() == before


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas.cohort)).status_code == 405


def test_the_form_shows_today_as_the_application_date(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(url(personas.cohort))
    assert response.status_code == 200
    assert 'value="2026-06-01"' in response.content.decode()


def test_it_registers_a_new_applicant_with_history_and_audit(client, personas):
    client.force_login(personas.coordinator)
    fnr = synthetic_fnr()
    response = client.post(url(personas.cohort), candidate_post(national_id=fnr))
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_applications", args=[personas.cohort.pk])
    participant = Participant.objects.get(national_id=fnr)
    assert participant.municipality_id == "4601"
    enrolment = Enrolment.objects.get(participant=participant)
    assert enrolment.cohort == personas.cohort
    assert enrolment.status == Status.SOKT_INN
    assert enrolment.applied_on == dt.date(2026, 5, 1)
    assert enrolment.referred_by is None
    assert list(enrolment.history.values_list("status", "valid_from", "created_by")) == [
        (Status.SOKT_INN, dt.date(2026, 5, 1), personas.coordinator.pk)
    ]
    assert AuditEvent.objects.filter(
        object_type="enrolments.enrolment", object_id=str(enrolment.pk), action="create"
    ).exists()
    assert fnr not in response["Location"]


def test_it_reuses_the_participant_with_the_same_national_id(client, personas):
    fnr = synthetic_fnr()
    existing = make_participant("Eva", "Eksisterende", national_id=fnr)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), candidate_post(national_id=fnr))
    assert response.status_code == 302
    assert Participant.objects.filter(national_id=fnr).count() == 1
    enrolment = Enrolment.objects.get(participant=existing)
    assert enrolment.cohort == personas.cohort
    existing.refresh_from_db()
    assert existing.first_name == "Eva"  # the stored record is not overwritten


def test_an_invalid_national_id_is_refused_and_nothing_saved(client, personas):
    client.force_login(personas.coordinator)
    before = (Participant.objects.count(), Enrolment.objects.count())
    response = client.post(url(personas.cohort), candidate_post(national_id="12345678901"))
    assert response.status_code == 200
    assert "Fødselsnummeret er ikke gyldig" in response.content.decode()
    assert response.context["form"].errors["national_id"]
    assert (Participant.objects.count(), Enrolment.objects.count()) == before


def test_a_birth_date_that_does_not_match_the_national_id_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.cohort),
        candidate_post(national_id=synthetic_fnr(dt.date(1990, 5, 17)), birth_date="1991-01-01"),
    )
    assert "Fødselsdatoen stemmer ikke" in response.content.decode()
    assert not Participant.objects.filter(last_name="Søkersen").exists()


def test_a_missing_name_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), candidate_post(first_name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]
    assert not Participant.objects.filter(last_name="Søkersen").exists()


def test_applying_twice_to_the_same_cohort_is_refused_and_saves_nothing(client, personas):
    fnr = synthetic_fnr()
    client.force_login(personas.coordinator)
    client.post(url(personas.cohort), candidate_post(national_id=fnr))
    count = Enrolment.objects.count()
    response = client.post(url(personas.cohort), candidate_post(national_id=fnr))
    assert response.status_code == 200
    assert "allerede søkt på dette kullet" in response.content.decode()
    assert Enrolment.objects.count() == count
