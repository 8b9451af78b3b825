"""Writes for placements, timesheets and evaluations. Each one audited, in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accounts.models import Membership, Role
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.concurrency import edit_token as make_edit_token
from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Enrolment
from brobygger.organisations.models import Organisation
from brobygger.placements.models import (
    Evaluation,
    EvaluationKind,
    Placement,
    PlacementPercent,
    Timesheet,
    TimesheetDay,
    TimesheetStatus,
)
from brobygger.placements.rules import WEEKDAYS, days_in_placement, week_within

TIMESHEET_FIELDS = ["status", "total_hours", "submitted_at", "decided_by_id", "decided_at"]
# The edit tokens' names for state that is not a field of the placement (ADR 0014).
TIMESHEET_STATUS_STATE = "timeliste_status"


def hours_field(day: dt.date) -> str:
    """The form field (and error key) for one day's hours."""
    return f"hours_{day.isoformat()}"


def _owner_org(placement: Placement) -> Organisation:
    return placement.enrolment.cohort.version.programme.organisation


def _errors_from(exc: ValidationError, rename: dict[str, str] | None = None) -> dict[str, Any]:
    rename = rename or {}
    return {rename.get(field, field): msgs for field, msgs in exc.message_dict.items()}


@transaction.atomic
def placement_create(
    *,
    by: Any,
    enrolment: Enrolment,
    host: Organisation,
    supervisor: Any,
    start_date: dt.date,
    end_date: dt.date,
    percent: int,
) -> Placement:
    """A placement and its first percent period (valid from the start date)."""
    # Lock the enrolment so two coordinators cannot create overlapping placements at once.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    errors: dict[str, Any] = {}
    if end_date < start_date:
        errors["end_date"] = _("Sluttdatoen kan ikke være før startdatoen.")
    if (
        not Membership.objects.active()
        .filter(user=supervisor, organisation=host, role=Role.SUPERVISOR)
        .exists()
    ):
        errors["supervisor"] = _("Veilederen må ha rollen praksisveileder hos praksisstedet.")
    if "end_date" not in errors:
        clash = (
            Placement.objects.filter(
                enrolment=enrolment, start_date__lte=end_date, end_date__gte=start_date
            )
            .order_by("start_date")
            .first()
        )
        if clash is not None:
            errors[NON_FIELD_ERRORS] = _(
                "Deltakeren har allerede praksis i perioden %(start)s–%(end)s."
            ) % {"start": format_day(clash.start_date), "end": format_day(clash.end_date)}
    placement = Placement(
        enrolment=enrolment,
        host=host,
        supervisor=supervisor,
        start_date=start_date,
        end_date=end_date,
    )
    first_percent = PlacementPercent(percent=percent, valid_from=start_date)
    try:
        # The end-after-start constraint is checked above with a clearer message.
        placement.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**_errors_from(exc), **errors}
    try:
        first_percent.full_clean(exclude=["placement"])
    except ValidationError as exc:
        errors = {**_errors_from(exc, {"valid_from": "start_date"}), **errors}
    if errors:
        raise ValidationError(errors)
    placement.save()
    first_percent.placement = placement
    first_percent.save()
    org = _owner_org(placement)
    audit_create(by=by, obj=placement, organisation=org)
    audit_create(by=by, obj=first_percent, organisation=org)
    return placement


@transaction.atomic
def placement_percent_add(
    *, by: Any, placement: Placement, percent: int, valid_from: dt.date
) -> PlacementPercent:
    """A new percent from `valid_from`; it applies to weeks whose Monday is on or after it."""
    errors: dict[str, Any] = {}
    periods = list(PlacementPercent.objects.filter(placement=placement).order_by("valid_from"))
    if not placement.start_date <= valid_from <= placement.end_date:
        errors["valid_from"] = _("Datoen må ligge i praksisperioden (%(start)s–%(end)s).") % {
            "start": format_day(placement.start_date),
            "end": format_day(placement.end_date),
        }
    elif periods and valid_from < periods[0].valid_from:
        errors["valid_from"] = _("Datoen kan ikke være før første periode (%(date)s).") % {
            "date": format_day(periods[0].valid_from)
        }
    elif any(period.valid_from == valid_from for period in periods):
        errors["valid_from"] = _("Det finnes allerede en praksisprosent fra denne datoen.")
    row = PlacementPercent(placement=placement, percent=percent, valid_from=valid_from)
    try:
        row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = {**_errors_from(exc), **errors}
    if errors:
        raise ValidationError(errors)
    row.save()
    audit_create(by=by, obj=row, organisation=_owner_org(placement))
    return row


def _timesheet_state(
    placement: Placement,
    week_start: dt.date,
    timesheet: Timesheet | None,
    day_rows: list[TimesheetDay],
) -> dict[str, Any]:
    """What the timesheet page shows for one week: each day's hours (no row is zero hours, as
    the page shows it) and the timesheet's status."""
    stored = {row.date: row.hours for row in day_rows}
    state: dict[str, Any] = {
        hours_field(day): f"{stored.get(day) or Decimal('0'):.2f}"
        for day in days_in_placement(week_start, placement.start_date, placement.end_date)
    }
    state[TIMESHEET_STATUS_STATE] = timesheet.status if timesheet else None
    return state


def _timesheet_labels(placement: Placement, week_start: dt.date) -> dict[str, str]:
    labels: dict[str, str] = {
        hours_field(day): _("Timer %(day)s %(date)s")
        % {"day": str(WEEKDAYS[day.weekday()]).lower(), "date": format_day(day)}
        for day in days_in_placement(week_start, placement.start_date, placement.end_date)
    }
    labels[TIMESHEET_STATUS_STATE] = _("Status")
    return labels


def timesheet_token(
    *,
    placement: Placement,
    week_start: dt.date,
    timesheet: Timesheet | None,
    day_rows: list[TimesheetDay],
) -> str:
    """The timesheet page's edit token: the week's hours and status as the page shows them."""
    return make_edit_token(
        placement, [], extra=_timesheet_state(placement, week_start, timesheet, day_rows)
    )


def _check_hours(
    placement: Placement,
    week_start: dt.date,
    hours: Mapping[dt.date, Decimal | None],
    today: dt.date,
) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    allowed = set(days_in_placement(week_start, placement.start_date, placement.end_date))
    for day, value in hours.items():
        key = hours_field(day)
        if day not in allowed:
            if value:
                errors[key] = _("Dagen er utenfor praksisperioden.")
        elif day > today and value:
            errors[key] = _(
                "Du kan ikke føre timer for en dag som ikke har vært ennå (%(date)s). "
                "Før timene når dagen er over."
            ) % {"date": format_day(day)}
        elif value is not None and value < 0:
            errors[key] = _("Timer kan ikke være negative.")
        elif value is not None and value > 24:
            errors[key] = _("Et døgn har bare 24 timer. Før opp høyst 24 timer.")
    return errors


@transaction.atomic
def timesheet_save(
    *,
    by: Any,
    placement: Placement,
    week_start: dt.date,
    hours: Mapping[dt.date, Decimal | None],
    submit: bool,
    today: dt.date | None = None,
    edit_token: str | None = None,
) -> Timesheet:
    """Save the participant's hours for one week, as a draft or submitted for approval.

    A submitted or approved timesheet is locked; a returned one can be changed and resubmitted
    (the supervisor's comment stays until the next decision). Hours for a day after `today`
    (default: today in Oslo) are refused: they have not been worked yet. Refused when
    `edit_token` is from an older version of the week (core/concurrency.py)."""
    if not week_within(week_start, placement.start_date, placement.end_date):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Uka ligger utenfor praksisperioden.")}, code="week"
        )
    # The placement's row is locked too, so that two first saves of a week (no timesheet row
    # to lock yet) are checked one after the other.
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    timesheet = (
        Timesheet.objects.select_for_update()
        .filter(placement=placement, week_start=week_start)
        .first()
    )
    day_rows = list(timesheet.days.all()) if timesheet else []
    check_unchanged(
        placement,
        edit_token,
        [],
        extra=_timesheet_state(placement, week_start, timesheet, day_rows),
        labels=_timesheet_labels(placement, week_start),
    )
    if timesheet is not None and timesheet.status in (
        TimesheetStatus.SUBMITTED,
        TimesheetStatus.APPROVED,
    ):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Timelisten er sendt inn og kan ikke endres.")}, code="locked"
        )
    errors = _check_hours(placement, week_start, hours, today or timezone.localdate())
    # A blank day means no hours; rows for days not in `hours` are kept as they are.
    wanted = {day: value or Decimal("0") for day, value in hours.items()}
    existing = {row.date: row for row in day_rows}
    merged = {day: row.hours for day, row in existing.items()} | wanted
    total = sum(merged.values(), start=Decimal("0"))
    if submit and total <= 0:
        errors.setdefault(NON_FIELD_ERRORS, _("Før opp timene dine før du sender inn."))
    if errors:
        raise ValidationError(errors)

    org = _owner_org(placement)
    before = snapshot(timesheet, TIMESHEET_FIELDS) if timesheet else None
    if timesheet is None:
        timesheet = Timesheet(placement=placement, week_start=week_start)
    timesheet.total_hours = total
    if submit:
        timesheet.status = TimesheetStatus.SUBMITTED
        timesheet.submitted_at = timezone.now()
    elif timesheet.status != TimesheetStatus.RETURNED:
        timesheet.status = TimesheetStatus.DRAFT
    timesheet.full_clean(validate_unique=False, validate_constraints=False)
    timesheet.save()
    if before is None:
        audit_create(by=by, obj=timesheet, organisation=org)
    else:
        changes = diff(before, snapshot(timesheet, TIMESHEET_FIELDS))
        if changes:
            action = "submit" if submit else "update"
            audit_record(by=by, action=action, obj=timesheet, changes=changes, organisation=org)

    for day, value in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            if value == 0:
                continue  # an empty day needs no row
            row = TimesheetDay(timesheet=timesheet, date=day, hours=value)
            row.full_clean(validate_unique=False, validate_constraints=False)
            row.save()
            audit_create(by=by, obj=row, organisation=org)
        elif row.hours != value:
            old = row.hours
            row.hours = value
            row.full_clean(validate_unique=False, validate_constraints=False)
            row.save(update_fields=["hours"])
            audit_record(
                by=by,
                action="update",
                obj=row,
                changes={"hours": [str(old), str(value)]},
                organisation=org,
            )
    return timesheet


def _lock_for_decision(*, by: Any, timesheet: Timesheet) -> Timesheet:
    locked = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
    placement = timesheet.placement
    if placement.supervisor_id != getattr(by, "pk", None):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Bare praksisveilederen kan godkjenne eller sende tilbake.")},
            code="not_supervisor",
        )
    if locked.status != TimesheetStatus.SUBMITTED:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Timelisten venter ikke på godkjenning.")}, code="not_submitted"
        )
    locked.placement = placement
    return locked


@transaction.atomic
def timesheet_approve(*, by: Any, timesheet: Timesheet) -> Timesheet:
    """The supervisor approves; whether the week counts follows from the rule."""
    locked = _lock_for_decision(by=by, timesheet=timesheet)
    before = snapshot(locked, TIMESHEET_FIELDS)
    locked.status = TimesheetStatus.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        by=by,
        action="approve",
        obj=locked,
        changes=diff(before, snapshot(locked, TIMESHEET_FIELDS)),
        organisation=_owner_org(locked.placement),
    )
    return locked


@transaction.atomic
def timesheet_record_approval(*, by: Any, timesheet: Timesheet) -> Timesheet:
    """Record an approval the supervisor gave outside Brobygger (a programme's history, as the
    import brings it): the placement's supervisor stands as the one who decided, and the audit
    row names `by`, who recorded it. Only a coordinator of the programme's organisation."""
    locked = Timesheet.objects.select_for_update().get(pk=timesheet.pk)
    placement = timesheet.placement
    org = _owner_org(placement)
    if (
        not Membership.objects.active()
        .filter(user=by, organisation=org, role=Role.COORDINATOR)
        .exists()
    ):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Bare programmets koordinator kan føre inn en godkjenning.")},
            code="not_coordinator",
        )
    if locked.status != TimesheetStatus.SUBMITTED:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Timelisten venter ikke på godkjenning.")}, code="not_submitted"
        )
    before = snapshot(locked, TIMESHEET_FIELDS)
    locked.status = TimesheetStatus.APPROVED
    locked.decided_by_id = placement.supervisor_id
    locked.decided_at = timezone.now()
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        by=by,
        action="approve_recorded",
        obj=locked,
        changes=diff(before, snapshot(locked, TIMESHEET_FIELDS)),
        organisation=org,
    )
    locked.placement = placement
    return locked


@transaction.atomic
def timesheet_return(*, by: Any, timesheet: Timesheet, comment: str) -> Timesheet:
    """The supervisor sends the timesheet back to the participant, saying why."""
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Skriv en kommentar til deltakeren om hva som må rettes.")}
        )
    locked = _lock_for_decision(by=by, timesheet=timesheet)
    fields = [*TIMESHEET_FIELDS, "supervisor_comment"]
    before = snapshot(locked, fields)
    locked.status = TimesheetStatus.RETURNED
    locked.supervisor_comment = comment.strip()
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["status", "supervisor_comment", "decided_by", "decided_at"])
    audit_record(
        by=by,
        action="return",
        obj=locked,
        changes=diff(before, snapshot(locked, fields)),
        organisation=_owner_org(locked.placement),
    )
    return locked


def _evaluation_state_name(kind: str) -> str:
    return f"evaluering_{kind}"


def _evaluation_state(kind: str, evaluation: Evaluation | None) -> dict[str, Any]:
    return {_evaluation_state_name(kind): evaluation.text if evaluation else None}


def evaluation_token(*, placement: Placement, kind: str, evaluation: Evaluation | None) -> str:
    """The evaluation page's edit token: the text of the `kind` evaluation as the page shows
    it (none yet is a state too: someone else writing the first one is noticed)."""
    return make_edit_token(placement, [], extra=_evaluation_state(kind, evaluation))


@transaction.atomic
def evaluation_save(
    *, by: Any, placement: Placement, kind: str, text: str, edit_token: str | None = None
) -> Evaluation:
    """Write or rewrite the supervisor's midway or final evaluation. Refused when `edit_token`
    is from an older version of the evaluation (core/concurrency.py)."""
    if placement.supervisor_id != getattr(by, "pk", None):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Bare praksisveilederen kan skrive evalueringen.")}
        )
    if kind not in EvaluationKind.values:
        raise ValidationError({"kind": _("Ukjent type evaluering.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv evalueringen før du lagrer.")})
    # The placement's row is locked too, so that two first saves (no evaluation row to lock
    # yet) are checked one after the other.
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    evaluation = (
        Evaluation.objects.select_for_update().filter(placement=placement, kind=kind).first()
    )
    check_unchanged(
        placement,
        edit_token,
        [],
        extra=_evaluation_state(kind, evaluation),
        labels={_evaluation_state_name(kind): _("Evalueringen")},
    )
    org = _owner_org(placement)
    if evaluation is None:
        evaluation = Evaluation(placement=placement, kind=kind, text=text, written_by=by)
        evaluation.full_clean(validate_unique=False, validate_constraints=False)
        evaluation.save()
        audit_create(by=by, obj=evaluation, organisation=org)
        return evaluation
    fields = ["text", "written_by_id"]
    before = snapshot(evaluation, fields)
    evaluation.text = text
    evaluation.written_by = by
    evaluation.written_at = timezone.now()
    evaluation.full_clean(validate_unique=False, validate_constraints=False)
    evaluation.save(update_fields=["text", "written_by", "written_at"])
    changes = diff(before, snapshot(evaluation, fields))
    if changes:
        audit_record(by=by, action="update", obj=evaluation, changes=changes, organisation=org)
    return evaluation
