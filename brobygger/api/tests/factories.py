"""API clients for tests, made through the service (so the token is hashed as in production)."""

from __future__ import annotations

from typing import Any

from brobygger.api.services import IssuedClient, api_client_create

READ_ALL = ["cohorts:read", "enrolments:read", "organisations:read", "participants:read"]


def make_client(
    organisation: Any, by: Any, *, name: str = "Fagsystem", scopes: list[str] | None = None
) -> IssuedClient:
    return api_client_create(
        by=by, organisation=organisation, name=name, scopes=scopes or list(READ_ALL)
    )


def bearer(issued: IssuedClient) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.token}"}
