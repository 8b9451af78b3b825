"""Personvern: the participant's starting point, in the menu."""

import pytest
from django.urls import reverse

from brobygger.privacy import views

pytestmark = pytest.mark.django_db
PAGE = reverse("privacy_home")


def test_it_needs_a_login_and_the_participant_role(client, personas):
    assert "/login/" in client.get(PAGE)["Location"]
    client.force_login(personas.coordinator)
    assert client.get(PAGE).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(PAGE).status_code == 405


def test_it_is_in_the_participant_s_menu_only(client, personas):
    client.force_login(personas.participant_user)
    assert f'href="{PAGE}"' in client.get(reverse("home")).content.decode()
    client.force_login(personas.coordinator)
    assert f'href="{PAGE}"' not in client.get(reverse("home")).content.decode()


def test_it_links_consents_data_and_the_read_log(client, personas):
    client.force_login(personas.participant_user)
    page = client.get(PAGE).content.decode()
    assert reverse("my_consents") in page
    assert reverse("my_data") in page
    assert reverse("my_access_log") in page
    assert "Hver gang en ansatt har åpnet opplysninger om deg." in page
    assert "5 år" in page


def test_the_read_log_link_is_left_out_while_that_page_does_not_exist(
    client, personas, monkeypatch
):
    monkeypatch.setattr(views, "_access_log_url", lambda: "")
    client.force_login(personas.participant_user)
    page = client.get(PAGE).content.decode()
    assert "Hver gang en ansatt har åpnet opplysninger om deg." not in page


def test_it_shows_the_date_once_the_enrolment_has_ended(client, personas):
    import datetime as dt

    from brobygger.enrolments.models import EndingReason, Status
    from brobygger.enrolments.services import enrolment_transition

    enrolment_transition(
        by=None,
        enrolment=personas.enrolment,
        to=Status.AVBRUTT,
        on=dt.date(2026, 12, 1),
        reason=EndingReason.MOVED,
    )
    client.force_login(personas.participant_user)
    assert "01.12.2031" in client.get(PAGE).content.decode()
