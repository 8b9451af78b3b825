import pytest
from django.urls import reverse

from brobygger.subsidy.tests.factories import make_agreement
from brobygger.subsidy.tests.helpers import stavanger_agreement

URL = reverse("subsidy_agreement_list")


@pytest.fixture
def agreements(personas, today):
    return {
        "dina": make_agreement(personas),
        "dag": make_agreement(personas, participant=personas.other_enrolment.participant),
        "siri": stavanger_agreement(personas),
    }


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_roles_without_agreements_are_refused(client, personas):
    for user in (personas.participant_user, personas.teacher, personas.analyst, personas.admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403, user


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(URL).status_code == 405


def test_the_coordinator_sees_their_participants_agreements_only(client, personas, agreements):
    client.force_login(personas.coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dina Deltakersen" in html and "Dag Deltakersen" in html
    assert "Siri" not in html
    assert reverse("subsidy_agreement_create") in html
    assert {a.pk for a in response.context["agreements"]} == {
        agreements["dina"].pk,
        agreements["dag"].pk,
    }


def test_stavanger_sees_only_stavanger(client, personas, agreements):
    client.force_login(personas.other_coordinator)
    response = client.get(URL)
    assert [a.pk for a in response.context["agreements"]] == [agreements["siri"].pk]
    assert "Dina" not in response.content.decode()


def test_the_caseworker_sees_their_nav_offices_agreements(client, personas, agreements):
    client.force_login(personas.caseworker)
    response = client.get(URL)
    assert {a.pk for a in response.context["agreements"]} == {
        agreements["dina"].pk,
        agreements["dag"].pk,
    }
    client.force_login(personas.other_caseworker)
    response = client.get(URL)
    assert [a.pk for a in response.context["agreements"]] == [agreements["siri"].pk]


def test_the_employer_sees_their_organisations_agreements_read_only(client, personas, agreements):
    client.force_login(personas.employer)
    response = client.get(URL)
    assert {a.pk for a in response.context["agreements"]} == {
        agreements["dina"].pk,
        agreements["dag"].pk,
    }
    assert reverse("subsidy_agreement_create") not in response.content.decode()


def test_the_query_count_is_fixed_for_2_and_for_6_agreements(
    client, personas, today, django_assert_num_queries
):
    # Session, user, memberships, and the agreements with participant, employer and office.
    client.force_login(personas.coordinator)
    for _ in range(2):
        make_agreement(personas)
    with django_assert_num_queries(4):
        assert len(client.get(URL).context["agreements"]) == 2
    for _ in range(4):
        make_agreement(personas, participant=personas.other_enrolment.participant)
    with django_assert_num_queries(4):
        assert len(client.get(URL).context["agreements"]) == 6


def test_the_rates_link_shows_only_to_roles_the_rate_list_lets_in(client, personas, agreements):
    rates = reverse("subsidy_rate_list")
    for user, may in ((personas.coordinator, True), (personas.caseworker, True)):
        client.force_login(user)
        assert (f'href="{rates}"' in client.get(URL).content.decode()) is may
        assert client.get(rates).status_code == 200
    client.force_login(personas.employer)
    assert client.get(URL).status_code == 200
    assert f'href="{rates}"' not in client.get(URL).content.decode()
    assert client.get(rates).status_code == 403
