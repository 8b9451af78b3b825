"""Status as dated history (ADR 0005, ADR 0025): the abstract history row, the table of allowed
transitions, and the one write that changes a status.

Enrolments (`StatusChange`), hiring cases (`HiringStatusChange`) and wage subsidy agreements
(`AgreementStatusChange`) keep their status the same way: the parent row caches the current
status, the history has one row per period, and the open row (valid_to null) is the current one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.formatting import format_day


class DatedStatusRow(models.Model):
    """One period of a status, never rewritten: a change closes the open row and opens a new one.

    End of a period (ADR 0025): `valid_to` is the first day the row no longer applies, which is
    the next row's `valid_from` (null: the current status). A row covers day d when
    valid_from <= d < valid_to. Two changes on one day leave a row from d to d that covers no
    day but keeps the record of what was registered.

    Subclasses declare `status` again with their own choices and length, the foreign key to the
    object whose status this is (named in `history_of`), and any fields of their own.
    """

    # The name of the foreign key to the object whose status this row records.
    history_of: ClassVar[str]
    # Designsystemet tag colour per status, for history tables.
    status_colors: ClassVar[Mapping[str, str]] = {}

    status = models.CharField(max_length=32)
    valid_from = models.DateField(gettext_lazy("gjelder fra"))
    valid_to = models.DateField(gettext_lazy("gjelder til"), null=True, blank=True)
    note = models.CharField(gettext_lazy("merknad"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["valid_from", "id"]

    def __str__(self) -> str:
        return f"{self.status_label} fra {self.valid_from}"

    @property
    def status_label(self) -> str:
        field = cast(models.Field[Any, Any], self._meta.get_field("status"))
        choices = dict(field.choices or ())
        return str(choices.get(self.status, self.status))

    @property
    def status_color(self) -> str:
        return self.status_colors.get(self.status, "neutral")

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class TransitionTable:
    """The explicit table of allowed status moves of one kind of object (CONVENTIONS rule 2)."""

    def __init__(self, allowed: Mapping[str, Iterable[str]], *, labels: Mapping[str, Any]):
        self.allowed: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in allowed.items()}
        self.labels = labels

    def allows(self, current: str, new: str) -> bool:
        return new in self.allowed.get(current, frozenset())

    def targets(self, current: str) -> frozenset[str]:
        return self.allowed.get(current, frozenset())

    def check(self, current: str, new: str, *, field: str | None = None) -> None:
        """Refuse a move the table does not allow: the message alone, or keyed by `field`."""
        if self.allows(current, new):
            return
        message = _("Kan ikke endre status fra «%(from)s» til «%(to)s».") % {
            "from": self.labels.get(current, current),
            "to": self.labels.get(new, new),
        }
        raise ValidationError({field: message} if field else message, code="transition_not_allowed")


def status_date_errors(*, on: dt.date, today: dt.date, late_reason: str) -> dict[str, str]:
    """The rule for a status date a person typed (ADR 0018): never in the future, and a date
    before today (history registered late) needs a written reason. Not before the previous
    change is `before_last_change`, which knows the history."""
    if on > today:
        return {"on": _("Datoen kan ikke være fram i tid.")}
    if on < today and not late_reason.strip():
        return {
            "late_reason": _("Skriv hvorfor statusendringen registreres med en dato tilbake i tid.")
        }
    return {}


def last_change(history: models.QuerySet[Any]) -> Any:
    """The latest row of a history (by date, then by when it was written), or None."""
    return history.order_by("-valid_from", "-id").first()


def before_last_change(
    history: models.QuerySet[Any], on: dt.date, *, message: str | None = None
) -> str | None:
    """Why `on` cannot date a new status (it comes before the latest row), or None. History is
    never contradicted, whoever dates the change."""
    last = last_change(history)
    if last is None or on >= last.valid_from:
        return None
    text = message or _("Datoen kan ikke være før forrige statusendring (%(date)s).")
    return text % {"date": format_day(last.valid_from)} if "%(date)s" in text else text


def _require_transaction() -> None:
    # Closing one row and opening the next must never be half done.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("status history writes run inside the service's transaction")


def status_change(
    *,
    by: Any,
    obj: models.Model,
    row: DatedStatusRow,
    table: TransitionTable,
    organisation: Any,
    audit_rows: bool,
    also: Mapping[str, Any] | None = None,
    action: str = "transition",
    changes: dict[str, Any] | None = None,
) -> DatedStatusRow:
    """Move `obj` to `row.status` from `row.valid_from`; `row` is the new history row, unsaved.

    Runs in the caller's transaction (a savepoint of its own would add queries to every change),
    in which the caller has locked `obj` and checked its own rules, the table first so that its
    refusal comes before the others. The table is checked again here, so no move it forbids is
    ever written, and the row is validated before anything is.

    Closes the open row on the new row's first day (ADR 0025), saves the new row, writes the
    status (and the fields in `also`) to `obj`, and audits: each history row written gets an
    event when `audit_rows`, otherwise `obj`'s event covers them (ADR 0008); then `obj`'s
    event, `action` with `changes` (by default what changed on `obj`).
    """
    _require_transaction()
    fk = row.history_of
    fields = {"status": row.status, **(also or {})}
    attnames = [cast(models.Field[Any, Any], obj._meta.get_field(n)).attname for n in fields]
    before = snapshot(obj, attnames)
    table.check(before["status"], row.status)
    on = row.valid_from
    setattr(row, fk, obj)
    row.full_clean(exclude=[fk, "created_by"])  # before anything is written
    open_rows = type(row)._default_manager.filter(**{fk: obj, "valid_to__isnull": True})
    if audit_rows:
        for open_row in open_rows:
            open_row.valid_to = on
            open_row.save(update_fields=["valid_to"])
            audit_record(
                by=by,
                action="close",
                obj=open_row,
                changes={"valid_to": [None, str(on)]},
                organisation=organisation,
            )
    else:
        open_rows.update(valid_to=on)
    row.save()
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(fields))
    if audit_rows:
        audit_create(by=by, obj=row, organisation=organisation)
    audit_record(
        by=by,
        action=action,
        obj=obj,
        changes=changes if changes is not None else diff(before, snapshot(obj, attnames)),
        organisation=organisation,
    )
    return row


def status_history_start(
    *, by: Any, row: DatedStatusRow, audit_rows: bool, organisation: Any = None
) -> DatedStatusRow:
    """The first history row of a new object (its status is already set on it), in the
    caller's transaction."""
    _require_transaction()
    row.full_clean(exclude=[row.history_of, "created_by"])
    row.save()
    if audit_rows:
        audit_create(by=by, obj=row, organisation=organisation)
    return row
