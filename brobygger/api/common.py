"""What every API operation shares: cursor pages, date parameters, the read log, and the
documented error responses (v1.py turns the exceptions into problem details)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query

from brobygger.accesslog.services import record_client_access_many
from brobygger.api.models import ApiClient
from brobygger.api.schemas import Problem
from brobygger.enrolments.models import Participant

MAX_ID = 2**31 - 1
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
ERRORS: dict[int, Any] = {400: Problem, 401: Problem, 403: Problem, 429: Problem}
DETAIL_ERRORS: dict[int, Any] = {**ERRORS, 404: Problem}
# A write: 412 when If-Match is stale, 428 when it is missing (etags.py).
WRITE_ERRORS: dict[int, Any] = {**DETAIL_ERRORS, 412: Problem, 428: Problem}


class BadRequest(Exception):
    """A parameter the schema lets through but the operation cannot use: 400 problem."""


M = TypeVar("M", bound=Model)


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The id the previous page ended with (0 for the first page); 400 for a cursor that is
    not one of ours."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, _sep, number = text.partition(":")
        last_id = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        last_id = -1
        version = ""
    if version != "v1" or not 0 <= last_id <= MAX_ID:
        raise BadRequest(_("Markøren (cursor) er ugyldig. Bruk next_cursor fra forrige side."))
    return last_id


def page(rows: QuerySet[M], cursor: str | None, limit: int) -> tuple[list[M], str | None]:
    """One page in id order after the cursor, and the cursor of the next (None on the last).
    Stable: a row added later has a higher id, so pages already read never shift."""
    after = decode_cursor(cursor)
    items = list(rows.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return items, (encode_cursor(items[-1].pk) if more and items else None)


def log_reads(
    request: HttpRequest, client: ApiClient, participants: Iterable[Participant], shown: str
) -> None:
    """One read-log row per participant shown, naming the client (one INSERT)."""
    record_client_access_many(
        request,
        participants,
        client_name=client.name,
        organisation_id=client.organisation_id,
        shown=shown,
    )


def logged_page(
    request: HttpRequest,
    client: ApiClient,
    rows: QuerySet[M],
    cursor: str | None,
    limit: int,
    *,
    person: Callable[[M], Any],
    shown: str,
    item: Callable[[M], dict[str, Any]],
) -> dict[str, Any]:
    """A page of a list that shows participants: every one shown is in their read log with the
    client's name (one INSERT), then the page as the schema has it."""
    items, next_cursor = page(rows, cursor, limit)
    log_reads(request, client, [person(row) for row in items], shown)
    return {"items": [item(row) for row in items], "next_cursor": next_cursor}


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """`changed_since` in UTC (a time without a zone is Oslo time); 400 past the range."""
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as error:
        raise BadRequest(_("Tidspunktet changed_since er utenfor gyldig område.")) from error


def check_range(start: dt.date | None, end: dt.date | None, names: tuple[str, str]) -> None:
    if start and end and start > end:
        raise BadRequest(
            _("%(start)s kan ikke være etter %(end)s.") % {"start": names[0], "end": names[1]}
        )


Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rader per side (1–100)")
Cursor = Query(None, max_length=64, description="next_cursor fra forrige side")
From = Query(None, alias="from", description="Dato fra og med")
To = Query(None, alias="to", description="Dato til og med")
ChangedSince = Query(None, description="Registrert eller endret siden dette tidspunktet")


def Id(*, description: str) -> Any:  # noqa: N802 - a parameter declaration, like ninja's Path
    return Path(..., ge=1, le=MAX_ID, description=description)


def IdFilter(*, description: str) -> Any:  # noqa: N802
    return Query(None, ge=1, le=MAX_ID, description=description)
