"""/organisasjoner/<pk>/brukere/: the people of an organisation, their roles and last login."""

import datetime as dt

from brobygger.accounts.models import Membership, Role
from brobygger.invitations.services import staff_invite
from brobygger.organisations.tests.helpers import add_role, today, users_url
from brobygger.testing import make_org, make_user


def rows(response):
    return {row.user.username: row for row in response.context["people"]}


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(users_url(personas.bergen))["Location"]


def test_roles_without_user_administration_are_refused(client, personas):
    for user in (personas.teacher, personas.caseworker, personas.employer, personas.analyst):
        client.force_login(user)
        assert client.get(users_url(personas.bergen)).status_code == 403


def test_another_municipalitys_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(users_url(personas.bergen)).status_code == 404


def test_a_coordinator_does_not_get_employer_organisations_here(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(users_url(personas.employer_org)).status_code == 404
    assert client.get(users_url(personas.nav)).status_code == 404  # not coordinator there


def test_only_get_is_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(users_url(personas.bergen)).status_code == 405


def test_the_coordinator_sees_the_staff_of_their_organisation(client, personas):
    personas.teacher.last_login = dt.datetime(2026, 3, 5, 8, 7, tzinfo=dt.UTC)
    personas.teacher.email = "ulla@example.test"
    personas.teacher.save()
    add_role(personas.teacher, personas.bergen, "supervisor")
    client.force_login(personas.coordinator)
    response = client.get(users_url(personas.bergen))
    assert response.status_code == 200
    people = rows(response)
    # Participants (Dina, Dag) are never listed: taking part is health information.
    assert set(people) == {"koordinator", "underviser"}
    assert people["underviser"].role_labels == "Underviser, Praksisveileder"
    page = response.content.decode()
    assert "05.03.2026 09:07" in page  # shown in Europe/Oslo (UTC+1 in March)
    assert "08:07" not in page
    assert "ulla@example.test" in page
    assert "Deltakersen" not in page


def test_someone_who_never_logged_in_shows_aldri(client, personas):
    make_user("ny-underviser", role=Role.TEACHER, org=personas.bergen)
    client.force_login(personas.coordinator)
    response = client.get(users_url(personas.bergen))
    assert rows(response)["ny-underviser"].user.last_login is None
    assert "Aldri" in response.content.decode()


def test_ended_and_ending_memberships_are_shown_as_such(client, personas):
    ended = make_user("sluttet", role=Role.TEACHER, org=personas.bergen)
    ending = make_user("slutter", role=Role.TEACHER, org=personas.bergen)
    Membership.objects.filter(user=ended).update(ends_on=today())
    Membership.objects.filter(user=ending).update(ends_on=today() + dt.timedelta(days=10))
    client.force_login(personas.coordinator)
    response = client.get(users_url(personas.bergen))
    people = rows(response)
    assert (people["sluttet"].ended, people["sluttet"].ends_on) == (True, today())
    assert people["slutter"].ended is False
    assert people["slutter"].ends_on == today() + dt.timedelta(days=10)
    assert list(people)[-1] == "sluttet"  # people who still have access come first
    page = response.content.decode()
    assert f"Avsluttet fra {today():%d.%m.%Y}" in page
    assert f"Avsluttes fra {today() + dt.timedelta(days=10):%d.%m.%Y}" in page


def test_the_admin_sees_any_organisation(client, personas):
    client.force_login(personas.admin)
    assert set(rows(client.get(users_url(personas.stavanger)))) == {
        "stavanger",
        "underviser-stavanger",
    }
    assert set(rows(client.get(users_url(personas.employer_org)))) == {"arbeidsgiver"}


def test_the_query_count_does_not_grow_with_the_people(client, personas, django_assert_num_queries):
    client.force_login(personas.coordinator)
    url = users_url(personas.bergen)
    # session, user, roles, organisation, memberships, invitations
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["people"]) == 2
    for n in range(5):
        user = make_user(f"ekstra{n}", role=Role.TEACHER, org=personas.bergen)
        Membership.objects.create(user=user, organisation=personas.bergen, role=Role.SUPERVISOR)
        staff_invite(
            by=personas.coordinator,
            organisation=personas.bergen,
            roles=[Role.TEACHER],
            email=f"ny{n}@example.org",
        )
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(response.context["people"]) == 7
    assert len(response.context["invitations"]) == 5


def test_a_coordinator_of_two_organisations_chooses_and_one_goes_straight_there(client, personas):
    client.force_login(personas.coordinator)
    response = client.get("/organisasjoner/mine/")
    assert response["Location"] == users_url(personas.bergen)
    second = make_org("Bergen kommune, Rusteamet 2")
    Membership.objects.create(user=personas.coordinator, organisation=second, role="coordinator")
    response = client.get("/organisasjoner/mine/")
    assert [org.name for org in response.context["orgs"]] == [
        "Bergen kommune, MB-utdanning",
        "Bergen kommune, Rusteamet 2",
    ]


def test_the_menu_has_organisations_for_admins_and_users_for_coordinators(client, personas):
    def menu(user):
        client.force_login(user)
        return {s["label"]: s["url"] for s in client.get("/").context["sections"]}

    assert menu(personas.admin)["Organisasjoner"] == "/organisasjoner/"
    assert "Brukere" not in menu(personas.admin)
    assert menu(personas.coordinator)["Brukere"] == "/organisasjoner/mine/"
    assert "Organisasjoner" not in menu(personas.coordinator)
    for user in (personas.teacher, personas.employer, personas.participant_user):
        assert not {"Brukere", "Organisasjoner"} & set(menu(user))
