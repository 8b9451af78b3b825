"""Bergen-owned objects for the authorisation matrix and the fuzz test (core/tests/routes.py):
the API client pages. Bergen's coordinator and the administrator may use them; Stavanger's
coordinator gets 404. (The token-authenticated /api/v1/ routes are not session pages: their
scoping is tested in test_api_reads.py, test_api_resources.py and test_api_writes.py, and
core/tests/test_urls.py checks they answer 401.)"""

from __future__ import annotations

from typing import Any

from brobygger.api.tests.factories import make_client


def _bergen_client(p: Any) -> dict[str, int]:
    issued = make_client(p.bergen, p.coordinator, name="Scoping-klient")
    return {"pk": p.bergen.pk, "client_pk": issued.client.pk}


OBJECTS = {
    "api_client_list": lambda p: p.bergen,
    "api_client_create": lambda p: p.bergen,
    "api_client_revoke": _bergen_client,
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): no participant.
ACCESS_LOG = {
    "api_client_list": 0,
    "api_client_create": 0,
    "api_client_revoke": 0,
}
