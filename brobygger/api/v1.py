"""/api/v1/: the REST API's first, read-only slice (ADR 0019), with its OpenAPI document at
/api/v1/openapi.json.

Each operation: the client from its bearer token (auth.py), its scope, one selector scoped to
the client's organisation (selectors.py), a page by cursor, and a read-log entry for every
participant shown (accesslog, as the pages do). Errors are problem details (problems.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError

from brobygger.accesslog.services import record_client_access_many
from brobygger.api import selectors
from brobygger.api.auth import ClientToken, MissingScope, RateLimited, require_scope
from brobygger.api.models import ApiClient
from brobygger.api.problems import MEDIA_TYPE, problem
from brobygger.api.schemas import (
    CohortPage,
    EnrolmentOut,
    EnrolmentPage,
    OrganisationPage,
    ParticipantOut,
    ParticipantPage,
    Problem,
)
from brobygger.enrolments.models import Enrolment, Participant, Status

MAX_ID = 2**31 - 1
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
ERRORS: dict[int, Any] = {400: Problem, 401: Problem, 403: Problem, 429: Problem}
DETAIL_ERRORS: dict[int, Any] = {**ERRORS, 404: Problem}


class BrobyggerAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Error responses are documented as application/problem+json, as they are sent."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content")
                    if int(code) >= 400 and content and "application/json" in content:
                        content[MEDIA_TYPE] = content.pop("application/json")
        components = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        for scheme in components.values():
            scheme.setdefault("description", _("API-token fra organisasjonens administrator"))
        return schema


api = BrobyggerAPI(
    title="Brobygger API",
    version="1",
    description="Lesetilgang for fagsystemer til organisasjonens egne data (ADR 0019).",
    urls_namespace="api-v1",
    docs_url=None,
    auth=ClientToken(),
)


# --- errors as problem details ---------------------------------------------------------------


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(
        401,
        _("Mangler gyldig API-token. Send «Authorization: Bearer <token>»."),
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return problem(
        429,
        _("For mange forespørsler fra denne klienten. Prøv igjen om %(seconds)s sekunder.")
        % {"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


@api.exception_handler(MissingScope)
def _missing_scope(request: HttpRequest, exc: MissingScope) -> HttpResponse:
    return problem(403, _("API-klienten har ikke tilgangen «%(scope)s».") % {"scope": exc.scope})


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in error.get("loc", [])], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return problem(400, _("En eller flere parametere er ugyldige."), errors=errors)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(404, _("Finnes ikke, eller API-klienten har ikke tilgang til den."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(exc.status_code, exc.message)


class BadRequest(Exception):
    pass


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
    return problem(400, str(exc))


# --- cursor pagination -----------------------------------------------------------------------

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


def _log_reads(
    request: HttpRequest, client: ApiClient, participants: Iterable[Participant], shown: str
) -> None:
    record_client_access_many(
        request,
        participants,
        client_name=client.name,
        organisation_id=client.organisation_id,
        shown=shown,
    )


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as error:
        raise BadRequest(_("Tidspunktet changed_since er utenfor gyldig område.")) from error


# --- shapes ----------------------------------------------------------------------------------


def _participant(p: Participant) -> dict[str, Any]:
    return {
        "id": p.pk,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "municipality_number": p.municipality_id,
    }


def _enrolment(e: Enrolment) -> dict[str, Any]:
    return {
        "id": e.pk,
        "participant": _participant(e.participant),
        "cohort_id": e.cohort_id,
        "status": e.status,
        "applied_on": e.applied_on,
        "waitlist_position": e.waitlist_position,
        "history": [
            {
                "status": h.status,
                "valid_from": h.valid_from,
                "valid_to": h.valid_to,
                "reason": h.reason,
                "created_at": h.created_at,
            }
            for h in e.history.all()
        ],
    }


Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rader per side (1–100)")
Cursor = Query(None, max_length=64, description="next_cursor fra forrige side")


ParticipantId = Path(..., ge=1, le=MAX_ID, description="Deltakerens id")
EnrolmentId = Path(..., ge=1, le=MAX_ID, description="Deltakelsens id")
StatusFilter = Query(None, description="Bare deltakelser med denne statusen")
AppliedFrom = Query(None, description="Søknadsdato fra og med")
AppliedTo = Query(None, description="Søknadsdato til og med")
ChangedSince = Query(None, description="Registrert eller fått ny status siden dette tidspunktet")


# --- operations ------------------------------------------------------------------------------


@api.get(
    "/organisations/",
    response={200: OrganisationPage, **ERRORS},
    url_name="api_organisation_list",
    summary="Klientens egen organisasjon",
)
def organisation_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit
) -> dict[str, Any]:
    client = require_scope(request, "organisations:read")
    items, next_cursor = page(selectors.client_organisations(client), cursor, limit)
    return {
        "items": [
            {
                "id": o.pk,
                "name": o.name,
                "kind": o.kind,
                "orgnr": o.orgnr,
                "municipality_number": o.municipality_id,
            }
            for o in items
        ],
        "next_cursor": next_cursor,
    }


@api.get(
    "/cohorts/",
    response={200: CohortPage, **ERRORS},
    url_name="api_cohort_list",
    summary="Kull i organisasjonens programmer",
)
def cohort_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit
) -> dict[str, Any]:
    client = require_scope(request, "cohorts:read")
    items, next_cursor = page(selectors.client_cohorts(client), cursor, limit)
    return {
        "items": [
            {
                "id": c.pk,
                "name": c.name,
                "programme_id": c.version.programme_id,
                "programme_name": c.version.programme.name,
                "start_date": c.start_date,
                "end_date": c.end_date,
            }
            for c in items
        ],
        "next_cursor": next_cursor,
    }


@api.get(
    "/participants/",
    response={200: ParticipantPage, **ERRORS},
    url_name="api_participant_list",
    summary="Deltakere i organisasjonens kull",
)
def participant_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit
) -> dict[str, Any]:
    client = require_scope(request, "participants:read")
    items, next_cursor = page(selectors.client_participants(client), cursor, limit)
    _log_reads(request, client, items, _("Deltakeropplysninger (API)"))
    return {"items": [_participant(p) for p in items], "next_cursor": next_cursor}


@api.get(
    "/participants/{participant_id}/",
    response={200: ParticipantOut, **DETAIL_ERRORS},
    url_name="api_participant_detail",
    summary="Én deltaker",
)
def participant_detail(request: HttpRequest, participant_id: int = ParticipantId) -> dict[str, Any]:
    client = require_scope(request, "participants:read")
    participant = selectors.client_participants(client).filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    _log_reads(request, client, [participant], _("Deltakeropplysninger (API)"))
    return _participant(participant)


@api.get(
    "/enrolments/",
    response={200: EnrolmentPage, **ERRORS},
    url_name="api_enrolment_list",
    summary="Deltakelser med statushistorikk",
)
def enrolment_list(
    request: HttpRequest,
    cursor: str | None = Cursor,
    limit: int = Limit,
    status: Status | None = StatusFilter,
    applied_from: dt.date | None = AppliedFrom,
    applied_to: dt.date | None = AppliedTo,
    changed_since: dt.datetime | None = ChangedSince,
) -> dict[str, Any]:
    client = require_scope(request, "enrolments:read")
    if applied_from and applied_to and applied_from > applied_to:
        raise BadRequest(_("applied_from kan ikke være etter applied_to."))
    filters = selectors.EnrolmentFilters(
        status=status.value if status else None,
        applied_from=applied_from,
        applied_to=applied_to,
        changed_since=_aware(changed_since),
    )
    items, next_cursor = page(selectors.enrolment_rows(client, filters), cursor, limit)
    _log_reads(
        request, client, [e.participant for e in items], _("Deltakelse og statushistorikk (API)")
    )
    return {"items": [_enrolment(e) for e in items], "next_cursor": next_cursor}


@api.get(
    "/enrolments/{enrolment_id}/",
    response={200: EnrolmentOut, **DETAIL_ERRORS},
    url_name="api_enrolment_detail",
    summary="Én deltakelse med statushistorikk",
)
def enrolment_detail(request: HttpRequest, enrolment_id: int = EnrolmentId) -> dict[str, Any]:
    client = require_scope(request, "enrolments:read")
    enrolment = (
        selectors.enrolment_rows(client, selectors.EnrolmentFilters())
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise Http404
    _log_reads(request, client, [enrolment.participant], _("Deltakelse og statushistorikk (API)"))
    return _enrolment(enrolment)
