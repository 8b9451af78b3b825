"""Membership.objects.active(): an ended membership gives no access anywhere, from its day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.accounts.models import Membership, Role
from brobygger.core.access import user_memberships
from brobygger.core.audit import audit_record
from brobygger.employment import services as employment_services
from brobygger.employment.selectors.orgs import employer_rows, employer_users
from brobygger.organisations import services
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.organisations.tests.helpers import DUPLICATE_MESSAGE, ORGNR_OK, today
from brobygger.programmes.selectors import programme_staff
from brobygger.testing import make_user


def end(user, day):
    Membership.objects.filter(user=user).update(ends_on=day)


def test_active_means_not_ended_on_or_before_the_day(personas):
    end(personas.teacher, today() + dt.timedelta(days=2))
    teacher = Membership.objects.filter(user=personas.teacher)
    assert teacher.active().exists()
    assert teacher.active(on=today() + dt.timedelta(days=1)).exists()
    assert not teacher.active(on=today() + dt.timedelta(days=2)).exists()


def test_the_per_request_role_check_ignores_ended_memberships_in_one_query(
    personas, django_assert_num_queries
):
    end(personas.teacher, today())
    with django_assert_num_queries(1):
        assert user_memberships(personas.teacher) == []
    end(personas.teacher, today() + dt.timedelta(days=1))
    assert user_memberships(personas.teacher) == [("teacher", personas.bergen.pk)]


def test_the_audit_trail_names_only_the_roles_held_when_acting(personas):
    Membership.objects.create(user=personas.teacher, organisation=personas.host, role="supervisor")
    Membership.objects.filter(user=personas.teacher, role="teacher").update(ends_on=today())
    event = audit_record(by=personas.teacher, action="test", obj=personas.bergen)
    assert event.actor_roles == f"supervisor@{personas.host.pk}"


def test_staff_lists_for_cohorts_leave_out_ended_memberships(personas):
    programme = personas.version.programme
    assert personas.teacher in programme_staff(programme, Role.TEACHER)
    end(personas.teacher, today())
    assert personas.teacher not in programme_staff(programme, Role.TEACHER)


def test_employer_users_and_counts_leave_out_ended_memberships(personas):
    end(personas.employer, today())
    org = personas.employer_org
    assert employer_users(org) == []
    row = employer_rows(Organisation.objects.filter(pk=org.pk))[0]
    assert row.users == 0  # type: ignore[attr-defined]


def test_an_ended_employer_is_given_access_again_on_the_employment_page(personas):
    end(personas.employer, today() - dt.timedelta(days=1))
    employment_services.employer_user_add(
        by=personas.coordinator,
        organisation=personas.employer_org,
        first_name="A",
        last_name="G",
        email=personas.employer.username,
    )
    assert Membership.objects.get(user=personas.employer).ends_on is None
    with pytest.raises(ValidationError):  # now it is held again: a second time is refused
        employment_services.employer_user_add(
            by=personas.coordinator,
            organisation=personas.employer_org,
            first_name="A",
            last_name="G",
            email=personas.employer.username,
        )


def test_one_rule_for_the_orgnr_in_both_apps(personas):
    municipality = personas.bergen.municipality
    services.organisation_create(
        by=personas.admin,
        name="Fylket",
        kind=OrganisationKind.COUNTY,
        orgnr="900 000 200",
        municipality=municipality,
    )
    assert Organisation.objects.get(name="Fylket").orgnr == ORGNR_OK
    with pytest.raises(ValidationError) as exc:
        employment_services.employer_org_create(
            by=personas.coordinator, name="Kafé", orgnr=ORGNR_OK, municipality=municipality
        )
    assert exc.value.message_dict == {"orgnr": [DUPLICATE_MESSAGE]}


def test_services_refuse_roles_the_actor_may_not_give(personas):
    with pytest.raises(ValidationError) as exc:
        services.member_roles_set(
            by=personas.coordinator,
            organisation=personas.bergen,
            user=personas.teacher,
            roles=["admin"],
        )
    assert exc.value.message_dict["roles"] == ["Du kan ikke gi rollen Administrator her."]
    with pytest.raises(ValidationError):
        services.membership_end(
            by=personas.other_coordinator,
            organisation=personas.bergen,
            user=personas.teacher,
            ends_on=today(),
        )
    assert Membership.objects.get(user=personas.teacher).ends_on is None


def test_a_new_role_for_a_new_person_at_an_organisation(personas):
    user = make_user("ny")
    services.member_roles_set(
        by=personas.admin, organisation=personas.nav, user=user, roles=["caseworker"]
    )
    assert user_memberships(user) == [("caseworker", personas.nav.pk)]
