"""An API client as the apps' access rules and services see it (ADR 0019).

- **Scope.** A client acts for its organisation the way that organisation's programme
  coordinators do. `client_scope(client)` is a request-shaped object the apps' access helpers
  and selectors take (`user_or_request`): its user is the client's own user, and its roles are
  exactly one, coordinator in the client's organisation. So `cohorts_managed_by`,
  `enrolments_managed_by`, `placements_managed_by`, `employments_for_staff`, the outcome
  scopes... answer for a client what they answer on the coordinator's pages, without a second
  copy of the rules. The client's user is never named coordinator of a cohort and holds no
  ProtectedAccess grant, so protected participants stay hidden.
- **Writes.** A service's `by=` is the client's user (a login-less user row, made with the
  client: no membership, no usable password, so it can never sign in or hold a role of its
  own), so rows that record who wrote them point at it, and `acting_as(client)` makes every
  audit row written meanwhile name the client ("api_client «name»@<organisation>").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from brobygger.accounts.models import Role, User
from brobygger.api.models import ApiClient
from brobygger.core.audit import current_actor_label


def api_client_user(client: ApiClient) -> Any:
    """The client's own user, made on first use for a client from before users were made
    with it (not audited: it is bookkeeping, not a change anyone asked for)."""
    if client.user_id is not None:
        return client.user
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        if locked.user_id is None:
            locked.user = new_client_user(locked)
            locked.save(update_fields=["user"])
        client.user = locked.user
    return client.user


def new_client_user(client: ApiClient) -> Any:
    user = User(username=f"api-klient-{client.pk}", first_name=client.name[:150], is_active=True)
    user.set_unusable_password()
    user.save()
    return user


def client_scope(client: ApiClient) -> HttpRequest:
    """What the apps' access helpers take as `user_or_request`, for this client: its user,
    with the one role of coordinator in its organisation (core.access.user_memberships reads
    a request's roles from this cache)."""
    scope = HttpRequest()
    scope.user = api_client_user(client)
    scope._brobygger_memberships = [(Role.COORDINATOR.value, client.organisation_id)]  # type: ignore[attr-defined]
    return scope


def audit_label(client: ApiClient) -> str:
    return f"api_client «{client.name}»@{client.organisation_id}"


@contextmanager
def acting_as(client: ApiClient) -> Iterator[Any]:
    """Run a write as the client: yields the user to pass as `by=`; audit rows meanwhile
    name the client."""
    user = api_client_user(client)
    token = current_actor_label.set(audit_label(client))
    try:
        yield user
    finally:
        current_actor_label.reset(token)
