"""Issue 13: four-eyes approval per NAV office (the one who drafts cannot approve) and status
dates set back in time with a reason (an agreement that began before the service was taken
into use), never in the future, never before the previous status date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.subsidy.models import Agreement, AgreementStatus, AgreementStatusChange
from brobygger.subsidy.services import agreement_transition
from brobygger.subsidy.tests.factories import make_agreement
from brobygger.subsidy.tests.test_agreement_create import post_data
from brobygger.testing import make_user

S = AgreementStatus
SELF_APPROVAL = (
    "NAV Bergen sør krever godkjenning av en annen person: den som laget utkastet kan ikke "
    "godkjenne avtalen. Be en annen NAV-veileder ved kontoret godkjenne den."
)


@pytest.fixture
def four_eyes(personas):
    personas.nav.four_eyes_approval = True
    personas.nav.save(update_fields=["four_eyes_approval"])
    return personas.nav


@pytest.fixture
def second_caseworker(personas):
    return make_user("veileder2", role=Role.CASEWORKER, org=personas.nav, first_name="Vilde")


def _rows(agreement):
    return list(
        AgreementStatusChange.objects.filter(agreement=agreement)
        .order_by("id")
        .values_list("status", "valid_from", "late_reason")
    )


# --- Four eyes --------------------------------------------------------------------------


def test_with_four_eyes_the_drafter_cannot_approve_and_nothing_is_saved(personas, today, four_eyes):
    agreement = make_agreement(personas, by=personas.caseworker)
    with pytest.raises(ValidationError) as info:
        agreement_transition(by=personas.caseworker, agreement=agreement, to=S.APPROVED)
    assert info.value.messages == [SELF_APPROVAL]
    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_by) == (S.DRAFT, None)
    assert [row[0] for row in _rows(agreement)] == ["draft"]


def test_with_four_eyes_another_caseworker_approves(personas, today, four_eyes, second_caseworker):
    agreement = make_agreement(personas, by=personas.caseworker)
    agreement = agreement_transition(by=second_caseworker, agreement=agreement, to=S.APPROVED)
    assert (agreement.status, agreement.approved_by) == (S.APPROVED, second_caseworker)


def test_without_four_eyes_the_drafter_approves_as_before(personas, today):
    assert personas.nav.four_eyes_approval is False  # the default
    agreement = make_agreement(personas, by=personas.caseworker)
    agreement = agreement_transition(by=personas.caseworker, agreement=agreement, to=S.APPROVED)
    assert (agreement.status, agreement.approved_by) == (S.APPROVED, personas.caseworker)


def test_the_page_does_not_offer_approval_to_the_drafter_and_a_post_is_refused(
    client, personas, today, four_eyes
):
    agreement = make_agreement(personas, by=personas.caseworker)
    client.force_login(personas.caseworker)
    page = client.get(reverse("subsidy_agreement_detail", args=[agreement.pk])).content.decode()
    assert 'value="approved"' not in page
    assert "en annen NAV-veileder enn den som laget utkastet" in page
    response = client.post(
        reverse("subsidy_agreement_transition", args=[agreement.pk]),
        {"to": "approved", "on": "2026-12-15"},
    )
    assert response.status_code == 200
    assert "den som laget utkastet kan ikke godkjenne avtalen" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT


def test_the_page_offers_approval_to_another_caseworker(
    client, personas, today, four_eyes, second_caseworker
):
    agreement = make_agreement(personas, by=personas.caseworker)
    client.force_login(second_caseworker)
    page = client.get(reverse("subsidy_agreement_detail", args=[agreement.pk])).content.decode()
    assert 'value="approved"' in page


# --- Dates back in time -------------------------------------------------------------------


def test_an_agreement_that_began_before_the_service_can_be_registered(
    personas, today, second_caseworker
):
    """Drafted 1 Dec 2025, approved 10 Dec 2025, active from 1 Jan 2026, registered 15 Dec
    2026: every back-dated step carries its reason."""
    why = "Avtalen ble inngått før Brobygger ble tatt i bruk"
    agreement = make_agreement(
        personas, by=personas.caseworker, drafted_on=dt.date(2025, 12, 1), late_reason=why
    )
    agreement = agreement_transition(
        by=second_caseworker,
        agreement=agreement,
        to=S.APPROVED,
        on=dt.date(2025, 12, 10),
        late_reason=why,
    )
    agreement = agreement_transition(
        by=second_caseworker,
        agreement=agreement,
        to=S.ACTIVE,
        on=dt.date(2026, 1, 1),
        late_reason=why,
    )
    assert (agreement.status, agreement.approved_on) == (S.ACTIVE, dt.date(2025, 12, 10))
    assert _rows(agreement) == [
        ("draft", dt.date(2025, 12, 1), why),
        ("approved", dt.date(2025, 12, 10), why),
        ("active", dt.date(2026, 1, 1), why),
    ]


def test_a_back_dated_change_without_a_reason_is_refused(personas, today):
    agreement = make_agreement(personas, drafted_on=dt.date(2026, 1, 1), late_reason="Sent")
    with pytest.raises(ValidationError) as info:
        agreement_transition(
            by=personas.caseworker, agreement=agreement, to=S.APPROVED, on=dt.date(2026, 2, 1)
        )
    assert info.value.message_dict == {
        "late_reason": ["Skriv hvorfor statusendringen registreres med en dato tilbake i tid."]
    }
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT
    assert len(_rows(agreement)) == 1


def test_a_status_date_in_the_future_is_refused(personas, today):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as info:
        agreement_transition(
            by=personas.caseworker, agreement=agreement, to=S.APPROVED, on=dt.date(2026, 12, 16)
        )
    assert info.value.message_dict == {"on": ["Datoen kan ikke være fram i tid."]}
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT


def test_a_back_dated_change_before_the_previous_one_is_refused(personas, today):
    agreement = make_agreement(personas, drafted_on=dt.date(2026, 3, 1), late_reason="Sent")
    with pytest.raises(ValidationError) as info:
        agreement_transition(
            by=personas.caseworker,
            agreement=agreement,
            to=S.APPROVED,
            on=dt.date(2026, 2, 1),
            late_reason="Sent",
        )
    assert info.value.message_dict == {
        "on": ["Datoen kan ikke være før forrige statusendring (01.03.2026)."]
    }
    assert len(_rows(agreement)) == 1


def test_a_reason_is_not_kept_for_a_change_dated_today(personas, today):
    agreement = make_agreement(personas, late_reason="Unødvendig")
    assert _rows(agreement) == [("draft", today, "")]


def test_a_draft_dated_in_the_future_or_back_without_reason_is_refused(personas, today):
    with pytest.raises(ValidationError) as info:
        make_agreement(personas, drafted_on=dt.date(2026, 12, 16))
    assert info.value.message_dict == {"drafted_on": ["Datoen kan ikke være fram i tid."]}
    with pytest.raises(ValidationError) as info:
        make_agreement(personas, drafted_on=dt.date(2025, 12, 1))
    assert "late_reason" in info.value.message_dict
    assert not Agreement.objects.exists()


def test_ending_from_this_month_or_ahead_needs_no_reason(personas, travel):
    travel(dt.date(2026, 1, 1))
    agreement = make_agreement(personas)
    agreement = agreement_transition(by=personas.caseworker, agreement=agreement, to=S.APPROVED)
    agreement = agreement_transition(by=personas.caseworker, agreement=agreement, to=S.ACTIVE)
    travel(dt.date(2026, 5, 10))
    with pytest.raises(ValidationError) as info:  # April's first is back in time
        agreement_transition(
            by=personas.caseworker, agreement=agreement, to=S.ENDED, on=dt.date(2026, 4, 1)
        )
    assert "late_reason" in info.value.message_dict
    agreement = agreement_transition(
        by=personas.caseworker, agreement=agreement, to=S.ENDED, on=dt.date(2026, 5, 1)
    )
    assert agreement.ended_on == dt.date(2026, 5, 1)


def test_the_new_agreement_page_registers_a_back_dated_draft(client, personas, today):
    client.force_login(personas.coordinator)
    url = reverse("subsidy_agreement_create")
    response = client.post(url, post_data(personas, drafted_on="2025-11-20"))
    assert response.status_code == 200
    assert "Skriv hvorfor statusendringen registreres" in response.content.decode()
    assert not Agreement.objects.exists()
    response = client.post(
        url, post_data(personas, drafted_on="2025-11-20", late_reason="Inngått på papir")
    )
    assert response.status_code == 302
    assert _rows(Agreement.objects.get()) == [("draft", dt.date(2025, 11, 20), "Inngått på papir")]


def test_the_status_form_takes_a_reason_for_a_back_dated_change(client, personas, today):
    agreement = make_agreement(personas, drafted_on=dt.date(2026, 1, 1), late_reason="Sent")
    client.force_login(personas.caseworker)
    url = reverse("subsidy_agreement_transition", args=[agreement.pk])
    response = client.post(url, {"to": "approved", "on": "2026-01-05"})
    assert "Skriv hvorfor statusendringen registreres" in response.content.decode()
    response = client.post(url, {"to": "approved", "on": "2026-01-05", "late_reason": "Papir"})
    assert response.status_code == 302
    assert _rows(agreement)[-1] == ("approved", dt.date(2026, 1, 5), "Papir")
    page = client.get(reverse("subsidy_agreement_detail", args=[agreement.pk])).content.decode()
    assert "Registrert senere: Papir" in page
