"""Writes for attendance. A session's attendance is saved in one go; a correction keeps the
old values as an AttendanceRevision and leaves an audit event with old and new values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.attendance.models import AttendanceRecord, AttendanceRevision, AttendanceStatus
from brobygger.attendance.rules import (
    GRID_STATUSES,
    attendance_closed_reason,
    before_start,
    hours_error,
    not_started_message,
    started_on,
)
from brobygger.core.audit import Audit, audit_record_many, diff, snapshot
from brobygger.core.concurrency import StaleEdit, check_unchanged, version_tag
from brobygger.core.concurrency import edit_token as make_edit_token
from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Enrolment
from brobygger.programmes.models import Session

AttendanceRow = tuple[Enrolment, str, Decimal | None]
_AUDITED = ("status", "hours")


def _state_name(enrolment_pk: int) -> str:
    return f"oppmote_{enrolment_pk}"


def _attendance_state(
    rows: Iterable[tuple[Enrolment, AttendanceRecord | None]],
) -> dict[str, Any]:
    """What the grid shows of the session's records: status and hours per participant (none
    yet is a state too: someone else recording them first is noticed)."""
    return {
        _state_name(enrolment.pk): [record.status, f"{record.hours:.2f}"] if record else None
        for enrolment, record in rows
    }


def attendance_token(
    *, session: Session, rows: Iterable[tuple[Enrolment, AttendanceRecord | None]]
) -> str:
    """The attendance grid's edit token: the records of the participants on the grid, as the
    teacher loaded them (ADR 0014)."""
    return make_edit_token(session, [], extra=_attendance_state(rows))


def attendance_version_tag(
    *, session: Session, rows: Iterable[tuple[Enrolment, AttendanceRecord | None]]
) -> str:
    """The same state as `attendance_token`, as a version tag: the REST API's ETag of a
    session's attendance (core.concurrency.version_tag), accepted as `edit_token`."""
    return version_tag(session, [], extra=_attendance_state(rows))


def _credited_hours(*, session: Session, status: str, hours: Decimal | None) -> Decimal:
    if status == AttendanceStatus.PRESENT:
        return session.hours
    if status == AttendanceStatus.PARTIAL and hours is not None:
        return hours.quantize(Decimal("0.01"))
    return Decimal("0.00")


def _starts(rows: Sequence[AttendanceRow]) -> dict[int, Any]:
    """Each row's start (rules.started_on). The grid and the matrix fetch their enrolments
    with it annotated, so no query; otherwise one query for all of them."""
    enrolments = [enrolment for enrolment, _s, _h in rows]
    if all(hasattr(enrolment, "started_on") for enrolment in enrolments):
        return {enrolment.pk: enrolment.started_on for enrolment in enrolments}  # type: ignore[attr-defined]
    return dict(
        Enrolment.objects.filter(pk__in=[enrolment.pk for enrolment in enrolments])
        .annotate(started_on=started_on())
        .values_list("pk", "started_on")
    )


def _check_rows(
    *, session: Session, rows: Sequence[AttendanceRow], existing: dict[int, AttendanceRecord]
) -> None:
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    starts = _starts(rows)
    for enrolment, status, hours in rows:
        name = str(enrolment.participant)
        if enrolment.cohort_id != session.cohort_id:
            errors.setdefault("enrolment", []).append(
                _("%(name)s er ikke med i kullet til denne økten.") % {"name": name}
            )
            continue
        if enrolment.status not in GRID_STATUSES and enrolment.pk not in existing:
            errors.setdefault("enrolment", []).append(
                _("%(name)s deltar ikke i kullet nå, og kan ikke føres oppmøte for.")
                % {"name": name}
            )
        start = starts.get(enrolment.pk)
        if enrolment.pk not in existing and before_start(start=start, day=session.date):
            # A session before their start is not theirs (a record kept from before is
            # still corrected).
            errors.setdefault("enrolment", []).append(not_started_message(name=name, start=start))
        if enrolment.pk in seen:
            errors.setdefault("enrolment", []).append(
                _("%(name)s står mer enn én gang.") % {"name": name}
            )
        seen.add(enrolment.pk)
        if status not in AttendanceStatus.values:
            errors.setdefault("status", []).append(_("%(name)s: velg oppmøte.") % {"name": name})
            continue
        message = hours_error(status=status, hours=hours, session=session)
        if message:
            errors.setdefault("hours", []).append(f"{name}: {message}")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def attendance_record_session(
    *,
    by: Any,
    session: Session,
    rows: Sequence[AttendanceRow],
    edit_token: str | None = None,
) -> list[AttendanceRecord]:
    """Save attendance for a session: create new records, correct changed ones (keeping a
    revision with the old values), leave unchanged ones alone. All or nothing. Refused when
    `edit_token` is from an older version of these rows' records (core/concurrency.py)."""
    closed = attendance_closed_reason(session=session, today=timezone.localdate())
    if closed:
        raise ValidationError(closed, code="closed")
    # The session's row is locked too, so that two first saves (no record rows to lock yet)
    # are checked one after the other.
    Session.objects.select_for_update().filter(pk=session.pk).first()
    existing = {
        record.enrolment_id: record
        for record in AttendanceRecord.objects.select_for_update().filter(
            session=session, enrolment__in=[enrolment.pk for enrolment, _s, _h in rows]
        )
    }
    check_unchanged(
        session,
        edit_token,
        [],
        extra=_attendance_state((e, existing.get(e.pk)) for e, _s, _h in rows),
        labels={
            _state_name(e.pk): _("Oppmøtet til %(name)s") % {"name": e.participant}
            for e, _s, _h in rows
        },
    )
    _check_rows(session=session, rows=rows, existing=existing)

    now = timezone.now()
    organisation = session.cohort.version.programme.organisation
    saved: list[AttendanceRecord] = []
    created: list[AttendanceRecord] = []
    corrected: list[tuple[AttendanceRecord, dict[str, Any]]] = []
    revisions: list[AttendanceRevision] = []
    for enrolment, status, hours in rows:
        credited = _credited_hours(session=session, status=status, hours=hours)
        record = existing.get(enrolment.pk)
        if record is None:
            record = AttendanceRecord(
                session=session,
                enrolment=enrolment,
                status=status,
                hours=credited,
                recorded_by=by,
                recorded_at=now,
            )
            _clean(record)
            created.append(record)
        elif record.status != status or record.hours != credited:
            before = snapshot(record, _AUDITED)
            revisions.append(
                AttendanceRevision(
                    record=record,
                    status=record.status,
                    hours=record.hours,
                    recorded_by_id=record.recorded_by_id,
                    recorded_at=record.recorded_at,
                    replaced_by=by,
                    replaced_at=now,
                )
            )
            record.status = status
            record.hours = credited
            record.recorded_by = by
            record.recorded_at = now
            _clean(record)
            corrected.append((record, before))
        saved.append(record)
    # The whole grid in a fixed number of statements, whatever its size (issue 16): new records
    # in one INSERT, corrections in one UPDATE and their revisions in one INSERT, and one audit
    # event per row changed, in one INSERT with one roles lookup.
    AttendanceRecord.objects.bulk_create(created)
    AttendanceRevision.objects.bulk_create(revisions)
    AttendanceRecord.objects.bulk_update(
        [record for record, _before in corrected],
        ["status", "hours", "recorded_by", "recorded_at"],
    )
    audit_record_many(
        by=by,
        events=[Audit.create(record, organisation) for record in created]
        + [
            Audit(
                "attendance_correct",
                record,
                diff(before, snapshot(record, _AUDITED)),
                organisation,
            )
            for record, before in corrected
        ],
    )
    return saved


def _clean(record: AttendanceRecord) -> None:
    """`full_clean()` without its per-row queries: the session, enrolment and recorder are the
    objects the service has loaded and checked (`_check_rows`), the existing records are locked,
    and the database keeps the unique and range constraints (hours are checked above too)."""
    record.full_clean(
        exclude=["session", "enrolment", "recorded_by"],
        validate_unique=False,
        validate_constraints=False,
    )


class MatrixSaveRefused(ValidationError):
    """A matrix save refused by the service for one session: the messages name the session,
    `stale` tells a save from an older version (the matrix then gets a fresh token)."""

    def __init__(self, *, session: Session, error: ValidationError) -> None:
        when = format_day(session.date)
        super().__init__([f"{when}: {message}" for message in error.messages])
        self.session = session
        self.stale = isinstance(error, StaleEdit)


@transaction.atomic
def attendance_record_matrix(
    *,
    by: Any,
    sessions: Sequence[tuple[Session, Sequence[AttendanceRow]]],
    edit_tokens: Mapping[int, str | None] | None = None,
) -> list[AttendanceRecord]:
    """Save a cohort's attendance for several sessions at once (the attendance matrix): each
    session through `attendance_record_session`, with its rules, revisions, audit and edit
    token (`edit_tokens` by session pk). All or nothing: the first session refused undoes the
    others and raises MatrixSaveRefused."""
    saved: list[AttendanceRecord] = []
    for session, rows in sessions:
        if not rows:
            continue
        try:
            saved += attendance_record_session(
                by=by, session=session, rows=rows, edit_token=(edit_tokens or {}).get(session.pk)
            )
        except ValidationError as error:
            raise MatrixSaveRefused(session=session, error=error) from error
    return saved
