import datetime as dt

import pytest
from django.urls import reverse

from brobygger.subsidy.models import Agreement

URL = reverse("subsidy_agreement_create")


def post_data(personas, **overrides):
    data = {
        "participant": personas.enrolment.participant.pk,
        "employer": personas.employer_org.pk,
        "nav_office": personas.nav.pk,
        "subsidy_type": "temporary",
        "start_date": "2026-01-01",
        "months": "12",
        "monthly_wage_ore": "32 123,45",
        "holiday_pay_rate": "10,2",
        "pension_rate": "2",
        "employer_tax_rate": "14,1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_the_employer_and_others_may_not_create(client, personas):
    for user in (personas.employer, personas.participant_user, personas.admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, post_data(personas)).status_code == 403
    assert Agreement.objects.count() == 0


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(URL).status_code == 405


def test_the_form_offers_only_participants_in_scope(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dina Deltakersen" in html and "Dag Deltakersen" in html
    assert "Siri" not in html
    client.force_login(personas.caseworker)
    response = client.get(URL)
    participants = list(response.context["form"].fields["participant"].queryset)
    assert participants == [personas.enrolment.participant]  # only the one NAV referred
    assert response.context["form"].initial["nav_office"] == personas.nav.pk


def test_another_organisations_participant_is_refused(client, personas):
    client.force_login(personas.coordinator)
    data = post_data(personas, participant=personas.stavanger_enrolment.participant.pk)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "Velg fra lista." in response.content.decode()
    assert Agreement.objects.count() == 0


def test_the_coordinator_creates_a_draft(client, personas, today):
    client.force_login(personas.coordinator)
    response = client.post(URL, post_data(personas))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subsidy_agreement_detail", args=[agreement.pk])
    assert agreement.monthly_wage_ore == 3_212_345
    assert str(agreement.holiday_pay_rate) == "10.200"
    assert (agreement.status, agreement.start_date) == ("draft", dt.date(2026, 1, 1))
    assert agreement.created_by == personas.coordinator


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"monthly_wage_ore": "-100"}, "monthly_wage_ore", "Månedslønnen kan ikke være negativ."),
        ({"holiday_pay_rate": "101"}, "holiday_pay_rate", "Satsen kan ikke være over 100 %."),
        ({"monthly_wage_ore": "tjue"}, "monthly_wage_ore", "Skriv beløpet i kroner"),
        ({"monthly_wage_ore": "100,555"}, "monthly_wage_ore", "Bruk høyst to desimaler (øre)."),
        ({"start_date": "2026-01-15"}, "start_date", "Avtalen må starte den 1. i en måned"),
        ({"months": "13"}, "months", "kan gis i høyst 12 måneder"),
        ({"months": "0"}, "months", "Varigheten må være minst én måned."),
        ({"subsidy_type": "permanent"}, "subsidy_type", "Satstabellen har ingen sats"),
        ({"participant": ""}, "participant", "Velg deltaker."),
    ],
)
def test_bad_input_shows_a_norwegian_message_and_saves_nothing(
    client, personas, today, overrides, field, message
):
    client.force_login(personas.coordinator)
    response = client.post(URL, post_data(personas, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message.split("(")[0].strip() in response.content.decode().replace("&quot;", '"')
    assert Agreement.objects.count() == 0
