"""Writes for enrolments. Every status change goes through `enrolment_transition`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.formatting import format_day
from brobygger.core.status_history import (
    before_last_change,
    status_change,
    status_date_errors,
    status_history_start,
)
from brobygger.enrolments.models import (
    EndingReason,
    Enrolment,
    Participant,
    ParticipationPeriod,
    Status,
    StatusChange,
)
from brobygger.enrolments.transitions import (
    BULK_TARGETS,
    COMPLETION_ONLY,
    HOLDS_PLACE,
    NEEDS_NOTE,
    NEEDS_REASON,
    TABLE,
    participation_start,
)
from brobygger.programmes.models import Cohort


def _owner_org(cohort: Cohort) -> Any:
    return cohort.version.programme.organisation


def cohort_places_taken(*, cohort: Cohort) -> int:
    return cohort.enrolments.filter(status__in=HOLDS_PLACE).count()


def participant_create(*, by: Any, **fields: Any) -> Participant:
    participant = Participant(**fields)
    participant.full_clean()
    participant.save()
    audit_create(by=by, obj=participant)
    return participant


# The contact data a participant's record may be updated with (the REST API, ADR 0019), and
# what its version (core/concurrency.py, the API's ETag) covers.
PARTICIPANT_CONTACT_FIELDS = ("email", "phone", "municipality")


@transaction.atomic
def participant_contact_update(
    *,
    by: Any,
    participant: Participant,
    changes: dict[str, Any],
    edit_token: str | None = None,
) -> Participant:
    """Change a participant's e-mail, phone or home municipality (`changes` by field name;
    the municipality as a Municipality or None). Refused when `edit_token` is from an older
    version of those fields; audited (the values themselves are personal and redacted)."""
    unknown = sorted(set(changes) - set(PARTICIPANT_CONTACT_FIELDS))
    if unknown:
        raise ValidationError(
            _("Kan ikke endres her: %(fields)s.") % {"fields": ", ".join(unknown)},
            code="not_contact",
        )
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    check_unchanged(locked, edit_token, PARTICIPANT_CONTACT_FIELDS)
    attnames = ["email", "phone", "municipality_id"]
    before = snapshot(locked, attnames)
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    changed = diff(before, snapshot(locked, attnames))
    if changed:
        locked.save(update_fields=[name for name in PARTICIPANT_CONTACT_FIELDS if name in changes])
        audit_record(by=by, action="update", obj=locked, changes=changed)
    return locked


@transaction.atomic
def enrolment_apply(
    *,
    by: Any,
    participant: Participant,
    cohort: Cohort,
    applied_on: dt.date | None = None,
    motivation: str = "",
    referred_by: Any = None,
    referring_organisation: Any = None,
) -> Enrolment:
    """Register an application (by the candidate, a coordinator, or a caseworker's referral)."""
    if Enrolment.objects.filter(participant=participant, cohort=cohort).exists():
        raise ValidationError(_("Personen har allerede søkt på dette kullet."), code="duplicate")
    today = applied_on or timezone.localdate()
    enrolment = Enrolment(
        participant=participant,
        cohort=cohort,
        status=Status.SOKT_INN,
        applied_on=today,
        motivation=motivation,
        referred_by=referred_by,
        referring_organisation=referring_organisation,
    )
    enrolment.full_clean()
    enrolment.save()
    # The history row is covered by the enrolment's own event (ADR 0008).
    status_history_start(
        by=by,
        row=StatusChange(
            enrolment=enrolment, status=Status.SOKT_INN, valid_from=today, created_by=by
        ),
        audit_rows=False,
    )
    audit_create(by=by, obj=enrolment, organisation=_owner_org(cohort))
    return enrolment


def _next_waitlist_position(cohort: Cohort) -> int:
    current = cohort.enrolments.aggregate(m=Max("waitlist_position"))["m"]
    return (current or 0) + 1


# What an enrolment's version covers (core/concurrency.py; the REST API's ETag): its status,
# its place on the waiting list and the rows of its status history.
ENROLMENT_VERSION_FIELDS = ("status", "waitlist_position")


def enrolment_version_extra(history_ids: Iterable[int]) -> dict[str, Any]:
    return {"history": sorted(history_ids)}


@transaction.atomic
def enrolment_transition(
    *,
    by: Any,
    enrolment: Enrolment,
    to: str,
    on: dt.date | None = None,
    reason: str = "",
    reason_text: str = "",
    note: str = "",
    late_reason: str = "",
    dated_by_hand: bool = False,
    confirmed_completion: bool = False,
    edit_token: str | None = None,
) -> Enrolment:
    """Move an enrolment to a new status, checking the transition table and its rules.

    FULLFORT needs `confirmed_completion=True`, which only completion_confirm passes.

    `dated_by_hand=True` when a person typed the date (the status form, the bulk action):
    then it may not be in the future, and a date before today needs `late_reason`
    (core.status_history.status_date_errors). The daily job and test set-ups date their own changes.
    Never before the previous change, for anyone.

    Closes the open history row and opens a new one; never rewrites history. Refused when
    `edit_token` is from an older version of the enrolment (ENROLMENT_VERSION_FIELDS and its
    history: core/concurrency.py).
    """
    # Lock the cohort row so two admissions cannot both take the last place.
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("version__programme")
        .get(pk=enrolment.cohort_id)
    )
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if edit_token:
        history = enrolment.history.values_list("pk", flat=True)
        check_unchanged(
            enrolment,
            edit_token,
            ENROLMENT_VERSION_FIELDS,
            extra=enrolment_version_extra(history),
            labels={"history": _("Statushistorikk")},
        )
    current = enrolment.status
    today = timezone.localdate()
    on = on or today
    TABLE.check(current, to)
    if to in COMPLETION_ONLY and not confirmed_completion:
        raise ValidationError(
            _("Fullføring bekreftes på deltakersiden, der kravene sjekkes («Bekreft fullføring»)."),
            code="completion_only",
        )
    errors: dict[str, str] = (
        status_date_errors(on=on, today=today, late_reason=late_reason) if dated_by_hand else {}
    )
    if to in NEEDS_REASON and not reason:
        errors["reason"] = _("Velg en årsak.")
    if reason and reason not in EndingReason.values:
        errors["reason"] = _("Ukjent årsak.")
    if reason == EndingReason.OTHER and not reason_text.strip():
        errors["reason_text"] = _("Beskriv årsaken når du velger «Annet».")
    if reason != EndingReason.OTHER and reason_text.strip():
        errors["reason_text"] = _("Fritekst brukes bare sammen med årsaken «Annet».")
    if to in NEEDS_NOTE and not note.strip():
        errors["note"] = _("Skriv hvorfor registreringen var feil.")
    if to == Status.VENTER_PA_OPPSTART and current not in HOLDS_PLACE:
        taken = cohort_places_taken(cohort=cohort)
        if taken >= cohort.capacity:
            errors["__all__"] = _(
                "Kullet er fullt (%(taken)s av %(capacity)s plasser). Sett søkeren på venteliste."
            ) % {"taken": taken, "capacity": cohort.capacity}
    if "on" not in errors:
        too_early = before_last_change(enrolment.history.all(), on)
        if too_early:
            errors["on"] = too_early
    if errors:
        raise ValidationError(errors)

    old_position = enrolment.waitlist_position
    new_position = old_position
    if to == Status.VENTELISTE:
        new_position = _next_waitlist_position(cohort)
    elif current == Status.VENTELISTE:
        new_position = None
    # The history row is covered by the enrolment's event (ADR 0008).
    status_change(
        by=by,
        obj=enrolment,
        row=StatusChange(
            status=to,
            valid_from=on,
            reason=reason,
            reason_text=reason_text,
            note=note,
            late_reason=late_reason.strip() if on < today else "",
            created_by=by,
        ),
        table=TABLE,
        organisation=_owner_org(cohort),
        audit_rows=False,
        also={"waitlist_position": new_position},
        action="status_change",
        changes={
            "status": [current, to],
            "valid_from": [None, str(on)],
            **({"reason": [None, reason]} if reason else {}),
            # Back-dated: when it was registered (the reason itself is on the StatusChange).
            **({"registered_on": [None, str(today)]} if on < today else {}),
            **(
                {"waitlist_position": [old_position, new_position]}
                if old_position != new_position
                else {}
            ),
        },
    )
    if current == Status.VENTELISTE and old_position is not None:
        _close_waitlist_gap(by=by, cohort=cohort, removed=old_position)
    return enrolment


@dataclass(frozen=True)
class BulkRefusal:
    """One person a bulk action could not move, and why (the single-change messages)."""

    enrolment: Enrolment
    messages: list[str]


class BulkTransitionRefused(ValidationError):
    """Some of the people in a bulk action could not be moved; nothing was saved."""

    def __init__(self, refusals: list[BulkRefusal]) -> None:
        self.refusals = refusals
        super().__init__(
            _("Ingen ble flyttet: %(count)s av de valgte kan ikke få den nye statusen.")
            % {"count": len(refusals)},
            code="bulk_refused",
        )


@transaction.atomic
def enrolments_transition_bulk(
    *,
    by: Any,
    enrolments: Sequence[Enrolment],
    to: str,
    on: dt.date,
    reason: str = "",
    reason_text: str = "",
    late_reason: str = "",
) -> list[Enrolment]:
    """Move several enrolments to `to` on one date, each through `enrolment_transition` (the
    same rules, history and audit as one at a time), in the order given. All or nothing: if
    anyone cannot be moved, nothing is saved and BulkTransitionRefused lists who and why.
    Each person's change sees the ones before it (the last place in a cohort goes once)."""
    if not enrolments:
        raise ValidationError({"enrolments": _("Velg minst én person.")})
    if to not in BULK_TARGETS:
        raise ValidationError({"to": _("Ukjent handling.")}, code="unknown_action")
    # The date and reason are the same for everyone: refuse them once, next to the fields.
    errors = status_date_errors(on=on, today=timezone.localdate(), late_reason=late_reason)
    if to in NEEDS_REASON and not reason:
        errors["reason"] = _("Velg en årsak.")
    if errors:
        raise ValidationError(errors)
    moved: list[Enrolment] = []
    refusals: list[BulkRefusal] = []
    for enrolment in enrolments:
        try:
            # Its own savepoint (the service is atomic): a refusal undoes only its own rows
            # here, and the whole batch is undone below.
            changed = enrolment_transition(
                by=by,
                enrolment=enrolment,
                to=to,
                on=on,
                reason=reason,
                reason_text=reason_text,
                late_reason=late_reason,
                dated_by_hand=True,
            )
        except ValidationError as err:
            refusals.append(BulkRefusal(enrolment=enrolment, messages=err.messages))
        else:
            changed.participant = enrolment.participant
            moved.append(changed)
    if refusals:
        raise BulkTransitionRefused(refusals)  # leaving the atomic block undoes everyone
    return moved


def _close_waitlist_gap(*, by: Any, cohort: Cohort, removed: int) -> None:
    # One at a time, ascending, so the unique (cohort, position) constraint always holds.
    # Each row moved up is a row changed: one audit event each.
    for row in cohort.enrolments.filter(waitlist_position__gt=removed).order_by(
        "waitlist_position"
    ):
        old = row.waitlist_position
        row.waitlist_position = (row.waitlist_position or 1) - 1
        row.save(update_fields=["waitlist_position"])
        audit_record(
            by=by,
            action="waitlist_move",
            obj=row,
            organisation=_owner_org(cohort),
            changes={"waitlist_position": [old, row.waitlist_position]},
        )


@transaction.atomic
def cohorts_start_due(*, today: dt.date, by: Any = None) -> int:
    """Daily job: admitted people whose cohort has started move to DELTAR. Idempotent."""
    due = (
        Enrolment.objects.filter(status=Status.VENTER_PA_OPPSTART, cohort__start_date__lte=today)
        .select_related("cohort")
        .annotate(last_change=Max("history__valid_from"))
    )
    moved = 0
    for enrolment in due:
        on = participation_start(
            cohort_start=enrolment.cohort.start_date,
            last_change=enrolment.last_change,  # type: ignore[attr-defined]
        )
        enrolment_transition(by=by, enrolment=enrolment, to=Status.DELTAR, on=on)
        moved += 1
    return moved


# --- Applications and referrals -------------------------------------------------------------


@transaction.atomic
def application_register(
    *,
    by: Any,
    cohort: Cohort,
    candidate: dict[str, Any],
    applied_on: dt.date | None = None,
    motivation: str = "",
    referred_by: Any = None,
    referring_organisation: Any = None,
) -> tuple[Enrolment, bool]:
    """Register an application for a candidate, reusing the Participant with the same national
    id when there is one (that record is left unchanged: it may belong to another organisation's
    history). Returns (enrolment, reused_existing_participant)."""
    national_id = candidate.get("national_id") or ""
    participant = (
        Participant.objects.filter(national_id=national_id).first() if national_id else None
    )
    reused = participant is not None
    if participant is None:
        participant = participant_create(by=by, **candidate)
    enrolment = enrolment_apply(
        by=by,
        participant=participant,
        cohort=cohort,
        applied_on=applied_on,
        motivation=motivation,
        referred_by=referred_by,
        referring_organisation=referring_organisation,
    )
    return enrolment, reused


# --- Waiting list ---------------------------------------------------------------------------


@transaction.atomic
def waitlist_move(*, by: Any, enrolment: Enrolment, direction: str) -> Enrolment:
    """Swap an enrolment with its neighbour on the waiting list ("up" = towards position 1).

    The unique (cohort, waitlist_position) constraint is not deferrable, so the swap goes
    through a temporary null. One audit event per row changed."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Ukjent retning.")})
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("version__programme")
        .get(pk=enrolment.cohort_id)
    )
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    position = enrolment.waitlist_position
    if enrolment.status != Status.VENTELISTE or position is None:
        raise ValidationError(_("Søkeren står ikke på ventelisten."), code="not_waitlisted")
    neighbour_position = position - 1 if direction == "up" else position + 1
    neighbour = (
        Enrolment.objects.select_for_update()
        .filter(cohort=cohort, waitlist_position=neighbour_position)
        .first()
    )
    if neighbour is None:
        raise ValidationError(
            _("Søkeren står allerede først på ventelisten.")
            if direction == "up"
            else _("Søkeren står allerede sist på ventelisten."),
            code="waitlist_edge",
        )
    enrolment.waitlist_position = None
    enrolment.save(update_fields=["waitlist_position"])
    neighbour.waitlist_position = position
    neighbour.save(update_fields=["waitlist_position"])
    enrolment.waitlist_position = neighbour_position
    enrolment.save(update_fields=["waitlist_position"])
    for row, old, new in (
        (enrolment, position, neighbour_position),
        (neighbour, neighbour_position, position),
    ):
        audit_record(
            by=by,
            action="waitlist_move",
            obj=row,
            organisation=_owner_org(cohort),
            changes={"waitlist_position": [old, new]},
        )
    return enrolment


# --- Participation percent ------------------------------------------------------------------


@transaction.atomic
def participation_period_create(
    *,
    by: Any,
    enrolment: Enrolment,
    percent: int,
    valid_from: dt.date,
    days_per_week: int | None = None,
) -> ParticipationPeriod:
    """Start a new participation period; the open one ends the day before."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__version__programme")
        .get(pk=enrolment.pk)
    )
    open_period = (
        enrolment.participation_periods.filter(valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if open_period is not None and valid_from <= open_period.valid_from:
        raise ValidationError(
            {
                "valid_from": _(
                    "Ny periode må starte etter at gjeldende periode startet (%(date)s)."
                )
                % {"date": format_day(open_period.valid_from)}
            }
        )
    period = ParticipationPeriod(
        enrolment=enrolment, percent=percent, days_per_week=days_per_week, valid_from=valid_from
    )
    period.full_clean()
    organisation = _owner_org(enrolment.cohort)
    if open_period is not None:
        closed_on = valid_from - dt.timedelta(days=1)
        open_period.valid_to = closed_on
        open_period.full_clean()
        open_period.save(update_fields=["valid_to"])
        audit_record(
            by=by,
            action="update",
            obj=open_period,
            organisation=organisation,
            changes={"valid_to": [None, str(closed_on)]},
        )
    period.save()
    audit_create(by=by, obj=period, organisation=organisation)
    return period
