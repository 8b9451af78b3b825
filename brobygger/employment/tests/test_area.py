"""Coordinators' area pages: positions in the county, employer organisations and their users."""

from django.urls import reverse

from brobygger.accounts.models import Membership, Role
from brobygger.employment.tests.factories import (
    ORGNR_BAD_CHECK,
    ORGNR_OK,
    make_employer,
    make_employer_org,
    make_position,
)
from brobygger.invitations.models import Invitation
from brobygger.organisations.models import Organisation

POSITIONS = "/stillinger/"
ORGS = "/arbeidsgivere/"
NEW_ORG = "/arbeidsgivere/ny/"


def user_url(org):
    return reverse("employer_user_add", args=[org.pk])


def test_anonymous_is_sent_to_login(client, personas):
    for url in (POSITIONS, ORGS, NEW_ORG, user_url(personas.employer_org)):
        assert "/konto/login" in client.get(url)["Location"]


def test_employers_and_participants_are_refused(client, personas):
    for user in (personas.employer, personas.participant_user):
        client.force_login(user)
        for url in (POSITIONS, ORGS, NEW_ORG):
            assert client.get(url).status_code == 403


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(POSITIONS).status_code == 405
    assert client.post(ORGS).status_code == 405
    assert client.put(NEW_ORG).status_code == 405
    assert client.put(user_url(personas.employer_org)).status_code == 405


def test_positions_in_the_coordinators_county_only(client, personas):
    bergen = make_position(personas.employer, personas.employer_org, description="")
    rogaland = make_employer_org("Sandnes arbeidsgiver", kommune="1108")
    sandnes = make_position(make_employer(rogaland), rogaland)
    client.force_login(personas.coordinator)
    response = client.get(POSITIONS)
    assert [r.position for r in response.context["rows"]] == [bergen]
    assert response.context["missing_share"] == 100
    client.force_login(personas.other_coordinator)
    assert [r.position for r in client.get(POSITIONS).context["rows"]] == [sandnes]


def test_the_county_coordinator_sees_the_county_too(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.county_coordinator)
    assert [r.position for r in client.get(POSITIONS).context["rows"]] == [position]


def test_the_positions_query_count_does_not_grow(client, personas, django_assert_num_queries):
    for _ in range(2):
        make_position(personas.employer, personas.employer_org)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(5):
        client.get(POSITIONS)
    for _ in range(3):
        make_position(personas.employer, personas.employer_org)
    with django_assert_num_queries(5):
        client.get(POSITIONS)


def test_the_employer_list_is_the_area_and_counts_in_one_query(
    client, personas, django_assert_num_queries
):
    make_employer_org("Andre Bergen")
    make_employer_org("Sandnes", kommune="1108")
    client.force_login(personas.coordinator)
    with django_assert_num_queries(4):
        response = client.get(ORGS)
    names = [o.name for o in response.context["orgs"]]
    assert names == ["Andre Bergen", "Bergen kommune, Psykiatritjenesten"]
    make_employer_org("Tredje Bergen")
    with django_assert_num_queries(4):
        client.get(ORGS)


def test_a_coordinator_registers_an_employer(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        NEW_ORG, {"name": "Kafé Bro AS", "orgnr": "920 000 010", "municipality": "4601"}
    )
    org = Organisation.objects.get(orgnr=ORGNR_OK)
    assert response["Location"] == user_url(org)
    assert org.kind == "employer"


def test_a_wrong_check_digit_is_refused_in_norwegian(client, personas):
    client.force_login(personas.coordinator)
    count = Organisation.objects.count()
    response = client.post(
        NEW_ORG, {"name": "Kafé Bro AS", "orgnr": ORGNR_BAD_CHECK, "municipality": "4601"}
    )
    assert response.context["form"].errors["orgnr"] == [
        "Organisasjonsnummeret er ikke gyldig: ni siffer med riktig kontrollsiffer."
    ]
    assert Organisation.objects.count() == count


def test_an_employer_outside_the_area_is_404_for_user_admin(client, personas):
    sandnes = make_employer_org("Sandnes", kommune="1108")
    client.force_login(personas.coordinator)
    assert client.get(user_url(sandnes)).status_code == 404
    assert client.get(user_url(personas.bergen)).status_code == 404  # not an employer


def test_a_coordinator_invites_a_person_to_the_employer_role(client, personas, mailoutbox):
    client.force_login(personas.coordinator)
    response = client.post(
        user_url(personas.employer_org),
        {"first_name": "Erle", "last_name": "Leder", "email": "erle@example.test"},
    )
    assert response.status_code == 200
    assert "Invitasjonen er sendt til erle@example.test." in response.content.decode()
    invitation = Invitation.objects.get(email="erle@example.test")
    assert invitation.roles == [Role.EMPLOYER] and invitation.organisation == personas.employer_org
    assert [m.to for m in mailoutbox] == [["erle@example.test"]]
    # Access comes when the person takes the invitation, not before.
    assert not Membership.objects.filter(user__email="erle@example.test").exists()
    page = client.get(user_url(personas.employer_org)).content.decode()
    assert "Erle Leder" in page and "Venter" in page


def test_a_bad_email_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        user_url(personas.employer_org), {"first_name": "E", "last_name": "L", "email": "nei"}
    )
    assert response.context["form"].errors["email"] == ["Skriv en gyldig e-postadresse."]
    assert not Membership.objects.filter(user__username="nei").exists()
