"""One small form per participant row; the grid is the list of them, saved in one POST."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.attendance.matrix import MAX_DAYS, AttendanceMatrix, MatrixRow
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.attendance.rules import (
    before_start,
    hours_error,
    not_started_message,
)
from brobygger.attendance.selectors import GridRow
from brobygger.core.concurrency import EditTokenMixin
from brobygger.core.formatting import format_day, format_hours
from brobygger.enrolments.models import Enrolment
from brobygger.programmes.models import Session


class AttendanceGridForm(EditTokenMixin, forms.Form):
    """The grid as a whole: carries the session's records as the teacher loaded them
    (ADR 0014). No prefix, so both forms on the page (save, mark all present) post it."""


class AttendanceRowForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Oppmøte"),
        choices=AttendanceStatus.choices,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
        error_messages={"required": _("Velg oppmøte."), "invalid_choice": _("Velg oppmøte.")},
    )
    # Text, not a number input: people type "1,5", and the message should be ours.
    hours = forms.CharField(
        label=_("Timer ved delvis oppmøte"),
        required=False,
        max_length=10,
        error_messages={"max_length": _("Skriv timer som et tall, for eksempel 1,5.")},
        widget=forms.TextInput(
            attrs={"class": "ds-input", "inputmode": "decimal", "autocomplete": "off", "size": 5}
        ),
    )

    def __init__(self, *args: Any, row: GridRow, session: Session, **kwargs: Any) -> None:
        kwargs["prefix"] = f"p{row.enrolment.pk}"
        super().__init__(*args, **kwargs)
        self.row = row
        self.session = session
        if row.not_started:
            # Held before their start: nothing is asked for, and nothing may be given.
            self.fields["status"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "hours" in self.errors:
            return cleaned
        status = cleaned.get("status")
        if self.row.not_started:
            if status or (cleaned.get("hours") or "").strip():
                self.add_error(
                    "status",
                    not_started_message(
                        name=str(self.row.enrolment.participant), start=self.row.started_on
                    ),
                )
            cleaned["status"], cleaned["hours"] = "", None
            return cleaned
        raw = (cleaned.get("hours") or "").strip().replace(" ", "").replace(",", ".")
        cleaned["hours"] = None
        if status != AttendanceStatus.PARTIAL:
            if raw:
                self.add_error(
                    "hours",
                    _(
                        "Timer fylles bare ut ved delvis oppmøte. "
                        "Velg «Delvis til stede» eller tøm feltet."
                    ),
                )
            return cleaned
        if raw:
            try:
                cleaned["hours"] = Decimal(raw)
            except InvalidOperation:
                self.add_error("hours", _("Skriv timer som et tall, for eksempel 1,5."))
                return cleaned
        message = hours_error(status=status, hours=cleaned["hours"], session=self.session)
        if message:
            self.add_error("hours", message)
        return cleaned

    @property
    def error_summary(self) -> list[dict[str, str]]:
        """One entry per error, for the summary at the top that links to the field."""
        found: list[dict[str, str]] = []
        for name in ("status", "hours"):
            for message in self.errors.get(name, []):
                target = f"{self[name].auto_id}_0" if name == "status" else self[name].auto_id
                found.append(
                    {
                        "id": str(target),
                        "name": str(self.row.enrolment.participant),
                        "message": str(message),
                    }
                )
        return found


def _initial(row: GridRow, *, all_present: bool) -> dict[str, Any]:
    if row.not_started:
        return {"status": None, "hours": ""}
    if all_present:
        # People on leave stay excused: "everyone present" means everyone who is taking part.
        status = AttendanceStatus.EXCUSED if row.on_leave else AttendanceStatus.PRESENT
        return {"status": status, "hours": ""}
    if row.record is not None:
        partial = row.record.status == AttendanceStatus.PARTIAL
        return {
            "status": row.record.status,
            "hours": format_hours(row.record.hours) if partial else "",
        }
    if row.on_leave:
        return {"status": AttendanceStatus.EXCUSED, "hours": ""}
    return {"status": None, "hours": ""}


def build_row_forms(
    rows: list[GridRow],
    *,
    session: Session,
    data: Any = None,
    all_present: bool = False,
) -> list[AttendanceRowForm]:
    return [
        AttendanceRowForm(
            data, row=row, session=session, initial=_initial(row, all_present=all_present)
        )
        for row in rows
    ]


# The cohort attendance matrix


class MatrixTermForm(forms.Form):
    """The matrix's date range (GET). Empty or wrong: the default term (attendance/matrix.py)."""

    fra = forms.DateField(
        label=_("Fra og med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
        label=_("Til og med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, default: tuple[dt.date, dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start and end:
            if end < start:
                self.add_error("til", _("Til-datoen kan ikke være før fra-datoen."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("til", _("Velg høyst ett år om gangen."))
        return cleaned

    def term(self) -> tuple[dt.date, dt.date]:
        """The range asked for (one end given: the default term's other end), or the default."""
        if not self.is_bound or not self.is_valid():
            return self.default
        start = self.cleaned_data.get("fra") or self.default[0]
        end = self.cleaned_data.get("til") or self.default[1]
        if end < start or (end - start).days >= MAX_DAYS:
            return self.default
        return start, end


MATRIX_CHOICES = (
    ("", _("Ikke registrert")),
    (AttendanceStatus.PRESENT, _("Til stede")),
    (AttendanceStatus.EXCUSED, _("Gyldig fravær")),
    (AttendanceStatus.UNEXCUSED, _("Ugyldig fravær")),
)
SHORT = {
    AttendanceStatus.PRESENT: _("Til stede"),
    AttendanceStatus.PARTIAL: _("Delvis"),
    AttendanceStatus.EXCUSED: _("Gyldig fravær"),
    AttendanceStatus.UNEXCUSED: _("Ugyldig fravær"),
}


def cell_name(session: Session, enrolment: Enrolment) -> str:
    return f"c{session.pk}_{enrolment.pk}"


@dataclass
class MatrixCell:
    session: Session
    enrolment: Enrolment
    record: AttendanceRecord | None
    name: str
    label: str  # "Oppmøte for <name> <date>", the select's (visually hidden) label
    note: str | None  # why there is no select (closed session, not taking part), or None
    options: list[tuple[str, str, bool]] = field(default_factory=list)  # value, label, selected
    errors: list[str] = field(default_factory=list)


class AttendanceMatrixForm(EditTokenMixin, forms.Form):
    """One select per participant and session; parsed here, checked again by the service."""

    def __init__(self, *args: Any, matrix: AttendanceMatrix, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matrix = matrix
        for session in matrix.sessions:
            for row in matrix.rows:
                self.fields[cell_name(session, row.enrolment)] = forms.CharField(
                    required=False,
                    strip=True,
                    max_length=16,
                    error_messages={"max_length": _("Velg oppmøte fra listen.")},
                )

    def _note(
        self, session: Session, row: MatrixRow, record: AttendanceRecord | None
    ) -> str | None:
        """Why a cell cannot be set, or None when it can."""
        closed = self.matrix.closed[session.pk]
        if closed:
            return closed
        if not row.takes_part and record is None:
            return _("%(name)s deltar ikke i kullet nå, og kan ikke føres oppmøte for.") % {
                "name": row.enrolment.participant
            }
        if record is None and before_start(start=row.started_on, day=session.date):
            return not_started_message(name=str(row.enrolment.participant), start=row.started_on)
        return None

    @staticmethod
    def _allowed(record: AttendanceRecord | None) -> list[str]:
        allowed = [value for value, _label in MATRIX_CHOICES]
        if record is not None:
            allowed.remove("")  # a record is corrected, never emptied
            if record.status == AttendanceStatus.PARTIAL:
                allowed.append(AttendanceStatus.PARTIAL)
        return allowed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for session in self.matrix.sessions:
            for row in self.matrix.rows:
                name = cell_name(session, row.enrolment)
                if name in self.errors:
                    continue
                value = cleaned.get(name) or ""
                record = self.matrix.record(session, row.enrolment)
                note = self._note(session, row, record)
                if note is not None:
                    if value and (record is None or value != record.status):
                        self.add_error(name, note)
                elif value not in self._allowed(record):
                    if record is not None and value == "":
                        self.add_error(
                            name, _("Oppmøtet er registrert og kan ikke tømmes. Velg en verdi.")
                        )
                    else:
                        self.add_error(name, _("Velg oppmøte fra listen."))
        return cleaned

    def changes(self) -> list[tuple[Session, list[tuple[Enrolment, str, Decimal | None]]]]:
        """Per open session, the cells that differ from what is stored (valid form only).
        Unchanged cells are left out: the service leaves them alone anyway."""
        found = []
        for session in self.matrix.sessions:
            if self.matrix.closed[session.pk]:
                continue
            rows: list[tuple[Enrolment, str, Decimal | None]] = []
            for row in self.matrix.rows:
                value = self.cleaned_data.get(cell_name(session, row.enrolment)) or ""
                record = self.matrix.record(session, row.enrolment)
                if value and (record is None or record.status != value):
                    rows.append((row.enrolment, value, None))
            if rows:
                found.append((session, rows))
        return found

    def _selected(self, name: str, record: AttendanceRecord | None) -> str:
        if self.is_bound:
            return str(self.data.get(name, "") or "")
        return record.status if record is not None else ""

    def grid(self) -> list[tuple[MatrixRow, list[MatrixCell]]]:
        """The rows and cells as the template shows them."""
        table = []
        for row in self.matrix.rows:
            cells = []
            for session in self.matrix.sessions:
                record = self.matrix.record(session, row.enrolment)
                name = cell_name(session, row.enrolment)
                selected = self._selected(name, record)
                options = []
                for value, label in MATRIX_CHOICES:
                    if value in self._allowed(record):
                        options.append((value, str(label), value == selected))
                if record is not None and record.status == AttendanceStatus.PARTIAL:
                    hours = format_hours(record.hours)
                    options.append(
                        (
                            AttendanceStatus.PARTIAL,
                            str(_("Delvis til stede (%(hours)s t)") % {"hours": hours}),
                            selected == AttendanceStatus.PARTIAL,
                        )
                    )
                cells.append(
                    MatrixCell(
                        session=session,
                        enrolment=row.enrolment,
                        record=record,
                        name=name,
                        label=str(
                            _("Oppmøte for %(name)s %(date)s")
                            % {
                                "name": row.enrolment.participant,
                                "date": format_day(session.date),
                            }
                        ),
                        note=self._note(session, row, record),
                        options=options,
                        errors=[str(e) for e in self.errors.get(name, [])],
                    )
                )
            table.append((row, cells))
        return table

    @property
    def error_summary(self) -> list[dict[str, str]]:
        return [
            {"id": f"id_{cell.name}", "name": cell.label, "message": message}
            for _row, cells in self.grid()
            for cell in cells
            for message in cell.errors
        ]
