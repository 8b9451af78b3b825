from brobygger.accounts.models import Role
from brobygger.employment import services
from brobygger.employment.tests.factories import (
    complete,
    make_candidate,
    profile_fields,
)
from brobygger.organisations.models import Municipality
from brobygger.privacy.models import ConsentPurpose
from brobygger.privacy.services import consent_withdraw
from brobygger.testing import make_enrolment, make_participant

URL = "/arbeidsgiver/kandidater/"


def test_anonymous_is_sent_to_login(client, db):
    assert "/konto/login" in client.get(URL)["Location"]


def test_only_employers_browse_candidates(client, personas):
    for user in (personas.coordinator, personas.participant_user, personas.caseworker):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.post(URL).status_code == 405


def test_the_employer_sees_only_published_and_consented_profiles(client, personas):
    shown = make_candidate(personas, "Synlig", headline="Vil jobbe med ungdom")
    unpublished = make_participant("Upublisert")
    make_enrolment(personas.cohort, participant=unpublished)
    services.profile_save(
        by=None, participant=unpublished, **profile_fields(headline="Ikke publisert")
    )
    client.force_login(personas.employer)
    response = client.get(URL)
    assert [c.participant_id for c in response.context["cards"]] == [shown.pk]
    html = response.content.decode()
    assert "Vil jobbe med ungdom" in html
    assert "Ikke publisert" not in html


def test_withdrawing_consent_hides_the_profile_on_the_next_request(client, personas):
    candidate = make_candidate(personas, "Trekker", headline="Snart borte")
    client.force_login(personas.employer)
    assert "Snart borte" in client.get(URL).content.decode()
    consent_withdraw(participant=candidate, purpose=ConsentPurpose.EMPLOYER_PROFILE, by=None)
    response = client.get(URL)
    assert response.context["cards"] == []
    assert "Snart borte" not in response.content.decode()


def test_employers_see_the_completion_year_never_programme_data(client, personas):
    candidate = make_candidate(personas, "Fullført", headline="Klar for jobb")
    complete(candidate.enrolments.get())
    client.force_login(personas.employer)
    html = client.get(URL).content.decode()
    assert "Fullførte MB-utdanningen i 2025" in html
    assert candidate.last_name not in html  # first name only in the list
    assert personas.cohort.name not in html


def test_a_participant_who_left_the_programme_is_no_longer_shown(client, personas):
    candidate = make_candidate(personas, "Sluttet")
    from brobygger.enrolments.models import Enrolment, Status

    Enrolment.objects.filter(participant=candidate).update(status=Status.AVBRUTT)
    client.force_login(personas.employer)
    assert client.get(URL).context["cards"] == []


def test_the_county_filter(client, personas):
    bergen = make_candidate(
        personas, "Bergen", municipality=Municipality.objects.get(number="4601")
    )
    make_candidate(personas, "Oslo", municipality=Municipality.objects.get(number="0301"))
    client.force_login(personas.employer)
    response = client.get(URL, {"county": "46"})
    assert [c.participant_id for c in response.context["cards"]] == [bergen.pk]


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    for n in range(2):
        make_candidate(personas, f"A{n}")
    client.force_login(personas.employer)
    with django_assert_num_queries(5):
        client.get(URL)
    for n in range(3):
        make_candidate(personas, f"B{n}")
    with django_assert_num_queries(5):
        client.get(URL)


def test_role_is_checked_per_request(client, personas):
    from brobygger.accounts.models import Membership

    client.force_login(personas.employer)
    assert client.get(URL).status_code == 200
    Membership.objects.filter(user=personas.employer, role=Role.EMPLOYER).delete()
    assert client.get(URL).status_code == 403
