import pytest
from django.urls import reverse

from brobygger.subsidy.models import RefundPeriod
from brobygger.subsidy.tests.factories import make_active


def url(agreement):
    return reverse("subsidy_refund_create", args=[agreement.pk])


@pytest.fixture
def agreement(personas, today):
    return make_active(personas)


QUARTER = {"period_start": "2026-01-01", "period_end": "2026-03-31"}


def test_anonymous_is_sent_to_login(client, agreement):
    assert "/konto/login" in client.post(url(agreement), QUARTER)["Location"]


def test_other_organisations_get_404_and_employers_403(client, personas, agreement):
    for user in (personas.other_coordinator, personas.other_caseworker):
        client.force_login(user)
        assert client.post(url(agreement), QUARTER).status_code == 404
    for user in (personas.employer, personas.other_employer):  # read only, by role
        client.force_login(user)
        assert client.post(url(agreement), QUARTER).status_code == 403
    assert RefundPeriod.objects.count() == 0


def test_get_is_405(client, personas, agreement):
    client.force_login(personas.coordinator)
    assert client.get(url(agreement)).status_code == 405


def test_a_quarter_is_registered_with_the_hand_calculated_amount(client, personas, agreement):
    client.force_login(personas.coordinator)
    response = client.post(url(agreement), QUARTER)
    assert response.status_code == 302
    period = RefundPeriod.objects.get()
    assert period.amount_ore == 4_943_913  # 3 × 1 647 971, see test_services_refund.py
    page = client.get(response["Location"]).content.decode()
    assert "49\u00a0439,13\u00a0kr" in page
    assert "Refusjonsperioden er registrert." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"period_start": "2026-01-01", "period_end": "2026-04-30"},
            "En refusjonsperiode kan være høyst 3 måneder. Du valgte 4.",
        ),
        (
            {"period_start": "2026-03-01", "period_end": "2026-01-31"},
            "Sluttdatoen kan ikke være før startdatoen.",
        ),
        (
            {"period_start": "2025-12-01", "period_end": "2026-01-31"},
            "Perioden må ligge innenfor avtalen (01.01.2026–31.12.2026).",
        ),
        (
            {"period_start": "2026-01-10", "period_end": "2026-01-31"},
            "Perioden må starte den 1. i en måned (hele måneder).",
        ),
        ({"period_start": "", "period_end": "2026-01-31"}, "Velg en dato."),
    ],
)
def test_bad_periods_show_a_message_and_save_nothing(client, personas, agreement, data, message):
    client.force_login(personas.caseworker)
    response = client.post(url(agreement), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RefundPeriod.objects.count() == 0
