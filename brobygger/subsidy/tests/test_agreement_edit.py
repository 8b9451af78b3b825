import pytest
from django.test import Client
from django.urls import reverse

from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.subsidy.tests.factories import make_active, make_agreement
from brobygger.subsidy.tests.test_agreement_create import post_data


def url(agreement):
    return reverse("subsidy_agreement_edit", args=[agreement.pk])


@pytest.fixture
def draft(personas, today):
    return make_agreement(personas)


def test_anonymous_is_sent_to_login(client, draft):
    assert "/konto/login" in client.get(url(draft))["Location"]


def test_other_organisations_get_404(client, personas, draft):
    for user in (personas.other_coordinator, personas.other_caseworker):
        client.force_login(user)
        assert client.get(url(draft)).status_code == 404
        assert client.post(url(draft), post_data(personas, months="6")).status_code == 404
    draft.refresh_from_db()
    assert draft.months == 12


def test_the_employer_may_read_but_not_edit(client, personas, draft):
    client.force_login(personas.employer)
    assert client.get(url(draft)).status_code == 403


def test_wrong_method_is_405(client, personas, draft):
    client.force_login(personas.coordinator)
    assert client.delete(url(draft)).status_code == 405


def test_the_caseworker_edits_a_draft(client, personas, draft):
    client.force_login(personas.caseworker)
    form = client.get(url(draft)).context["form"]
    assert form.initial["monthly_wage_ore"] == 3_212_345
    response = client.post(url(draft), post_data(personas, months="6"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.months == 6


def test_bad_input_saves_nothing(client, personas, draft):
    client.force_login(personas.coordinator)
    response = client.post(url(draft), post_data(personas, months="6", pension_rate="-1"))
    assert response.status_code == 200
    assert "Satsen kan ikke være negativ." in response.content.decode()
    draft.refresh_from_db()
    assert draft.months == 12


def test_an_active_agreement_is_not_edited(client, personas, today):
    agreement = make_active(personas)
    client.force_login(personas.coordinator)
    response = client.post(url(agreement), post_data(personas, months="6"))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.months == 12
    follow = client.get(response["Location"])
    assert "Bare utkast kan endres." in follow.content.decode()


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas, draft):
    first, second = Client(), Client()
    first.force_login(personas.caseworker)
    second.force_login(personas.coordinator)
    token_first, token_second = loaded_token(first, url(draft)), loaded_token(second, url(draft))
    mine = post_data(personas, months="6", monthly_wage_ore="40000", edit_token=token_first)
    assert first.post(url(draft), mine).status_code == 302
    late = post_data(personas, months="9", edit_token=token_second)
    response = second.post(url(draft), late)
    fresh = refused_as_stale(response, "Varighet", "(nå «6»)", "Månedslønn (nå «40\u00a0000 kr»)")
    draft.refresh_from_db()
    assert (draft.months, draft.monthly_wage_ore) == (6, 4_000_000)

    assert second.post(url(draft), {**late, "edit_token": fresh}).status_code == 302
    draft.refresh_from_db()
    assert draft.months == 9
