"""allauth's mails (here the password reset) in the recipient's language (ADR 0021): their own
choice, else the language of the request that asked for the mail."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

RESET = "/konto/password/reset/"


def ask_for_reset(client, user, *, request_language):
    user.email = "kora@example.org"
    user.save(update_fields=["email", "language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = request_language
    response = client.post(RESET, {"email": "kora@example.org"})
    assert response.status_code == 302


def test_a_user_who_chose_english_gets_the_reset_mail_in_english(client, personas, mailoutbox):
    personas.coordinator.language = "en"
    ask_for_reset(client, personas.coordinator, request_language="nb")
    (message,) = mailoutbox
    assert message.extra_headers["Content-Language"] == "en"
    assert "Password Reset" in message.subject


def test_a_user_without_a_choice_gets_the_language_of_the_request(client, personas, mailoutbox):
    ask_for_reset(client, personas.coordinator, request_language="nb")
    ask_for_reset(client, personas.coordinator, request_language="en")
    bokmal, english = mailoutbox
    assert bokmal.extra_headers["Content-Language"] == "nb"
    assert "Password Reset" not in bokmal.subject
    assert english.extra_headers["Content-Language"] == "en"
    assert "Password Reset" in english.subject
