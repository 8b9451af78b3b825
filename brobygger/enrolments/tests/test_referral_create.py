import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accounts.models import Membership, Role
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.enrolments.selectors import cohorts_open_for_referral
from brobygger.enrolments.tests.factories import candidate_post, synthetic_fnr
from brobygger.organisations.models import OrganisationKind
from brobygger.testing import make_cohort, make_org, make_programme

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)

URL = "/henvis/"


def test_the_url_name_resolves():
    assert reverse("referral_create") == URL


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_caseworkers_may_refer(client, personas):
    for user in (personas.coordinator, personas.participant_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.caseworker)
    assert client.put(URL).status_code == 405


def test_the_caseworker_sees_only_cohorts_of_partner_programmes_that_are_open(client, personas):
    old = make_cohort(personas.version, start=dt.date(2026, 4, 1))  # started 61 days ago
    late = make_cohort(personas.version, start=dt.date(2026, 5, 10))  # started 22 days ago
    client.force_login(personas.caseworker)
    response = client.get(URL)
    assert response.status_code == 200
    choices = set(response.context["form"].fields["cohort"].queryset)
    assert choices == {personas.cohort, late}
    assert old not in choices
    assert personas.other_cohort not in choices  # Stavanger's programme: not a partner


def test_it_registers_a_referral_from_the_caseworkers_office(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(URL, candidate_post(cohort=str(personas.cohort.pk)))
    assert response.status_code == 302
    assert response["Location"] == reverse("caseworker_candidates")
    enrolment = Enrolment.objects.get(participant__last_name="Søkersen")
    assert enrolment.cohort == personas.cohort
    assert enrolment.status == Status.SOKT_INN
    assert enrolment.referred_by == personas.caseworker
    assert enrolment.referring_organisation == personas.nav


def test_a_cohort_outside_the_caseworkers_scope_is_refused(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(URL, candidate_post(cohort=str(personas.other_cohort.pk)))
    assert response.status_code == 200
    assert response.context["form"].errors["cohort"]
    assert not Participant.objects.filter(last_name="Søkersen").exists()


def test_bad_input_shows_the_message_and_saves_nothing(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(
        URL, candidate_post(cohort=str(personas.cohort.pk), email="ikke-en-adresse")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Participant.objects.filter(last_name="Søkersen").exists()


def test_the_office_linked_to_the_programme_is_the_referring_one(client, personas):
    # The worker holds two offices; only the later-created one partners the programme.
    other_nav = make_org("NAV Åsane", kind=OrganisationKind.NAV_OFFICE)
    programme = personas.version.programme
    programme.partners.set([other_nav])
    Membership.objects.create(
        user=personas.caseworker, organisation=other_nav, role=Role.CASEWORKER
    )
    client.force_login(personas.caseworker)
    response = client.post(URL, candidate_post(cohort=str(personas.cohort.pk)))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(participant__last_name="Søkersen")
    assert enrolment.referring_organisation == other_nav


def test_no_caseworker_role_means_no_cohorts(personas):
    assert not cohorts_open_for_referral(personas.coordinator, today=dt.date(2026, 6, 1)).exists()


def test_a_programme_owned_by_the_nav_office_counts_too(personas):
    own = make_cohort(make_programme(personas.nav), start=dt.date(2026, 9, 1))
    cohorts = set(cohorts_open_for_referral(personas.caseworker, today=dt.date(2026, 6, 1)))
    assert own in cohorts


def test_a_second_referral_of_the_same_person_does_not_reveal_that_they_applied(client, personas):
    client.force_login(personas.caseworker)
    # Recognised as the same person by a synthetic national id (an H-number).
    data = candidate_post(cohort=str(personas.cohort.pk), national_id=synthetic_fnr())
    assert client.post(URL, data).status_code == 302
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ta kontakt med programkoordinatoren" in page
    assert "allerede søkt" not in page
    assert Enrolment.objects.filter(participant__last_name="Søkersen").count() == 1
