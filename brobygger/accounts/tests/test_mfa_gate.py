"""The MFA gate: the admin sits behind it, demo logins may skip it only in demo mode, and
force_login in tests stands for a full login."""

from __future__ import annotations

import pytest
from django.test import Client

from brobygger.accounts.testing import add_totp, totp_code
from brobygger.accounts.tests.conftest import MFA_RECHECK, MFA_SETUP, log_in
from brobygger.testing import make_user


@pytest.fixture
def superuser(db):
    user = make_user("rot", first_name="Rut")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.real_login
def test_the_admin_does_not_show_itself_to_staff_without_mfa(client, superuser):
    assert log_in(client, "rot")["Location"] == "/"

    for path in ("/admin/", "/admin/accounts/user/", "/admin/login/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, MFA_SETUP), path
        assert b"Django" not in response.content


@pytest.mark.real_login
def test_the_admin_login_form_is_replaced_by_the_real_login(client, superuser):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert client.post("/admin/login/", {"username": "rot", "password": "x"}).status_code == 302


@pytest.mark.real_login
def test_the_admin_opens_after_the_mfa_step(client, superuser):
    secret = add_totp(superuser)
    log_in(client, "rot")
    client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})

    assert client.get("/admin/").status_code == 200


@pytest.mark.real_login
def test_a_session_without_the_mfa_step_is_asked_for_a_code_and_sent_on(client, personas):
    """E.g. a session from before MFA was required: the user has an app, the session no step."""
    secret = add_totp(personas.coordinator)
    client.force_login(personas.coordinator)

    response = client.get("/kull/?side=2")

    assert response["Location"] == f"{MFA_RECHECK}?next=%2Fkull%2F%3Fside%3D2"
    page = client.get(response["Location"])
    assert "Bekreft med totrinnsinnlogging" in page.content.decode()
    done = client.post(
        MFA_RECHECK, {"code": totp_code(secret), "next": "/kull/?side=2"}, follow=False
    )
    assert done["Location"] == "/kull/?side=2"
    assert client.get("/kull/").status_code == 200


@pytest.mark.real_login
def test_in_demo_mode_the_demo_logins_may_skip_mfa(client, personas, settings):
    settings.DEMO_MODE = True
    log_in(client, "koordinator")  # a demo login name
    assert client.get("/kull/").status_code == 200

    other = Client()  # "stavanger" is not a demo login
    log_in(other, personas.other_coordinator.username)
    assert other.get("/kull/")["Location"] == MFA_SETUP


@pytest.mark.real_login
def test_outside_demo_mode_no_one_skips_mfa(client, personas, settings):
    settings.DEMO_MODE = False
    log_in(client, "koordinator")

    assert client.get("/kull/")["Location"] == MFA_SETUP


@pytest.mark.parametrize(("demo", "shown"), [(True, True), (False, False)])
def test_the_login_page_says_demo_logins_skip_mfa_only_in_demo_mode(
    client, db, settings, demo, shown
):
    settings.DEMO_MODE = demo

    html = client.get("/konto/login/").content.decode()

    assert ("Demobrukerne slipper totrinnsinnlogging" in html) is shown


def test_force_login_in_tests_is_a_full_login(client, personas):
    client.force_login(personas.coordinator)

    assert client.get("/kull/").status_code == 200
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"  # not staff, no MFA


@pytest.mark.real_login
def test_with_the_real_login_marker_force_login_has_not_passed_mfa(client, personas):
    client.force_login(personas.coordinator)

    assert client.get("/kull/")["Location"] == MFA_SETUP
