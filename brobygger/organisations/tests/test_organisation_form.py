"""Creating and editing organisations: administrators only, orgnr checked, nothing half-saved."""

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.organisations.tests.helpers import (
    BAD_CHECK_MESSAGE,
    DUPLICATE_MESSAGE,
    ORGNR_BAD_CHECK,
    ORGNR_OK,
    ORGNR_OK_2,
)

NEW = "/organisasjoner/ny/"


def edit_url(org):
    return reverse("organisation_edit", args=[org.pk])


def data(**changes):
    return {
        "name": "Vestland fylkeskommune",
        "kind": OrganisationKind.COUNTY,
        "orgnr": "900 000 200",
        "municipality": "4601",
        **changes,
    }


def test_anonymous_is_sent_to_login(client, personas):
    for url in (NEW, edit_url(personas.bergen)):
        assert "/konto/login" in client.get(url)["Location"]


def test_only_administrators_may_create_or_edit(client, personas):
    for user in (personas.coordinator, personas.county_coordinator, personas.analyst):
        client.force_login(user)
        for url in (NEW, edit_url(personas.bergen)):
            assert client.get(url).status_code == 403
            assert client.post(url, data()).status_code == 403
    assert not Organisation.objects.filter(name="Vestland fylkeskommune").exists()


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.admin)
    assert client.put(NEW).status_code == 405
    assert client.delete(edit_url(personas.bergen)).status_code == 405


def test_an_unknown_organisation_is_404(client, personas):
    client.force_login(personas.admin)
    assert client.get(reverse("organisation_edit", args=[999999])).status_code == 404


def test_the_admin_registers_a_county_organisation_and_it_is_audited(client, personas):
    client.force_login(personas.admin)
    response = client.post(NEW, data())
    org = Organisation.objects.get(orgnr=ORGNR_OK)
    assert response["Location"] == reverse("organisation_users", args=[org.pk])
    assert (org.name, org.kind, org.municipality_id) == ("Vestland fylkeskommune", "county", "4601")
    event = AuditEvent.objects.get(object_type="organisations.organisation", object_id=str(org.pk))
    assert (event.action, event.actor) == ("create", personas.admin)


def test_the_municipality_is_one_of_the_357(client, personas):
    client.force_login(personas.admin)
    form = client.get(NEW).context["form"]
    assert form.fields["municipality"].queryset.count() == 357
    response = client.post(NEW, data(municipality="9999"))
    assert response.context["form"].errors["municipality"] == ["Velg en kommune fra lista."]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"orgnr": ORGNR_BAD_CHECK}, "orgnr", BAD_CHECK_MESSAGE),
        ({"name": "  "}, "name", "Skriv navnet på organisasjonen."),
        ({"kind": "employer", "orgnr": ""}, "orgnr", "Skriv organisasjonsnummeret (ni siffer)."),
        ({"kind": "castle"}, "kind", "Velg en type fra lista."),
    ],
)
def test_bad_input_gets_a_norwegian_message_and_nothing_is_saved(
    client, personas, changes, field, message
):
    client.force_login(personas.admin)
    count = Organisation.objects.count()
    response = client.post(NEW, data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Organisation.objects.count() == count
    assert "Ingenting er lagret" in response.content.decode()


def test_the_same_orgnr_twice_is_refused_with_the_message_employment_gives(client, personas):
    client.force_login(personas.admin)
    client.post(NEW, data())
    response = client.post(NEW, data(name="Kopi"))
    assert response.context["form"].errors["orgnr"] == [DUPLICATE_MESSAGE]
    assert not Organisation.objects.filter(name="Kopi").exists()
    # The coordinators' employer page uses the same rule and the same words.
    client.force_login(personas.coordinator)
    response = client.post(
        "/arbeidsgivere/ny/", {"name": "Kafé", "orgnr": ORGNR_OK, "municipality": "4601"}
    )
    assert response.context["form"].errors["orgnr"] == [DUPLICATE_MESSAGE]


def test_the_admin_edits_an_organisation_and_the_change_is_audited(client, personas):
    client.force_login(personas.admin)
    org = personas.stavanger
    form = client.get(edit_url(org)).context["form"]
    assert form["name"].value() == "Stavanger kommune, MB-utdanning"
    response = client.post(
        edit_url(org),
        data(
            name="Stavanger kommune, MB",
            kind="municipal_unit",
            orgnr=ORGNR_OK_2,
            municipality="1103",
        ),
    )
    assert response["Location"] == "/organisasjoner/"
    org.refresh_from_db()
    assert (org.name, org.orgnr) == ("Stavanger kommune, MB", ORGNR_OK_2)
    event = AuditEvent.objects.filter(object_id=str(org.pk), action="update").get()
    assert event.changes["orgnr"] == ["", ORGNR_OK_2]
    assert "kind" not in event.changes


def test_saving_an_organisation_with_its_own_orgnr_is_no_duplicate(client, personas):
    org = personas.stavanger
    org.orgnr = ORGNR_OK
    org.save()
    client.force_login(personas.admin)
    response = client.post(
        edit_url(org), data(name=org.name, kind=org.kind, orgnr=ORGNR_OK, municipality="1103")
    )
    assert response.status_code == 302


def test_an_edit_to_another_organisations_orgnr_saves_nothing(client, personas):
    other = personas.nav
    other.orgnr = ORGNR_OK
    other.save()
    client.force_login(personas.admin)
    response = client.post(edit_url(personas.stavanger), data(name="Nytt navn", orgnr=ORGNR_OK))
    assert response.context["form"].errors["orgnr"] == [DUPLICATE_MESSAGE]
    personas.stavanger.refresh_from_db()
    assert personas.stavanger.name == "Stavanger kommune, MB-utdanning"


def test_the_form_pages_keep_a_fixed_query_count(client, personas, django_assert_num_queries):
    client.force_login(personas.admin)
    with django_assert_num_queries(5):  # session, user, roles, organisation, municipalities
        client.get(edit_url(personas.bergen))
