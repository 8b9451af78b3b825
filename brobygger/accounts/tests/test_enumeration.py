"""No user enumeration: login and password reset answer the same for known and unknown users."""

from __future__ import annotations

import re

import pytest

from brobygger.accounts.tests.conftest import log_in

pytestmark = pytest.mark.real_login


def without_csrf(html: str) -> str:
    """The page without its CSRF tokens (64 random characters, new on each response)."""
    return re.sub(r"[A-Za-z0-9]{64}", "<token>", html)


def test_login_answers_alike_for_an_unknown_user_and_a_wrong_password(client, personas):
    unknown = log_in(client, "finnes-ikke", "feil-passord-x")
    known = log_in(client, "koordinator", "feil-passord-x")

    assert unknown.status_code == known.status_code == 200
    assert "Brukernavnet og/eller passordet du oppgav er feil." in known.content.decode()
    assert without_csrf(unknown.content.decode().replace("finnes-ikke", "koordinator")) == (
        without_csrf(known.content.decode())
    )


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, personas, mailoutbox):
    personas.coordinator.email = "kora@example.org"
    personas.coordinator.save()

    known = client.post("/konto/password/reset/", {"email": "kora@example.org"})
    unknown = client.post("/konto/password/reset/", {"email": "ingen@example.org"})

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == "/konto/password/reset/done/"
    assert [m.to for m in mailoutbox] == [["kora@example.org"]]  # strangers get no mail
    done = client.get(known["Location"]).content.decode()
    assert "Er e-postadressen registrert hos oss" in done
