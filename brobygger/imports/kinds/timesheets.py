"""Weekly timesheets of practice placements: one row per person and week, with the week's
hours and how far the timesheet got. Natural key: fødselsnummer, cohort and week (the
timesheet of a placement and an ISO week; `praksisstart` picks the placement in the rare week
two placements share).

Written through placements.services: timesheet_save (the week inside the placement, no hours
for days not yet over, a submitted or approved timesheet locked) and, for «Godkjent»,
timesheet_record_approval (the approval the supervisor gave before Brobygger, recorded by the
importing coordinator). The file holds a week's total; it is spread evenly over the week's
working days in the placement, since the practice rule counts the week's total."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Enrolment
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult, choice_lookup
from brobygger.imports.kinds.cohorts import COHORT
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR, national_id
from brobygger.imports.kinds.placements import cohort_placements, find_enrolment
from brobygger.imports.reading import CellError, as_date, as_text
from brobygger.placements.models import Placement, Timesheet, TimesheetStatus
from brobygger.placements.rules import days_in_placement, monday_of, week_within
from brobygger.placements.services import timesheet_record_approval, timesheet_save

WEEK, HOURS, STATUS, PLACEMENT_START = "uke", "timer", "status", "praksisstart"
# More than this in one practice week is a typing error (a full week is 37.5 h; the Working
# Environment Act's outer limit with overtime is 60 h a week).
MAX_WEEK_HOURS = Decimal("60")
CENT = Decimal("0.01")
ISO_WEEK = re.compile(r"^(\d{4})-?[wu](\d{1,2})$", re.IGNORECASE)  # 2024-W35
WEEK_OF_YEAR = re.compile(r"^(?:uke\s*)?(\d{1,2})\s*[/-]\s*(\d{4})$", re.IGNORECASE)  # 35/2024
S = TimesheetStatus


def as_week(row: dict[str, Any]) -> dt.date:
    """The Monday of the row's week: «35/2024», «uke 35/2024», «2024-W35», or a date in it."""
    value = row.get(WEEK)
    if isinstance(value, dt.date):  # a date cell (datetime is a date too)
        return monday_of(value.date() if isinstance(value, dt.datetime) else value)
    text = as_text(row, WEEK, required=True)
    if match := ISO_WEEK.match(text.replace(" ", "")):
        year, week = int(match[1]), int(match[2])
    elif match := WEEK_OF_YEAR.match(text):
        week, year = int(match[1]), int(match[2])
    else:
        try:
            day = as_date(row, WEEK)
        except CellError:
            day = None
        if day is None:
            raise CellError(
                WEEK,
                _("«%(value)s» er ikke en uke (skriv ukenummer/år, for eksempel 35/2024)")
                % {"value": text[:20]},
            )
        return monday_of(day)
    try:
        return dt.date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise CellError(
            WEEK, _("%(year)s har ikke uke %(week)s") % {"year": year, "week": week}
        ) from error


def as_hours(row: dict[str, Any]) -> Decimal:
    text = as_text(row, HOURS, required=True).replace(",", ".")
    try:
        hours = Decimal(text)
    except InvalidOperation as error:
        raise CellError(HOURS, _("«%(value)s» er ikke et tall") % {"value": text[:20]}) from error
    if not Decimal(0) < hours <= MAX_WEEK_HOURS:
        raise CellError(
            HOURS, _("må være mer enn 0 og høyst %(max)s timer i uka") % {"max": MAX_WEEK_HOURS}
        )
    if hours != hours.quantize(CENT):
        raise CellError(HOURS, _("bruk høyst to desimaler, for eksempel 18,75"))
    return hours


def spread(days: list[dt.date], total: Decimal) -> dict[dt.date, Decimal]:
    """`total` evenly over `days` in hundredths, the rest on the first day (10 h over three
    days: 3.34 + 3.33 + 3.33)."""
    each = (total / len(days)).quantize(CENT, rounding=ROUND_DOWN)
    hours = dict.fromkeys(days, each)
    hours[days[0]] += total - each * len(days)
    return hours


class TimesheetsKind(Kind):
    slug = "timelister"
    label = gettext_lazy("Timelister for praksis")
    description = gettext_lazy(
        "Én rad per person og uke: timene i uka og hvor langt timelisten kom. Praksisplassene "
        "må finnes (importer dem først). Timene fordeles likt på ukas arbeidsdager i praksis. "
        "En godkjent timeliste endres ikke."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(
            WEEK,
            gettext_lazy("Ukenummer/år (35/2024), ISO-uke (2024-W35) eller en dato i uka."),
            "42/2024",
            True,
        ),
        Column(HOURS, gettext_lazy("Timer i praksis den uka, høyst 60."), "18,75", True),
        Column(
            STATUS,
            gettext_lazy(
                "Utkast, Sendt til godkjenning (eller Sendt inn) eller Godkjent. Godkjent: "
                "godkjent av praksisveilederen."
            ),
            "Godkjent",
            True,
        ),
        Column(
            PLACEMENT_START,
            gettext_lazy("Praksisplassens startdato, bare når to praksisplasser deler uka."),
            "",
        ),
    )
    field_columns = {"total_hours": HOURS, "status": STATUS}

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (
                national_id(row),
                as_text(row, COHORT).lower(),
                as_week(row),
                as_date(row, PLACEMENT_START),
            )
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        week = as_week(row)
        hours = as_hours(row)
        target = self._status(row)
        placement = self._placement(ctx, enrolment, week, as_date(row, PLACEMENT_START))
        days = self._days(ctx, placement, week, hours)
        existing = Timesheet.objects.filter(placement=placement, week_start=week).first()
        if existing is not None:
            if existing.total_hours == hours and existing.status == target:
                return RowResult(Outcome.UNCHANGED, [_("Timelisten finnes fra før, uendret.")])
            self._check_change(existing, hours, target)
        sheet = existing
        if existing is None or existing.status in (S.DRAFT, S.RETURNED):
            in_week = days_in_placement(week, placement.start_date, placement.end_date)
            sheet = timesheet_save(
                by=ctx.by,
                placement=placement,
                week_start=week,
                # Every day of the week in the placement: a day left out is set to none.
                hours=dict.fromkeys(in_week, None) | spread(days, hours),
                submit=target != S.DRAFT,
                today=ctx.today,
            )
        if target == S.APPROVED:
            assert sheet is not None
            sheet.placement = placement
            timesheet_record_approval(by=ctx.by, timesheet=sheet)
        label = dict(S.choices)[target]
        if existing is None:
            return RowResult(Outcome.CREATE, [_("Ny timeliste: %(status)s.") % {"status": label}])
        return RowResult(Outcome.CHANGE, [_("Timelisten endres: %(status)s.") % {"status": label}])

    # --- helpers ----------------------------------------------------------------------------

    def _status(self, row: dict[str, Any]) -> str:
        text = as_text(row, STATUS, required=True)
        found = choice_lookup(list(S.choices))
        found["sendt inn"] = S.SUBMITTED
        status = found.get(text.lower())
        if status is None:
            raise CellError(
                STATUS, _("«%(value)s» er ikke en status for timelister") % {"value": text[:40]}
            )
        if status == S.RETURNED:
            raise CellError(
                STATUS,
                _(
                    "«Sendt tilbake» importeres ikke: importer «Sendt til godkjenning» og send "
                    "timelisten tilbake på timelistesiden, med kommentaren"
                ),
            )
        return status

    def _placement(
        self, ctx: Context, enrolment: Enrolment, week: dt.date, start: dt.date | None
    ) -> Placement:
        placements = cohort_placements(ctx, enrolment.cohort).get(enrolment.pk, [])
        if not placements:
            raise CellError(
                FNR,
                _("personen har ingen praksisplass i kullet (importer praksisplassene først)"),
            )
        if start is not None:
            placements = [p for p in placements if p.start_date == start]
            if not placements:
                raise CellError(
                    PLACEMENT_START, _("personen har ingen praksisplass i kullet som starter da")
                )
        matching = [p for p in placements if week_within(week, p.start_date, p.end_date)]
        if not matching:
            periods = ", ".join(
                f"{format_day(p.start_date)}–{format_day(p.end_date)}" for p in placements
            )
            raise CellError(
                WEEK,
                _("uka (mandag %(monday)s) ligger utenfor praksisperioden (%(periods)s)")
                % {"monday": format_day(week), "periods": periods},
            )
        if len(matching) > 1:
            raise CellError(
                PLACEMENT_START,
                _("uka hører til to praksisplasser: skriv praksisplassens startdato"),
            )
        return matching[0]

    def _days(
        self, ctx: Context, placement: Placement, week: dt.date, hours: Decimal
    ) -> list[dt.date]:
        """The days the hours go on: the working days of the week in the placement (its
        weekend days when it has none that week)."""
        in_week = days_in_placement(week, placement.start_date, placement.end_date)
        days = [day for day in in_week if day.weekday() < 5] or in_week
        if hours > 24 * len(days):
            raise CellError(
                HOURS,
                _("uka har %(days)s dager i praksis og kan ha høyst %(max)s timer")
                % {"days": len(days), "max": 24 * len(days)},
            )
        if days[-1] > ctx.today:
            raise CellError(WEEK, _("uka er ikke over ennå: timer føres for dager som har vært"))
        return days

    def _check_change(self, existing: Timesheet, hours: Decimal, target: str) -> None:
        """A row that differs from the timesheet: refused where the page would refuse it."""
        labels = dict(S.choices)
        column = HOURS if existing.total_hours != hours else STATUS
        if existing.status == S.APPROVED:
            raise CellError(column, _("timelisten for uka er godkjent og kan ikke endres"))
        if target == S.DRAFT and existing.status != S.DRAFT:  # no way back to a draft
            raise CellError(
                STATUS,
                _("kan ikke endre status fra «%(from)s» til «%(to)s»")
                % {"from": labels[existing.status], "to": labels[target]},
            )
        if existing.status == S.SUBMITTED and existing.total_hours != hours:
            raise CellError(
                HOURS,
                _(
                    "timelisten venter på godkjenning og kan ikke endres: send den tilbake på "
                    "timelistesiden først"
                ),
            )
