"""Sessions end after 30 idle minutes or 12 hours; logout, a new password or deactivation ends
all of a user's sessions; a removed role is gone on the very next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from brobygger.accounts.models import User
from brobygger.testing import PASSWORD, make_user

START = dt.datetime(2026, 10, 5, 8, 0, tzinfo=dt.UTC)
NEW_PASSWORD = "fire-tilfeldige-ord-her"


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def signed_in(client: Client) -> bool:
    response = client.get("/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_a_session_ends_after_30_minutes_without_a_request(client, personas, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)

    time_machine.move_to(START + minutes(29), tick=False)
    assert signed_in(client)
    time_machine.move_to(START + minutes(29 + 29), tick=False)
    assert signed_in(client)  # each request starts the 30 minutes again
    time_machine.move_to(START + minutes(29 + 29 + 30), tick=False)
    response = client.get("/kull/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    page = client.get(response["Location"]).content.decode()
    assert "Du ble logget ut fordi økten var utløpt" in page


def test_a_session_ends_12_hours_after_login_however_busy(client, personas, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)

    for step in range(1, 36):  # a request every 20 minutes for 11 h 40 min
        time_machine.move_to(START + minutes(20 * step), tick=False)
        assert signed_in(client), step
    time_machine.move_to(START + dt.timedelta(hours=12), tick=False)

    assert not signed_in(client)


def test_an_idle_timeout_ends_only_that_session(client, personas, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)
    time_machine.move_to(START + minutes(20), tick=False)
    other = Client()
    other.force_login(personas.coordinator)

    time_machine.move_to(START + minutes(45), tick=False)

    assert not signed_in(client)
    assert signed_in(other)


def test_logging_out_ends_every_session_of_that_user(client, personas):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(personas.coordinator)
    phone.force_login(personas.coordinator)
    colleague.force_login(personas.teacher)

    response = laptop.post("/konto/logout/")

    assert response.status_code == 302
    assert not signed_in(laptop)
    assert not signed_in(phone)
    assert signed_in(colleague)


def test_logging_out_of_the_admin_ends_every_session_too(client, db):
    user = make_user("rot")
    user.is_staff = user.is_superuser = True
    user.save()
    admin, other = Client(), Client()
    admin.force_login(user)
    other.force_login(user)

    admin.post("/admin/logout/")

    assert other.get("/admin/").status_code == 302


def test_a_new_password_ends_every_session(client, personas):
    laptop, phone = Client(), Client()
    laptop.force_login(personas.coordinator)
    phone.force_login(personas.coordinator)

    personas.coordinator.set_password(NEW_PASSWORD)
    personas.coordinator.save()

    assert not signed_in(laptop)
    assert not signed_in(phone)


def test_changing_the_password_on_the_page_logs_out_everywhere(client, personas):
    phone = Client()
    client.force_login(personas.coordinator)
    phone.force_login(personas.coordinator)

    response = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not signed_in(client)
    assert not signed_in(phone)
    assert User.objects.get(pk=personas.coordinator.pk).check_password(NEW_PASSWORD)


def test_deactivating_a_user_ends_their_sessions(client, personas):
    client.force_login(personas.coordinator)
    assert signed_in(client)

    User.objects.filter(pk=personas.coordinator.pk).update(is_active=False)
    assert not signed_in(client)

    # The session was dropped, not just refused: reactivating does not bring it back.
    User.objects.filter(pk=personas.coordinator.pk).update(is_active=True)
    assert not signed_in(client)


def test_deactivating_in_the_admin_ends_sessions_for_good(client, personas):
    admin_user = make_user("rot")
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    admin = Client()
    admin.force_login(admin_user)
    coordinator = personas.coordinator
    client.force_login(coordinator)
    form = {
        "username": coordinator.username,
        "first_name": coordinator.first_name,
        "last_name": coordinator.last_name,
        "email": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }

    response = admin.post(f"/admin/accounts/user/{coordinator.pk}/change/", form)  # not active

    assert response.status_code == 302, response.content.decode()[:2000]
    User.objects.filter(pk=coordinator.pk).update(is_active=True)  # back, outside the admin
    assert not signed_in(client)


def test_a_removed_role_is_gone_on_the_very_next_request(client, personas):
    client.force_login(personas.coordinator)
    assert client.get("/kull/").status_code == 200

    personas.coordinator.memberships.all().delete()

    assert client.get("/kull/").status_code == 403


@pytest.mark.parametrize("path", ["/", "/kull/"])
def test_the_session_and_mfa_checks_add_no_query_to_a_page(client, personas, settings, path):
    client.force_login(personas.coordinator)
    client.get(path)

    with CaptureQueriesContext(connection) as with_checks:
        assert client.get(path).status_code == 200
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "brobygger.accounts" not in m]
    bare = Client()  # a client loads its middleware once: a new one for the changed setting
    bare.cookies = client.cookies
    with CaptureQueriesContext(connection) as without_checks:
        assert bare.get(path).status_code == 200

    assert len(with_checks) == len(without_checks) > 0
