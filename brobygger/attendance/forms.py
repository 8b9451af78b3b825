"""One small form per participant row; the grid is the list of them, saved in one POST."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.attendance.models import AttendanceStatus
from brobygger.attendance.rules import format_hours, hours_error
from brobygger.attendance.selectors import GridRow
from brobygger.core.concurrency import EditTokenMixin
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "hours" in self.errors:
            return cleaned
        status = cleaned.get("status")
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
