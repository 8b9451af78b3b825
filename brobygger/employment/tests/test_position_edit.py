from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.testing import make_user
from brobygger.employment.tests.factories import make_employer, make_employer_org, make_position
from brobygger.employment.tests.test_position_create import funding, post_data


def url(position):
    return reverse("position_edit", args=[position.pk])


def test_anonymous_is_sent_to_login(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    assert "/konto/login" in client.get(url(position))["Location"]


def test_another_employer_gets_404(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(make_employer(make_employer_org("Annen")))
    assert client.get(url(position)).status_code == 404
    assert client.post(url(position), {}).status_code == 404


def test_a_coordinator_in_the_area_may_look_but_not_edit(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.coordinator)
    assert client.get(url(position)).status_code == 403


def test_put_is_not_allowed(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.employer)
    assert client.put(url(position)).status_code == 405


def test_the_form_starts_with_the_saved_values_and_funding(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.employer)
    response = client.get(url(position))
    assert response.context["form"].initial["title"] == "Erfaringskonsulent"
    assert response.context["formset"].forms[0].initial["source"] == "mb_funds"


def test_a_colleague_at_the_same_employer_edits_the_position(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    colleague = make_user(role=Role.EMPLOYER, org=personas.employer_org)
    client.force_login(colleague)
    rows = [("project", 50, "2026-08-01", "2026-12-31"), ("mb_funds", 50, "2026-08-01", "")]
    response = client.post(
        url(position), post_data(personas.employer_org, percent="60", **funding(rows))
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.percent == 60
    assert position.funding.count() == 2


def test_bad_input_saves_nothing(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.employer)
    response = client.post(url(position), post_data(personas.employer_org, percent="0"))
    assert response.context["form"].errors["percent"] == ["Stillingsprosenten må være minst 1."]
    position.refresh_from_db()
    assert position.percent == 50
