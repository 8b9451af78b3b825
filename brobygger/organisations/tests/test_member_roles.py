"""Changing a person's roles at an organisation: who may give what, and removing the last one."""

import datetime as dt

from brobygger.accounts.models import Membership, Role
from brobygger.core.models import AuditEvent
from brobygger.organisations.tests.helpers import add_role, held, roles_url, signed_in_client, today
from brobygger.testing import make_user

COORDINATOR_CHOICES = ["coordinator", "teacher", "supervisor"]


def choices(response):
    return [value for value, _label in response.context["form"].fields["roles"].choices]


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(roles_url(personas.bergen, personas.teacher))["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.teacher, personas.supervisor, personas.county_coordinator):
        client.force_login(user)
        url = roles_url(personas.bergen, personas.teacher)
        assert client.get(url).status_code == 403
        assert client.post(url, {"roles": ["coordinator"]}).status_code == 403
    assert held(personas.teacher, personas.bergen) == {"teacher"}


def test_another_municipalitys_coordinator_gets_404_and_changes_nothing(client, personas):
    client.force_login(personas.other_coordinator)
    url = roles_url(personas.bergen, personas.teacher)
    assert client.get(url).status_code == 404
    assert client.post(url, {"roles": []}).status_code == 404
    assert held(personas.teacher, personas.bergen) == {"teacher"}


def test_a_person_without_a_staff_role_there_is_404(client, personas):
    client.force_login(personas.coordinator)
    # Dina is a participant at Bergen (never shown here); Sturla works in Stavanger.
    assert client.get(roles_url(personas.bergen, personas.participant_user)).status_code == 404
    assert client.get(roles_url(personas.bergen, personas.other_coordinator)).status_code == 404


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(roles_url(personas.bergen, personas.teacher)).status_code == 405


def test_a_coordinator_gives_programme_roles_only(client, personas):
    client.force_login(personas.coordinator)
    url = roles_url(personas.bergen, personas.teacher)
    response = client.get(url)
    assert choices(response) == COORDINATOR_CHOICES
    assert response.context["form"]["roles"].value() == ["teacher"]
    response = client.post(url, {"roles": ["teacher", "supervisor"]})
    assert response["Location"] == f"/organisasjoner/{personas.bergen.pk}/brukere/"
    assert held(personas.teacher, personas.bergen) == {"teacher", "supervisor"}
    event = AuditEvent.objects.get(object_type="accounts.membership", action="create")
    assert event.actor == personas.coordinator


def test_a_coordinator_may_not_give_admin_or_analyst_and_nothing_is_saved(client, personas):
    client.force_login(personas.coordinator)
    url = roles_url(personas.bergen, personas.teacher)
    for role in ("admin", "analyst", "participant", "no-such-role"):
        response = client.post(url, {"roles": ["teacher", "supervisor", role]})
        assert response.status_code == 200
        assert response.context["form"].errors["roles"] == [
            f"«{role}» er ikke en rolle du kan gi her."
        ]
    assert held(personas.teacher, personas.bergen) == {"teacher"}


def test_an_admin_gives_any_staff_role_but_never_participant(client, personas):
    client.force_login(personas.admin)
    url = roles_url(personas.bergen, personas.teacher)
    response = client.get(url)
    assert "participant" not in choices(response)
    assert set(choices(response)) == set(Role.values) - {"participant"}
    response = client.post(url, {"roles": ["participant"]})
    assert response.context["form"].errors["roles"] == [
        "«participant» er ikke en rolle du kan gi her."
    ]
    client.post(url, {"roles": ["teacher", "analyst"]})
    assert held(personas.teacher, personas.bergen) == {"teacher", "analyst"}


def test_roles_the_coordinator_may_not_change_are_kept(client, personas):
    Membership.objects.create(user=personas.teacher, organisation=personas.bergen, role="admin")
    client.force_login(personas.coordinator)
    url = roles_url(personas.bergen, personas.teacher)
    assert "Administrator" in client.get(url).content.decode()
    client.post(url, {"roles": ["supervisor"]})
    assert held(personas.teacher, personas.bergen) == {"admin", "supervisor"}


def test_a_removed_role_ends_today_and_is_kept_as_history(client, personas):
    add_role(personas.teacher, personas.bergen, "supervisor")
    client.force_login(personas.coordinator)
    ulla = signed_in_client(personas.teacher)
    client.post(roles_url(personas.bergen, personas.teacher), {"roles": ["supervisor"]})
    ended = Membership.objects.get(user=personas.teacher, role="teacher")
    assert ended.ends_on == today()
    assert held(personas.teacher, personas.bergen) == {"supervisor"}
    # Still signed in (one role is left); the teacher's pages are gone on the next request.
    assert ulla.get("/mine-okter/").status_code == 403
    assert ulla.get("/praksis/").status_code == 200


def test_removing_every_role_ends_the_membership_and_signs_the_person_out(client, personas):
    ulla = signed_in_client(personas.teacher)
    assert ulla.get("/mine-okter/").status_code == 200
    client.force_login(personas.coordinator)
    response = client.post(roles_url(personas.bergen, personas.teacher), {})
    assert response.status_code == 302
    assert held(personas.teacher, personas.bergen) == set()
    response = ulla.get("/mine-okter/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_an_ended_role_given_again_is_opened_again(client, personas):
    Membership.objects.filter(user=personas.teacher).update(ends_on=today() - dt.timedelta(days=3))
    client.force_login(personas.coordinator)
    url = roles_url(personas.bergen, personas.teacher)
    assert client.get(url).context["form"]["roles"].value() == []
    client.post(url, {"roles": ["teacher"]})
    membership = Membership.objects.get(user=personas.teacher, role="teacher")
    assert membership.ends_on is None
    assert AuditEvent.objects.filter(object_id=str(membership.pk), action="reopen").exists()


def test_nobody_removes_their_own_last_coordinator_role(client, personas):
    client.force_login(personas.coordinator)
    url = roles_url(personas.bergen, personas.coordinator)
    response = client.post(url, {"roles": ["teacher"]})
    assert response.context["form"].errors["roles"] == [
        "Du kan ikke avslutte ditt eget siste medlemskap som programkoordinator. "
        "Be en annen administrator eller koordinator om å gjøre det."
    ]
    assert held(personas.coordinator, personas.bergen) == {"coordinator"}


def test_an_admin_keeps_their_own_last_admin_role(client, personas):
    national = personas.admin.memberships.get().organisation
    client.force_login(personas.admin)
    response = client.post(roles_url(national, personas.admin), {"roles": ["analyst"]})
    assert "siste medlemskap som administrator" in response.context["form"].errors["roles"][0]
    assert held(personas.admin, national) == {"admin"}


def test_the_form_page_keeps_a_fixed_query_count(client, personas, django_assert_num_queries):
    make_user("ekstra", role=Role.TEACHER, org=personas.bergen)
    add_role(personas.teacher, personas.bergen, "supervisor")
    client.force_login(personas.coordinator)
    # session, user, roles, organisation, member, their memberships, the edit token's roles
    with django_assert_num_queries(7):
        client.get(roles_url(personas.bergen, personas.teacher))


def test_a_save_from_a_page_loaded_before_another_change_is_refused(client, personas):
    """Issue 10, finding 12 (ADR 0014): two coordinators open the roles page; the first saves;
    the second's save, made from what they saw, is refused with what changed, nothing lost."""
    url = roles_url(personas.bergen, personas.teacher)
    client.force_login(personas.coordinator)
    token = client.get(url).context["form"]["edit_token"].value()
    assert token
    client.post(url, {"roles": ["teacher", "supervisor"], "edit_token": token})
    assert held(personas.teacher, personas.bergen) == {"teacher", "supervisor"}

    response = client.post(url, {"roles": ["coordinator"], "edit_token": token})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Noen andre har lagret endringer mens du redigerte: Rollene (endret)" in text
    assert held(personas.teacher, personas.bergen) == {"teacher", "supervisor"}
    # The form shown again carries the fresh version: saving it now on purpose works.
    fresh = response.context["form"].data["edit_token"]
    assert fresh != token
    client.post(url, {"roles": ["coordinator"], "edit_token": fresh})
    assert held(personas.teacher, personas.bergen) == {"coordinator"}
