"""Helpers for tests of optimistic locking on edit forms (core/concurrency.py, ADR 0014)."""

from __future__ import annotations

from typing import Any

STALE = "Noen andre har lagret endringer mens du redigerte:"
NOTHING_SAVED = "Se over og lagre på nytt. Ingenting er lagret."


def loaded_token(client: Any, url: str) -> str:
    """The edit token of the page `client` loads at `url`, as a browser would send it back."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    token = response.context["form"]["edit_token"].value()
    assert token, "the edit page carries no edit token"
    assert f'name="edit_token" value="{token}"' in response.content.decode()
    return str(token)


def refused_as_stale(response: Any, *changes: str) -> str:
    """Assert a refusal naming `changes` (each a piece of the message, such as «Sted (nå
    «Fana»)»); returns the fresh token the form was shown again with."""
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert STALE in page and NOTHING_SAVED in page, page[:2000]
    for change in changes:
        assert change in page, f"{change!r} not named in the refusal"
    fresh = response.context["form"]["edit_token"].value()
    assert fresh and f'name="edit_token" value="{fresh}"' in page
    return str(fresh)
