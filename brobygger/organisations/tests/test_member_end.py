"""Ending a membership from a date: at once (sessions end) or from a later day."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client

from brobygger.accounts.models import Membership, Role
from brobygger.core.access import user_memberships
from brobygger.core.models import AuditEvent
from brobygger.organisations.tests.helpers import add_role, end_url, held, signed_in_client, today
from brobygger.testing import make_user

OSLO = ZoneInfo("Europe/Oslo")


def post_end(client, personas, day, user=None):
    return client.post(
        end_url(personas.bergen, user or personas.teacher), {"ends_on": day.isoformat()}
    )


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(end_url(personas.bergen, personas.teacher))["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.teacher, personas.caseworker, personas.participant_user):
        client.force_login(user)
        assert post_end(client, personas, today()).status_code == 403
    assert held(personas.teacher, personas.bergen) == {"teacher"}


def test_another_municipalitys_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(end_url(personas.bergen, personas.teacher)).status_code == 404
    assert post_end(client, personas, today()).status_code == 404
    assert held(personas.teacher, personas.bergen) == {"teacher"}


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(end_url(personas.bergen, personas.teacher)).status_code == 405


def test_ending_today_signs_the_person_out_at_once(client, personas):
    ulla = signed_in_client(personas.teacher)
    assert ulla.get("/mine-okter/").status_code == 200
    client.force_login(personas.coordinator)
    response = post_end(client, personas, today())
    assert response["Location"] == f"/organisasjoner/{personas.bergen.pk}/brukere/"
    response = ulla.get("/mine-okter/")  # the same browser, its very next request
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    membership = Membership.objects.get(user=personas.teacher)
    assert membership.ends_on == today()
    event = AuditEvent.objects.get(object_id=str(membership.pk), action="end")
    assert event.changes == {"ends_on": [None, str(today())]}
    # Signing in again gives nothing: the membership no longer counts.
    personas.teacher.refresh_from_db()  # its session epoch moved on
    assert signed_in_client(personas.teacher).get("/mine-okter/").status_code == 403


def test_a_future_end_date_keeps_access_until_that_day(client, personas, time_machine):
    day = today()
    time_machine.move_to(dt.datetime.combine(day, dt.time(23, 40), tzinfo=OSLO), tick=False)
    ulla = signed_in_client(personas.teacher)
    client.force_login(personas.coordinator)
    post_end(client, personas, day + dt.timedelta(days=1))
    time_machine.move_to(dt.datetime.combine(day, dt.time(23, 50), tzinfo=OSLO), tick=False)
    assert ulla.get("/mine-okter/").status_code == 200  # still signed in, still a teacher
    # Five past midnight, the same session (within the idle limit): the role is gone.
    next_day = day + dt.timedelta(days=1)
    time_machine.move_to(dt.datetime.combine(next_day, dt.time(0, 5), tzinfo=OSLO), tick=False)
    assert ulla.get("/mine-okter/").status_code == 403
    assert user_memberships(personas.teacher) == []


def test_an_end_date_before_the_membership_started_is_refused(client, personas):
    client.force_login(personas.coordinator)
    started = Membership.objects.get(user=personas.teacher).created_at
    response = post_end(client, personas, today() - dt.timedelta(days=400))
    assert response.context["form"].errors["ends_on"] == [
        f"Sluttdatoen kan ikke være før medlemskapet startet ({started.astimezone(OSLO):%d.%m.%Y})."
    ]
    assert Membership.objects.get(user=personas.teacher).ends_on is None


def test_a_missing_or_bad_date_gets_a_message(client, personas):
    client.force_login(personas.coordinator)
    url = end_url(personas.bergen, personas.teacher)
    assert client.post(url, {}).context["form"].errors["ends_on"] == ["Velg en dato."]
    assert client.post(url, {"ends_on": "31.02.2026"}).context["form"].errors["ends_on"] == [
        "Skriv datoen som dd.mm.åååå."
    ]


def test_a_membership_ends_only_once(client, personas):
    client.force_login(personas.coordinator)
    post_end(client, personas, today() + dt.timedelta(days=5))
    response = post_end(client, personas, today())
    assert (
        response.context["form"]
        .errors["ends_on"][0]
        .startswith(
            f"Medlemskapet avsluttes allerede fra {today() + dt.timedelta(days=5):%d.%m.%Y}"
        )
    )
    Membership.objects.filter(user=personas.teacher).update(ends_on=today())
    response = post_end(client, personas, today())
    assert response.context["form"].errors["ends_on"] == [
        f"Medlemskapet er allerede avsluttet fra {today():%d.%m.%Y}."
    ]


def test_nobody_ends_their_own_last_admin_membership(client, personas):
    national = personas.admin.memberships.get().organisation
    client.force_login(personas.admin)
    response = client.post(end_url(national, personas.admin), {"ends_on": today().isoformat()})
    assert "siste medlemskap som administrator" in response.context["form"].non_field_errors()[0]
    assert held(personas.admin, national) == {"admin"}
    assert client.get("/organisasjoner/").status_code == 200  # still signed in


def test_a_coordinator_may_end_their_own_when_they_coordinate_elsewhere(client, personas):
    Membership.objects.create(
        user=personas.coordinator, organisation=personas.host, role=Role.COORDINATOR
    )
    client.force_login(personas.coordinator)
    response = post_end(client, personas, today() + dt.timedelta(days=1), personas.coordinator)
    assert response.status_code == 302


def test_a_coordinator_may_not_end_someone_holding_a_role_only_an_admin_changes(client, personas):
    Membership.objects.create(user=personas.teacher, organisation=personas.bergen, role="analyst")
    client.force_login(personas.coordinator)
    response = post_end(client, personas, today())
    assert response.context["form"].non_field_errors() == [
        "Du kan ikke avslutte medlemskapet: personen har også rollen Analytiker, som bare en "
        "administrator kan endre."
    ]
    assert held(personas.teacher, personas.bergen) == {"teacher", "analyst"}


def test_an_admin_ends_any_organisations_membership(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        end_url(personas.stavanger, personas.other_coordinator), {"ends_on": today().isoformat()}
    )
    assert response.status_code == 302
    assert held(personas.other_coordinator, personas.stavanger) == set()


def test_the_form_page_keeps_a_fixed_query_count(client, personas, django_assert_num_queries):
    add_role(personas.teacher, personas.bergen, "supervisor")
    make_user("ekstra", role=Role.TEACHER, org=personas.bergen)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(6):  # session, user, roles, organisation, member, memberships
        client.get(end_url(personas.bergen, personas.teacher))


def test_the_person_elsewhere_keeps_other_organisations_roles(client, personas):
    Membership.objects.create(user=personas.teacher, organisation=personas.host, role="supervisor")
    client.force_login(personas.coordinator)
    post_end(client, personas, today())
    personas.teacher.refresh_from_db()  # its session epoch moved on: sign in again
    ulla = Client()
    ulla.force_login(personas.teacher)
    assert ulla.get("/praksis/").status_code == 200
    assert ulla.get("/mine-okter/").status_code == 403
