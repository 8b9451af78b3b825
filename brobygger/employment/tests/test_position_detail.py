from django.urls import reverse

from brobygger.employment.tests.factories import (
    make_candidate,
    make_employer,
    make_employer_org,
    make_position,
    offer_case,
)


def url(position):
    return reverse("position_detail", args=[position.pk])


def test_anonymous_is_sent_to_login(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    assert "/konto/login" in client.get(url(position))["Location"]


def test_people_outside_the_employer_and_its_area_get_404(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    for user in (personas.other_coordinator, make_employer(make_employer_org("Annen"))):
        client.force_login(user)
        assert client.get(url(position)).status_code == 404


def test_post_is_not_allowed(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.employer)
    assert client.post(url(position)).status_code == 405


def test_the_employer_sees_funding_and_candidates(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    offer_case(personas, position, make_candidate(personas, "Kari"))
    client.force_login(personas.employer)
    response = client.get(url(position))
    html = response.content.decode()
    assert "MB-midler" in html
    assert "Kari" in html
    assert response.context["is_owner"]


def test_a_coordinator_in_the_same_county_sees_the_position_but_no_candidates(client, personas):
    position = make_position(personas.employer, personas.employer_org, description="")
    offer_case(personas, position, make_candidate(personas, "Kari"))
    client.force_login(personas.coordinator)
    response = client.get(url(position))
    assert response.status_code == 200
    assert response.context["cases"] == []
    assert "mangler stillingsbeskrivelse" in response.content.decode()
