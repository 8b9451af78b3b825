import pytest
from django.urls import reverse

from brobygger.subsidy.models import AgreementStatusChange
from brobygger.subsidy.tests.factories import make_agreement


def url(agreement):
    return reverse("subsidy_agreement_transition", args=[agreement.pk])


@pytest.fixture
def draft(personas, today):
    return make_agreement(personas)


def test_anonymous_is_sent_to_login(client, draft):
    assert "/konto/login" in client.post(url(draft), {"to": "approved"})["Location"]


def test_other_organisations_get_404(client, personas, draft):
    for user in (personas.other_coordinator, personas.other_caseworker):
        client.force_login(user)
        response = client.post(url(draft), {"to": "cancelled", "on": "2026-12-15"})
        assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_employer_is_refused(client, personas, draft):
    client.force_login(personas.employer)
    assert client.post(url(draft), {"to": "cancelled", "on": "2026-12-15"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_get_is_405(client, personas, draft):
    client.force_login(personas.caseworker)
    assert client.get(url(draft)).status_code == 405


def test_the_caseworker_approves(client, personas, draft, today):
    client.force_login(personas.caseworker)
    response = client.post(url(draft), {"to": "approved", "on": "2026-12-15", "note": "OK"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.approved_by, draft.approved_on) == (
        "approved",
        personas.caseworker,
        today,
    )


def test_a_coordinator_trying_to_approve_gets_a_message_and_nothing_changes(
    client, personas, draft
):
    client.force_login(personas.coordinator)
    response = client.post(url(draft), {"to": "approved", "on": "2026-12-15"})
    assert response.status_code == 200
    assert "Bare en NAV-veileder kan godkjenne avtalen." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert AgreementStatusChange.objects.filter(agreement=draft).count() == 1


def test_a_missing_date_is_refused(client, personas, draft):
    client.force_login(personas.caseworker)
    response = client.post(url(draft), {"to": "approved", "on": ""})
    assert "Velg en dato." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
