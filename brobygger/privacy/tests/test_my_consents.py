"""Mine samtykker: the participant's consents with time and text version; give and withdraw."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.privacy.consents import CURRENT_VERSION
from brobygger.privacy.models import Consent, ConsentPurpose
from brobygger.privacy.services import consent_give, consent_withdraw

pytestmark = pytest.mark.django_db
PURPOSE = ConsentPurpose.EMPLOYER_PROFILE
PAGE = reverse("my_consents")
GIVE = reverse("my_consent_give")
WITHDRAW = reverse("my_consent_withdraw")


def dina(personas):
    return personas.enrolment.participant


def test_it_needs_a_login(client):
    for url in (PAGE, GIVE, WITHDRAW):
        response = client.get(url) if url == PAGE else client.post(url, {"purpose": PURPOSE})
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_staff_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(PAGE).status_code == 403
    assert client.post(GIVE, {"purpose": PURPOSE}).status_code == 403
    assert not Consent.objects.exists()


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(PAGE).status_code == 405
    assert client.get(GIVE).status_code == 405
    assert client.get(WITHDRAW).status_code == 405


def test_a_login_without_a_participant_record_gets_404(client, personas):
    from brobygger.accounts.models import Membership, Role
    from brobygger.testing import make_user

    lonely = make_user("ensom", role=Role.PARTICIPANT, org=personas.bergen)
    assert Membership.objects.filter(user=lonely).exists()
    client.force_login(lonely)
    assert client.get(PAGE).status_code == 404


def test_the_page_shows_the_current_text_and_that_nothing_is_given(client, personas):
    client.force_login(personas.participant_user)
    response = client.get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dele kandidatprofil med arbeidsgivere" in page
    assert "Ikke gitt" in page
    assert "Jeg samtykker" in page


def test_giving_consent_records_time_version_and_an_audit_event(client, personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC), tick=False)
    client.force_login(personas.participant_user)
    response = client.post(GIVE, {"purpose": PURPOSE})
    assert response.status_code == 302
    assert response["Location"] == PAGE
    consent = Consent.objects.get(participant=dina(personas))
    assert consent.is_active
    assert consent.text_version == CURRENT_VERSION[PURPOSE]
    assert consent.given_by == personas.participant_user
    assert AuditEvent.objects.filter(
        object_type="privacy.consent", object_id=str(consent.pk), action="create"
    ).exists()
    page = client.get(PAGE).content.decode()
    assert "Samtykket er registrert." in page
    # 10:30 in Oslo, and the version of the text agreed to.
    assert "02.11.2026 10:30" in page
    assert f"tekstversjon {CURRENT_VERSION[PURPOSE]}" in page
    assert "Trekk samtykket" in page


def test_withdrawing_takes_effect_and_keeps_the_history(client, personas):
    consent_give(participant=dina(personas), purpose=PURPOSE, by=personas.participant_user)
    client.force_login(personas.participant_user)
    response = client.post(WITHDRAW, {"purpose": PURPOSE})
    assert response.status_code == 302
    consent = Consent.objects.get(participant=dina(personas))
    assert consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(object_id=str(consent.pk), action="withdraw").exists()
    page = client.get(PAGE).content.decode()
    assert "Samtykket er trukket tilbake." in page
    assert "Ikke gitt" in page
    assert "Historikk" in page


def test_giving_again_after_withdrawing_makes_a_new_row(personas):
    person, user = dina(personas), personas.participant_user
    first = consent_give(participant=person, purpose=PURPOSE, by=user)
    assert consent_give(participant=person, purpose=PURPOSE, by=user) == first  # no duplicate
    consent_withdraw(participant=person, purpose=PURPOSE, by=user)
    second = consent_give(participant=person, purpose=PURPOSE, by=user)
    assert second.pk != first.pk
    assert Consent.objects.filter(participant=person).count() == 2


def test_an_unknown_purpose_shows_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.participant_user)
    events = AuditEvent.objects.count()
    response = client.post(GIVE, {"purpose": "sell_to_advertisers"})
    assert response.status_code == 400
    assert "Ukjent formål for samtykke." in response.content.decode()
    assert not Consent.objects.exists()
    assert AuditEvent.objects.count() == events


def test_one_participant_cannot_touch_anothers_consent(client, personas):
    consent_give(participant=dina(personas), purpose=PURPOSE, by=personas.participant_user)
    client.force_login(personas.other_participant_user)  # Dag
    client.post(WITHDRAW, {"purpose": PURPOSE})
    assert Consent.objects.get(participant=dina(personas)).is_active
    assert "Ikke gitt" in client.get(PAGE).content.decode()  # Dag sees only his own


def test_the_query_count_does_not_grow_with_the_history(
    client, personas, django_assert_num_queries
):
    person, user = dina(personas), personas.participant_user
    client.force_login(user)
    consent_give(participant=person, purpose=PURPOSE, by=user)
    client.get(PAGE)  # warm the session
    with django_assert_num_queries(5) as few:
        client.get(PAGE)
    for _ in range(4):
        consent_withdraw(participant=person, purpose=PURPOSE, by=user)
        consent_give(participant=person, purpose=PURPOSE, by=user)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(PAGE).content.decode().count("<tr>") == 1 + 5
