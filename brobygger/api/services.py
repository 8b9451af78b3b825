"""Writes: make and revoke API clients (audited), and note when a client was last used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.api.actor import new_client_user
from brobygger.api.models import ApiClient
from brobygger.core.audit import audit_record
from brobygger.core.tokens import digest, new_token
from brobygger.organisations.models import Organisation

# A recognisable prefix, so a leaked token is easy to find in logs and by secret scanners.
TOKEN_PREFIX = "bb_"
# last_used_at is written at most this often per client: no UPDATE on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedClient:
    client: ApiClient
    token: str  # shown this once; only its hash is stored


def api_client_create(
    *, by: Any, organisation: Organisation, name: str, scopes: list[str]
) -> IssuedClient:
    name = (name or "").strip()
    token = TOKEN_PREFIX + new_token()
    with transaction.atomic():
        if ApiClient.objects.filter(
            organisation=organisation, name__iexact=name, revoked_at__isnull=True
        ).exists():
            raise ValidationError(
                {"name": _("Organisasjonen har allerede en aktiv API-klient med dette navnet.")}
            )
        client = ApiClient(
            organisation=organisation,
            name=name,
            scopes=sorted(set(scopes)) if isinstance(scopes, list) else scopes,
            token_hash=digest(token),
            created_by=by,
            created_at=timezone.now(),
        )
        client.full_clean()
        client.save()
        # Its own login-less user, for the rows its writes leave (api/actor.py).
        client.user = new_client_user(client)
        client.save(update_fields=["user"])
        # The hash is left out: the trail has no use for it.
        audit_record(
            by=by,
            action="create",
            obj=client,
            organisation=organisation,
            changes={"name": [None, client.name], "scopes": [None, client.scopes]},
        )
    return IssuedClient(client=client, token=token)


def api_client_revoke(*, by: Any, client: ApiClient) -> ApiClient:
    """Stop the client's token at once. Revoking twice is refused with a clear message."""
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        if locked.revoked_at is not None:
            raise ValidationError(_("API-klienten er allerede trukket tilbake."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.full_clean()
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            by=by,
            action="revoke",
            obj=locked,
            organisation=client.organisation,
            changes={"revoked_at": [None, str(locked.revoked_at)]},
        )
    return locked


def api_client_touch(*, client: ApiClient, now: dt.datetime) -> None:
    """Note that the client was used (not audited: no person changed anything)."""
    if client.last_used_at is not None and now - client.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now
