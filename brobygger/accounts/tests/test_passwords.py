"""Passwords: at least 12 characters, no common or decorated-common ones, no forced rotation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from brobygger.accounts.tests.conftest import log_in
from brobygger.testing import PASSWORD


def problems(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [str(e.code) for e in error.error_list]
    return []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-passor", "password_too_short"),  # 11 characters
        ("123456789012345", "password_entirely_numeric"),
        ("qwerty123456", "password_too_common"),
        ("Password2024!", "password_common_pattern"),
        ("Sommer2026!!!", "password_common_pattern"),
        ("passord123456", "password_common_pattern"),
        ("aaaaaaaaaaaaaaaa", "password_repetitive"),
        ("abababababababab", "password_repetitive"),
    ],
)
def test_weak_passwords_are_refused(password, code, db):
    assert code in problems(password)


@pytest.mark.parametrize(
    "password", ["fire-tilfeldige-ord-her", "7#k2$9!q4@x1", PASSWORD, "brygge lyng mose tak"]
)
def test_long_uncommon_passwords_are_accepted(password, db):
    assert problems(password) == []


def test_a_password_like_the_username_is_refused(personas):
    assert "password_too_similar" in problems("koordinator1!", personas.coordinator)


def test_the_change_form_shows_the_reason_in_norwegian_and_keeps_the_old_password(client, personas):
    client.force_login(personas.coordinator)

    page = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": "Sommer2026!!!", "password2": "Sommer2026!!!"},
    ).content.decode()

    assert "Passordet er et vanlig passord med tall eller tegn lagt til." in page
    personas.coordinator.refresh_from_db()
    assert personas.coordinator.check_password(PASSWORD)


def test_a_short_new_password_is_explained_in_norwegian(client, personas):
    client.force_login(personas.coordinator)

    page = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": "kort-passor", "password2": "kort-passor"},
    ).content.decode()

    assert "12 tegn" in page


@pytest.mark.real_login
def test_no_one_is_made_to_change_an_old_password(client, personas, time_machine):
    time_machine.move_to(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=3 * 365), tick=False)

    assert log_in(client, "deltaker")["Location"] == "/"
    assert client.get("/meg/").status_code == 200


def test_the_password_rules_speak_norwegian():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from brobygger.accounts.models import User

    with pytest.raises(ValidationError) as caught:
        validate_password("12345", User(username="kari"))
    messages = " ".join(caught.value.messages)
    assert "Passordet er for kort. Det må ha minst 12 tegn." in messages
    assert "Passordet kan ikke bare være tall." in messages
    assert "password" not in messages.lower()
