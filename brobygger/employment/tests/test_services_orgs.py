import pytest
from django.core.exceptions import ValidationError

from brobygger.accounts.models import Membership, Role, User
from brobygger.employment import services
from brobygger.employment.tests.factories import ORGNR_BAD_CHECK, ORGNR_OK
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind


def bergen():
    return Municipality.objects.get(number="4601")


def test_an_employer_organisation_is_created_with_its_orgnr(personas):
    org = services.employer_org_create(
        by=personas.coordinator, name=" Bergen Bydrift ", orgnr=ORGNR_OK, municipality=bergen()
    )
    assert (org.name, org.kind, org.orgnr) == (
        "Bergen Bydrift",
        OrganisationKind.EMPLOYER,
        ORGNR_OK,
    )


def test_a_wrong_check_digit_is_refused_in_norwegian(personas):
    count = Organisation.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.employer_org_create(
            by=personas.coordinator, name="X", orgnr=ORGNR_BAD_CHECK, municipality=bergen()
        )
    assert exc.value.message_dict["orgnr"] == [
        "Organisasjonsnummeret er ikke gyldig: ni siffer med riktig kontrollsiffer."
    ]
    assert Organisation.objects.count() == count


def test_the_same_orgnr_twice_is_refused(personas):
    services.employer_org_create(
        by=personas.coordinator, name="A", orgnr=ORGNR_OK, municipality=bergen()
    )
    with pytest.raises(ValidationError) as exc:
        services.employer_org_create(
            by=personas.coordinator, name="B", orgnr=ORGNR_OK, municipality=bergen()
        )
    assert "orgnr" in exc.value.message_dict


def test_a_new_employer_user_has_no_password_and_the_employer_role(personas):
    user = services.employer_user_add(
        by=personas.coordinator,
        organisation=personas.employer_org,
        first_name="Erle",
        last_name="Leder",
        email="Erle.Leder@example.test",
    )
    assert user.username == "erle.leder@example.test"
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, organisation=personas.employer_org, role=Role.EMPLOYER
    ).exists()


def test_an_existing_user_gets_the_role_without_a_new_account(personas):
    services.employer_user_add(
        by=personas.coordinator,
        organisation=personas.employer_org,
        first_name="E",
        last_name="L",
        email="e@example.test",
    )
    other = services.employer_org_create(
        by=personas.coordinator, name="Annen", orgnr=ORGNR_OK, municipality=bergen()
    )
    services.employer_user_add(
        by=personas.coordinator,
        organisation=other,
        first_name="E",
        last_name="L",
        email="e@example.test",
    )
    assert User.objects.filter(username="e@example.test").count() == 1
    with pytest.raises(ValidationError):
        services.employer_user_add(
            by=personas.coordinator,
            organisation=other,
            first_name="E",
            last_name="L",
            email="e@example.test",
        )


def test_users_are_added_only_to_employers(personas):
    with pytest.raises(ValidationError):
        services.employer_user_add(
            by=personas.coordinator,
            organisation=personas.bergen,
            first_name="E",
            last_name="L",
            email="x@example.test",
        )
