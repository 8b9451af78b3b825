"""The writes (ADR 0019): a participant's contact data, an enrolment's status, a session's
attendance. Each: the write scope, the record fetched in the client's scope (404 outside it),
`If-Match` required (etags.py), one existing service run as the client (actor.acting_as: the
audit rows name it), and the record as it is now with its new ETag. A refusal by the service
is a 400 problem with the messages by field, and nothing is saved."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from brobygger.api import selectors
from brobygger.api.actor import acting_as
from brobygger.api.auth import require_scope
from brobygger.api.common import WRITE_ERRORS, Id, log_reads
from brobygger.api.etags import (
    IfMatch,
    enrolment_tag,
    participant_tag,
    required_tag,
    with_etag,
)
from brobygger.api.reads import session_attendance
from brobygger.api.router import router
from brobygger.api.schemas import (
    EnrolmentOut,
    EnrolmentStatusIn,
    ParticipantContactIn,
    ParticipantOut,
    SessionAttendanceIn,
    SessionAttendanceOut,
)
from brobygger.api.shapes import enrolment_out, participant_out
from brobygger.attendance.services import attendance_record_session, attendance_version_tag
from brobygger.core.concurrency import StaleEdit
from brobygger.enrolments.services import enrolment_transition, participant_contact_update
from brobygger.organisations.models import Municipality


class Refused(Exception):
    """A service refused the write: 400 with the messages by field (v1.py)."""

    def __init__(self, error: DjangoValidationError) -> None:
        super().__init__(str(error))
        self.error = error


@router.patch(
    "/participants/{participant_id}/",
    response={200: ParticipantOut, **WRITE_ERRORS},
    url_name="api_participant_update",
    summary="Endre deltakerens kontaktopplysninger (e-post, telefon, bostedskommune)",
)
def participant_update(
    request: HttpRequest,
    response: HttpResponse,
    payload: ParticipantContactIn,
    participant_id: int = Id(description="Deltakerens id"),
    if_match: str | None = IfMatch,
) -> dict[str, Any]:
    client = require_scope(request, "participants:write")
    participant = selectors.client_participants(client).filter(pk=participant_id).first()
    if participant is None:
        raise Http404
    tag = required_tag(if_match)
    sent = payload.model_dump(exclude_unset=True)
    changes: dict[str, Any] = {}
    for name in ("email", "phone"):
        if name in sent:
            changes[name] = sent[name] or ""
    if "municipality_number" in sent:
        number = (sent["municipality_number"] or "").strip()
        municipality = Municipality.objects.filter(number=number).first() if number else None
        if number and municipality is None:
            raise Refused(
                DjangoValidationError(
                    {
                        "municipality_number": _("Ukjent kommunenummer: %(number)s.")
                        % {"number": number}
                    }
                )
            )
        changes["municipality"] = municipality
    with acting_as(client) as by:
        updated = _run(
            participant_contact_update,
            by=by,
            participant=participant,
            changes=changes,
            edit_token=tag,
        )
    log_reads(request, client, [updated], _("Deltakeropplysninger (API)"))
    with_etag(response, participant_tag(updated))
    return participant_out(updated)


@router.patch(
    "/enrolments/{enrolment_id}/",
    response={200: EnrolmentOut, **WRITE_ERRORS},
    url_name="api_enrolment_update",
    summary="Endre status på en deltakelse (ny rad i statushistorikken)",
)
def enrolment_update(
    request: HttpRequest,
    response: HttpResponse,
    payload: EnrolmentStatusIn,
    enrolment_id: int = Id(description="Deltakelsens id"),
    if_match: str | None = IfMatch,
) -> dict[str, Any]:
    client = require_scope(request, "enrolments:write")
    enrolment = selectors.client_enrolments(client).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    tag = required_tag(if_match)
    with acting_as(client) as by:
        _run(
            enrolment_transition,
            by=by,
            enrolment=enrolment,
            to=payload.status.value,
            on=payload.valid_from,
            reason=payload.reason,
            reason_text=payload.reason_text,
            note=payload.note,
            late_reason=payload.late_reason,
            # A date a system sends is typed by someone: no future, and a reason if earlier.
            dated_by_hand=True,
            edit_token=tag,
        )
    fresh = (
        selectors.enrolment_rows(client, selectors.EnrolmentFilters()).filter(pk=enrolment_id).get()
    )
    log_reads(request, client, [fresh.participant], _("Deltakelse og statushistorikk (API)"))
    with_etag(response, enrolment_tag(fresh))
    return enrolment_out(fresh)


@router.put(
    "/sessions/{session_id}/attendance/",
    response={200: SessionAttendanceOut, **WRITE_ERRORS},
    url_name="api_session_attendance_update",
    summary="Føre eller rette oppmøtet for deltakerne i én økt",
)
def session_attendance_update(
    request: HttpRequest,
    response: HttpResponse,
    payload: SessionAttendanceIn,
    session_id: int = Id(description="Øktens id"),
    if_match: str | None = IfMatch,
) -> dict[str, Any]:
    client = require_scope(request, "attendance:write")
    session = selectors.client_session(client, session_id)
    if session is None:
        raise Http404
    tag = required_tag(if_match)
    grid = {enrolment.pk: enrolment for enrolment, _r in selectors.session_rows(client, session)}
    rows = []
    errors: list[str] = []
    for row in payload.records:
        enrolment = grid.get(row.enrolment_id)
        if enrolment is None:
            errors.append(
                _("Deltakelse %(id)s er ikke med på oppmøtelisten for denne økten.")
                % {"id": row.enrolment_id}
            )
            continue
        hours = None
        if row.hours is not None:
            try:
                hours = Decimal(row.hours.replace(",", "."))
            except InvalidOperation:
                errors.append(_("Ugyldig antall timer: %(hours)s.") % {"hours": row.hours})
                continue
        rows.append((enrolment, row.status.value, hours))
    if errors:
        raise Refused(DjangoValidationError({"records": errors}))
    with acting_as(client) as by:
        _run(attendance_record_session, by=by, session=session, rows=rows, edit_token=tag)
    now = selectors.session_rows(client, session)
    log_reads(request, client, [e.participant for e, _r in now], _("Oppmøte (API)"))
    with_etag(response, attendance_version_tag(session=session, rows=now))
    return session_attendance(session, now)


def _run(service: Any, **kwargs: Any) -> Any:
    """The service; its refusal as Refused (a stale version passes through as StaleEdit)."""
    try:
        return service(**kwargs)
    except StaleEdit:
        raise
    except DjangoValidationError as error:
        raise Refused(error) from error
