"""The applicant's own way in: open cohorts, e-mail verification, the form, their list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from brobygger.accounts.models import User
from brobygger.applications.models import EmailVerification, OnlineApplication
from brobygger.applications.tests.helpers import DEADLINE, NOW, mailed_link_path, open_cohort
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.organisations.models import Municipality
from brobygger.testing import make_cohort, make_enrolment, make_participant

EMAIL = "sara.soker@example.org"


@pytest.fixture
def cohort(personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    return open_cohort(personas.cohort)


def form_data(**overrides):
    data = {
        "first_name": "Sara",
        "last_name": "Søker",
        "phone": "55 55 55 55",
        "municipality": Municipality.objects.get(number="4601").pk,
        "motivation": "Jeg vil bruke erfaringen min til å hjelpe andre.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def request_link(client, cohort, email=EMAIL):
    return client.post(reverse("apply_start", args=[cohort.pk]), {"email": email})


def verify(client, cohort, email=EMAIL):
    """Ask for a link, open it and confirm; the client's session then holds the address."""
    request_link(client, cohort, email)
    link = mailed_link_path(mail.outbox[-1])
    response = client.post(link)
    assert response.status_code == 302, response.content.decode()
    return response


def counts():
    return (
        Participant.objects.count(),
        Enrolment.objects.count(),
        StatusChange.objects.count(),
        OnlineApplication.objects.count(),
    )


# The happy path


def test_an_applicant_applies_end_to_end_with_the_mailed_link(client, personas, cohort):
    listing = client.get(reverse("apply_index"))
    assert cohort.name in listing.content.decode()
    assert "15.12.2026" in listing.content.decode()  # the deadline

    sent = request_link(client, cohort)
    assert sent.status_code == 200
    assert "Sjekk e-posten din" in sent.content.decode()
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    link = mailed_link_path(message)
    assert EmailVerification.objects.get().code_hash not in message.body  # only a hash stored

    confirm = client.get(link)
    assert confirm.status_code == 200
    assert EmailVerification.objects.get().used_at is None  # opening alone uses nothing up
    opened = client.post(link)
    assert opened["Location"] == reverse("apply_form", args=[cohort.pk])

    form_page = client.get(opened["Location"])
    assert EMAIL in form_page.content.decode()
    assert "Samtykke" in form_page.content.decode()
    users_before = User.objects.count()
    done = client.post(opened["Location"], form_data())
    assert done["Location"] == reverse("apply_mine")

    participant = Participant.objects.get(email=EMAIL)
    assert (participant.first_name, participant.last_name, participant.phone) == (
        "Sara",
        "Søker",
        "55 55 55 55",
    )
    assert participant.user is None and User.objects.count() == users_before  # no login made
    enrolment = Enrolment.objects.get(participant=participant)
    assert enrolment.cohort == cohort and enrolment.status == Status.SOKT_INN
    assert enrolment.applied_on == dt.date(2026, 11, 25)
    assert enrolment.motivation.startswith("Jeg vil")
    assert list(enrolment.history.values_list("status", flat=True)) == [Status.SOKT_INN]
    online = OnlineApplication.objects.get(enrolment=enrolment)
    assert online.email == EMAIL and online.consent_given_at is not None
    assert "samtykker" in online.consent_text
    assert AuditEvent.objects.filter(
        object_type="applications.onlineapplication", object_id=online.pk, action="create"
    ).exists()
    assert AuditEvent.objects.filter(
        object_type="enrolments.enrolment", object_id=enrolment.pk, action="create"
    ).exists()

    mine = client.get(done["Location"])
    page = mine.content.decode()
    assert "er sendt" in page and cohort.name in page and "Søkt inn" in page

    # It lands on the coordinator's applications page like any other application.
    coordinator = Client()
    coordinator.force_login(personas.coordinator)
    applications = coordinator.get(reverse("cohort_applications", args=[cohort.pk]))
    assert "Søker" in applications.content.decode()
    assert "Søknad på nett" in applications.content.decode()


def test_the_applicant_sees_a_later_status_in_plain_words(client, personas, cohort):
    verify(client, cohort)
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    enrolment = Enrolment.objects.get(participant__email=EMAIL)
    from brobygger.enrolments.services import enrolment_transition

    enrolment_transition(by=personas.coordinator, enrolment=enrolment, to=Status.VURDERES)
    page = client.get(reverse("apply_mine")).content.decode()
    assert "Vurderes" in page
    assert "merknad" not in page.lower()


def test_a_signed_in_participant_applies_with_their_own_record(client, personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    other = open_cohort(make_cohort(personas.version, coordinators=[personas.coordinator]))
    dina = personas.enrolment.participant
    client.force_login(personas.participant_user)
    start = client.get(reverse("apply_start", args=[other.pk]))
    assert start["Location"] == reverse("apply_form", args=[other.pk])
    participants_before = Participant.objects.count()
    response = client.post(
        start["Location"], form_data(first_name="Ignored", last_name="Ignored", phone="44 44 44 44")
    )
    assert response["Location"] == reverse("apply_mine")
    assert Participant.objects.count() == participants_before
    enrolment = Enrolment.objects.get(participant=dina, cohort=other)
    assert enrolment.status == Status.SOKT_INN
    online = enrolment.online_application
    assert online.applied_by == personas.participant_user
    dina.refresh_from_db()
    assert dina.first_name == "Dina" and dina.phone == "44 44 44 44"
    assert mail.outbox == []  # no e-mail step for a signed-in participant
    page = client.get(reverse("apply_mine")).content.decode()
    assert other.name in page and personas.cohort.name in page


# Bad input: each refused with a Norwegian message, nothing saved


def test_a_closed_cohort_is_refused(client, personas, cohort):
    verify(client, cohort)
    cohort.applications_open = False
    cohort.save(update_fields=["applications_open"])
    before = counts()
    response = client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert response.status_code == 410
    assert "Dette kullet tar ikke imot søknader nå." in response.content.decode()
    assert counts() == before
    start = client.get(reverse("apply_start", args=[cohort.pk]))
    assert "tar ikke imot søknader" in start.content.decode()
    assert cohort.name not in client.get(reverse("apply_index")).content.decode()


def test_an_application_after_the_deadline_is_refused(client, personas, cohort, time_machine):
    verify(client, cohort)
    time_machine.move_to(dt.datetime.combine(DEADLINE + dt.timedelta(days=1), dt.time(9)))
    before = counts()
    response = client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert "Søknadsfristen for dette kullet gikk ut 15.12.2026." in response.content.decode()
    assert counts() == before


def test_the_deadline_day_itself_is_still_open(client, personas, cohort, time_machine):
    time_machine.move_to(dt.datetime.combine(DEADLINE, dt.time(9)), tick=False)
    verify(client, cohort)
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert Enrolment.objects.filter(participant__email=EMAIL).exists()


def test_a_second_application_from_the_same_address_is_refused(client, personas, cohort):
    verify(client, cohort)
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    again = Client()
    verify(again, cohort, email=EMAIL.upper())  # the same address, typed differently
    before = counts()
    response = again.post(reverse("apply_form", args=[cohort.pk]), form_data(first_name="Sara2"))
    assert "Du har allerede søkt på dette kullet." in response.content.decode()
    assert counts() == before


def test_a_second_application_from_the_same_participant_is_refused(client, personas, cohort):
    client.force_login(personas.participant_user)  # Dina has applied to this cohort already
    before = counts()
    response = client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert "Du har allerede søkt på dette kullet." in response.content.decode()
    assert counts() == before


def test_an_expired_link_is_refused(client, personas, cohort, time_machine):
    request_link(client, cohort)
    link = mailed_link_path(mail.outbox[0])
    time_machine.move_to("2026-11-25 14:01", tick=False)  # two hours and a minute later
    response = client.post(link)
    assert response.status_code == 410
    assert "Lenken er utløpt" in response.content.decode()
    assert EmailVerification.objects.get().used_at is None
    form = client.get(reverse("apply_form", args=[cohort.pk]))
    assert form["Location"] == reverse("apply_start", args=[cohort.pk])  # not verified


def test_a_used_link_is_refused_the_second_time(client, personas, cohort):
    verify(client, cohort)
    link = mailed_link_path(mail.outbox[0])
    stranger = Client()
    response = stranger.post(link)
    assert response.status_code == 410
    assert "Lenken er allerede brukt." in response.content.decode()
    assert "Lenken er allerede brukt." in stranger.get(link).content.decode()
    form = stranger.get(reverse("apply_form", args=[cohort.pk]))
    assert form["Location"] == reverse("apply_start", args=[cohort.pk])


def test_an_unknown_link_is_refused(client, personas, cohort):
    response = client.post(reverse("apply_verify", args=["ABCDEFGHJKMNPQRS"]))
    assert "Lenken er ikke gyldig." in response.content.decode()


def test_consent_is_required(client, personas, cohort):
    verify(client, cohort)
    before = counts()
    data = form_data()
    del data["consent"]
    response = client.post(reverse("apply_form", args=[cohort.pk]), data)
    assert "Du må samtykke til behandlingen av opplysningene for å søke." in (
        response.content.decode()
    )
    assert counts() == before


def test_missing_fields_are_named(client, personas, cohort):
    verify(client, cohort)
    before = counts()
    response = client.post(
        reverse("apply_form", args=[cohort.pk]),
        form_data(first_name="", last_name="", phone="", municipality="", motivation=""),
    )
    page = response.content.decode()
    for message in (
        "Skriv fornavnet ditt.",
        "Skriv etternavnet ditt.",
        "Skriv telefonnummeret ditt.",
        "Velg bostedskommunen din.",
        "Skriv kort hvorfor du vil være med.",
    ):
        assert message in page
    assert counts() == before


def test_a_motivation_that_is_too_long_is_refused(client, personas, cohort):
    verify(client, cohort)
    before = counts()
    response = client.post(
        reverse("apply_form", args=[cohort.pk]), form_data(motivation="x" * 2001)
    )
    assert "Motivasjonen kan ha høyst 2000 tegn (du har skrevet 2001)." in response.content.decode()
    assert counts() == before


def test_an_invalid_address_is_refused(client, personas, cohort):
    response = request_link(client, cohort, email="ikke-en-adresse")
    assert "Skriv en gyldig e-postadresse" in response.content.decode()
    assert mail.outbox == [] and not EmailVerification.objects.exists()


# Rate limits


def test_links_to_one_address_are_limited(client, personas, cohort, settings):
    settings.APPLICATION_LINKS_PER_ADDRESS = 2
    for _ in range(2):
        request_link(Client(), cohort)
    response = request_link(Client(), cohort)
    assert "Vi har sendt flere lenker til denne adressen" in response.content.decode()
    assert len(mail.outbox) == 2 and EmailVerification.objects.count() == 2


def test_links_from_one_client_are_limited(client, personas, cohort, settings):
    settings.APPLICATION_LINKS_PER_CLIENT = 2
    for n in range(2):
        request_link(client, cohort, email=f"person{n}@example.org")
    response = request_link(client, cohort, email="person9@example.org")
    assert "Det er sendt mange lenker herfra" in response.content.decode()
    assert len(mail.outbox) == 2 and EmailVerification.objects.count() == 2


# Access: nothing about other applicants


def test_my_applications_needs_a_verified_address(client, personas, cohort):
    response = client.get(reverse("apply_mine"))
    assert "Skriv e-postadressen du søkte med" in response.content.decode()
    client.post(reverse("apply_mine"), {"email": EMAIL})
    link = mailed_link_path(mail.outbox[-1])
    assert client.post(link)["Location"] == reverse("apply_mine")
    assert "Du har ingen søknader ennå." in client.get(reverse("apply_mine")).content.decode()


def test_an_applicant_sees_only_their_own_applications(client, personas, cohort):
    verify(client, cohort)
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    other = Client()
    verify(other, cohort, email="annen@example.org")
    page = other.get(reverse("apply_mine")).content.decode()
    assert "Du har ingen søknader ennå." in page
    assert "Søker" not in page and "Deltakersen" not in page
    form_page = other.get(reverse("apply_form", args=[cohort.pk])).content.decode()
    assert "Søker" not in form_page and "Deltakersen" not in form_page and EMAIL not in form_page


def test_the_form_without_a_verified_address_sends_to_the_start(client, personas, cohort):
    response = client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert response["Location"] == reverse("apply_start", args=[cohort.pk])
    assert not Enrolment.objects.filter(participant__email=EMAIL).exists()


def test_a_cohort_that_does_not_exist_is_404(client, personas, cohort):
    assert client.get(reverse("apply_start", args=[999999])).status_code == 404


def test_the_list_shows_only_open_cohorts_and_no_people(client, personas, cohort):
    page = client.get(reverse("apply_index")).content.decode()
    assert cohort.name in page
    assert personas.other_cohort.name not in page  # not opened
    assert "Deltakersen" not in page


def test_wrong_method_is_refused(client, personas, cohort):
    assert client.post(reverse("apply_index")).status_code == 405


@pytest.mark.parametrize("extra", [0, 3])
def test_the_list_query_count_is_fixed(client, personas, cohort, extra, django_assert_num_queries):
    for _ in range(extra):
        open_cohort(make_cohort(personas.version))
    with django_assert_num_queries(1):  # the cohorts with programme and organisation
        response = client.get(reverse("apply_index"))
    assert response.content.decode().count(reverse("apply_start", args=[cohort.pk])) == 1
    assert len(response.context["cohorts"]) == 1 + extra


def test_an_enrolment_made_by_staff_does_not_block_another_person(client, personas, cohort):
    make_enrolment(cohort, participant=make_participant("Ola", "Annen"))
    verify(client, cohort)
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    assert Enrolment.objects.filter(participant__email=EMAIL, cohort=cohort).exists()
