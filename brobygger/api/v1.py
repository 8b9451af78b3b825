"""/api/v1/: the REST API (ADR 0019), with its OpenAPI document at /api/v1/openapi.json. The
first slice's reads are here; the other reads are in reads.py, the writes in writes.py, all
on one router (router.py).

Each operation: the client from its bearer token (auth.py), its scope, one selector scoped to
the client's organisation (selectors.py), a page by cursor, and a read-log entry for every
participant shown (accesslog, as the pages do). Errors are problem details (problems.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError

from brobygger.api import reads, selectors, writes  # noqa: F401 - they register operations
from brobygger.api.auth import ClientToken, MissingScope, RateLimited, require_scope
from brobygger.api.common import (
    DETAIL_ERRORS,
    ERRORS,
    MAX_ID,
    BadRequest,
    ChangedSince,
    Cursor,
    Limit,
    aware,
    log_reads,
    logged_page,
    page,
)
from brobygger.api.etags import (
    PreconditionFailed,
    PreconditionRequired,
    enrolment_tag,
    participant_tag,
    with_etag,
)
from brobygger.api.problems import MEDIA_TYPE, problem
from brobygger.api.router import router
from brobygger.api.schemas import (
    CohortPage,
    EnrolmentOut,
    EnrolmentPage,
    OrganisationPage,
    ParticipantOut,
    ParticipantPage,
)
from brobygger.api.shapes import enrolment_out, participant_out
from brobygger.api.writes import Refused
from brobygger.core.concurrency import StaleEdit
from brobygger.enrolments.models import Status

# The resources whose 200 carries an ETag, for If-Match on their PATCH or PUT (etags.py).
VERSIONED = (
    "participants/{participant_id}/",
    "enrolments/{enrolment_id}/",
    "sessions/{session_id}/attendance/",
)


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
        for path, operations in schema.get("paths", {}).items():
            if not path.endswith(VERSIONED):
                continue
            for operation in operations.values():
                responses = operation.get("responses", {})
                ok = responses.get(200) or responses.get("200")
                if ok is not None:
                    ok["headers"] = {
                        "ETag": {
                            "description": _("Versjonen, til If-Match ved endring"),
                            "schema": {"type": "string"},
                        }
                    }
        components = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        for scheme in components.values():
            scheme.setdefault("description", _("API-token fra organisasjonens administrator"))
        return schema


api = BrobyggerAPI(
    title="Brobygger API",
    version="1",
    description=(
        "Fagsystemers tilgang til organisasjonens egne data (ADR 0019). Endringer krever "
        "If-Match med ETag-en fra GET."
    ),
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


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
    return problem(400, str(exc))


@api.exception_handler(PreconditionRequired)
def _precondition_required(request: HttpRequest, exc: PreconditionRequired) -> HttpResponse:
    return problem(428, exc.detail)


@api.exception_handler(PreconditionFailed)
def _precondition_failed(request: HttpRequest, exc: PreconditionFailed) -> HttpResponse:
    return problem(412, exc.detail)


@api.exception_handler(StaleEdit)
def _stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
    """The version in If-Match is no longer the record's (checked under the row lock)."""
    return problem(412, " ".join(exc.messages))


@api.exception_handler(Refused)
def _refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    """A service's refusal, with its messages by field; nothing was saved."""
    error = exc.error
    by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    errors = [
        {"loc": ["body", field], "msg": str(message)}
        for field, messages in by_field.items()
        for message in messages
    ]
    return problem(400, " ".join(str(e["msg"]) for e in errors), errors=errors)


# --- shapes ----------------------------------------------------------------------------------


ParticipantId = Path(..., ge=1, le=MAX_ID, description="Deltakerens id")
EnrolmentId = Path(..., ge=1, le=MAX_ID, description="Deltakelsens id")
StatusFilter = Query(None, description="Bare deltakelser med denne statusen")
AppliedFrom = Query(None, description="Søknadsdato fra og med")
AppliedTo = Query(None, description="Søknadsdato til og med")


# --- operations ------------------------------------------------------------------------------


@router.get(
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


@router.get(
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


@router.get(
    "/participants/",
    response={200: ParticipantPage, **ERRORS},
    url_name="api_participant_list",
    summary="Deltakere i organisasjonens kull",
)
def participant_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit
) -> dict[str, Any]:
    client = require_scope(request, "participants:read")
    return logged_page(
        request,
        client,
        selectors.client_participants(client),
        cursor,
        limit,
        person=lambda p: p,
        shown=_("Deltakeropplysninger (API)"),
        item=participant_out,
    )


@router.get(
    "/participants/{participant_id}/",
    response={200: ParticipantOut, **DETAIL_ERRORS},
    url_name="api_participant_detail",
    summary="Én deltaker",
)
def participant_detail(
    request: HttpRequest, response: HttpResponse, participant_id: int = ParticipantId
) -> dict[str, Any]:
    client = require_scope(request, "participants:read")
    participant = selectors.client_participants(client).filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    log_reads(request, client, [participant], _("Deltakeropplysninger (API)"))
    with_etag(response, participant_tag(participant))
    return participant_out(participant)


@router.get(
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
        changed_since=aware(changed_since),
    )
    return logged_page(
        request,
        client,
        selectors.enrolment_rows(client, filters),
        cursor,
        limit,
        person=lambda e: e.participant,
        shown=_("Deltakelse og statushistorikk (API)"),
        item=enrolment_out,
    )


@router.get(
    "/enrolments/{enrolment_id}/",
    response={200: EnrolmentOut, **DETAIL_ERRORS},
    url_name="api_enrolment_detail",
    summary="Én deltakelse med statushistorikk",
)
def enrolment_detail(
    request: HttpRequest, response: HttpResponse, enrolment_id: int = EnrolmentId
) -> dict[str, Any]:
    client = require_scope(request, "enrolments:read")
    enrolment = (
        selectors.enrolment_rows(client, selectors.EnrolmentFilters())
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise Http404
    log_reads(request, client, [enrolment.participant], _("Deltakelse og statushistorikk (API)"))
    with_etag(response, enrolment_tag(enrolment))
    return enrolment_out(enrolment)


# --- mounted last: reads.py and writes.py (imported above) have added theirs ---------------

api.add_router("", router)
