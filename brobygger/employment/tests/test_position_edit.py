from django.test import Client
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.employment.tests.factories import make_employer, make_employer_org, make_position
from brobygger.employment.tests.test_position_create import funding, post_data
from brobygger.testing import make_user


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


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    position = make_position(personas.employer, personas.employer_org)
    colleague = make_user(role=Role.EMPLOYER, org=personas.employer_org)
    first, second = Client(), Client()
    first.force_login(personas.employer)
    second.force_login(colleague)
    edit = url(position)
    token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
    rows = [("project", 50, "2026-08-01", ""), ("mb_funds", 50, "2026-08-01", "")]
    mine = post_data(personas.employer_org, percent="60", edit_token=token_first, **funding(rows))
    assert first.post(edit, mine).status_code == 302
    late = post_data(personas.employer_org, title="Likeperson", edit_token=token_second)
    response = second.post(edit, late)
    fresh = refused_as_stale(response, "Stillingsprosent (nå «60»)", "Finansiering (endret)")
    position.refresh_from_db()
    assert (position.title, position.percent, position.funding.count()) == (
        "Erfaringskonsulent",
        60,
        2,
    )

    assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    position.refresh_from_db()
    assert (position.title, position.funding.count()) == ("Likeperson", 1)
