"""Issue 14, finding 2 (WCAG 2.2.1): "Fortsett innlogget" keeps a session alive, and a form
posted after the session had ended is kept and filled in again after the same person logs in."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.core.cache import cache
from django.test import Client

from brobygger.accounts import drafts, sessions
from brobygger.accounts.tests.test_sessions import START, minutes, signed_in

FORM = "/kull/ny/"
KEEPALIVE = "/okt/fortsett/"
RESTORED = "Du ble logget ut. Det du skrev er tatt vare på – se over og lagre på nytt."


def restored(page: str) -> Any:
    found = re.search(r'<script id="restored-form" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1)) if found else None


def expired_post(client, user, time_machine, data, **extra):
    time_machine.move_to(START, tick=False)
    client.force_login(user)
    time_machine.move_to(START + minutes(31), tick=False)
    return client.post(FORM, data, **extra)


def test_continue_signed_in_starts_the_idle_time_again(client, personas, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)
    time_machine.move_to(START + minutes(28), tick=False)

    response = client.post(KEEPALIVE)

    assert response.status_code == 204
    assert client.session[sessions.SEEN_AT] == (START + minutes(28)).timestamp()
    time_machine.move_to(START + minutes(28 + 29), tick=False)
    assert signed_in(client)


def test_keepalive_takes_post_only_and_not_from_anonymous(client, personas):
    assert client.post(KEEPALIVE)["Location"].startswith("/konto/login/")
    client.force_login(personas.coordinator)
    assert client.get(KEEPALIVE).status_code == 405


def test_keepalive_needs_the_csrf_token(personas):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(personas.coordinator)
    assert strict.post(KEEPALIVE).status_code == 403


def test_keepalive_does_not_revive_an_ended_session(client, personas, time_machine):
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)
    time_machine.move_to(START + minutes(31), tick=False)

    response = client.post(KEEPALIVE)

    assert response.status_code == 302
    assert not signed_in(client)


def test_pages_carry_the_idle_limit_from_the_settings(client, personas, settings, time_machine):
    settings.SESSION_IDLE_TIMEOUT = 600
    time_machine.move_to(START, tick=False)
    client.force_login(personas.coordinator)
    time_machine.move_to(START + minutes(1), tick=False)

    page = client.get("/").content.decode()

    assert 'data-session-idle="600"' in page
    assert 'data-session-left="600"' in page  # seen just now (the request itself)
    assert 'id="session-timeout"' in page and "Fortsett innlogget" in page


def test_a_form_posted_after_the_timeout_is_given_back_after_login(client, personas, time_machine):
    response = expired_post(
        client,
        personas.coordinator,
        time_machine,
        {
            "name": "Høstkull 2026",
            "notes": ["første", "andre"],
            "csrfmiddlewaretoken": "tok",
            "password": "hemmelig-passord",
            "code": "123456",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/kull/ny/"
    assert "Høstkull" not in response["Location"]
    pointer = client.session[drafts.SESSION_DRAFT]
    assert set(pointer) == {"key", "page", "user_id"}  # nothing typed sits in the session

    client.force_login(personas.coordinator)
    page = client.get(FORM).content.decode()

    draft = restored(page)
    assert draft == {
        "action": FORM,
        "fields": [["name", "Høstkull 2026"], ["notes", "første"], ["notes", "andre"]],
    }
    assert RESTORED in page
    assert "hemmelig-passord" not in page and "123456" not in page
    assert drafts.SESSION_DRAFT not in client.session
    assert cache.get(drafts.CACHE_PREFIX + pointer["key"]) is None  # handed back once
    again = client.get(FORM).content.decode()
    assert restored(again) is None and RESTORED not in again


def test_the_draft_returns_to_the_page_the_form_was_on(client, personas, time_machine):
    response = expired_post(
        client,
        personas.coordinator,
        time_machine,
        {"name": "Vårkull"},
        HTTP_REFERER="http://testserver/kull/ny/?fra=liste",
    )

    assert response["Location"] == "/konto/login/?next=/kull/ny/%3Ffra%3Dliste"


def test_a_referer_from_another_site_is_ignored(client, personas, time_machine):
    response = expired_post(
        client,
        personas.coordinator,
        time_machine,
        {"name": "Vårkull"},
        HTTP_REFERER="https://evil.example/kull/",
    )

    assert response["Location"] == "/konto/login/?next=/kull/ny/"


def test_someone_else_logging_in_never_sees_the_draft(client, personas, time_machine):
    expired_post(client, personas.coordinator, time_machine, {"name": "Kora sitt kull"})
    key = drafts.CACHE_PREFIX + client.session[drafts.SESSION_DRAFT]["key"]
    assert cache.get(key) is not None

    client.force_login(personas.other_coordinator)
    page = client.get("/").content.decode()

    assert "Kora sitt kull" not in page and RESTORED not in page
    assert drafts.SESSION_DRAFT not in client.session
    assert cache.get(key) is None


def test_the_draft_waits_while_the_person_is_elsewhere(client, personas, time_machine):
    expired_post(client, personas.coordinator, time_machine, {"name": "Vinterkull"})
    client.force_login(personas.coordinator)

    assert restored(client.get("/").content.decode()) is None

    draft = restored(client.get(FORM).content.decode())
    assert draft is not None and draft["fields"] == [["name", "Vinterkull"]]


def test_an_expired_draft_is_gone(client, personas, time_machine):
    expired_post(client, personas.coordinator, time_machine, {"name": "Sent kull"})
    time_machine.move_to(
        START + minutes(31) + dt.timedelta(seconds=drafts.DRAFT_TTL + 1), tick=False
    )
    client.force_login(personas.coordinator)

    page = client.get(FORM).content.decode()

    assert restored(page) is None and RESTORED not in page


def test_an_htmx_post_after_the_timeout_loads_the_login_page_whole(client, personas, time_machine):
    response = expired_post(
        client,
        personas.coordinator,
        time_machine,
        {"name": "Htmx-kull"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/kull/ny/",
    )

    assert response.status_code == 204
    assert response["HX-Redirect"] == "/konto/login/?next=/kull/ny/"
    assert client.session[drafts.SESSION_DRAFT]["page"] == FORM


def test_a_post_with_only_secrets_keeps_nothing(client, personas, time_machine):
    response = expired_post(
        client,
        personas.coordinator,
        time_machine,
        {"csrfmiddlewaretoken": "tok", "oldpassword": "x", "password1": "y"},
    )

    assert response.status_code == 302
    assert drafts.SESSION_DRAFT not in client.session


def test_a_post_from_a_live_session_keeps_nothing(client, personas):
    client.force_login(personas.coordinator)

    client.post(FORM, {"name": ""})  # refused, re-rendered with the errors

    assert drafts.SESSION_DRAFT not in client.session
