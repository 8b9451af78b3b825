"""Attendance: one row per person and session. Natural key: fødselsnummer, cohort, date and
start time (the session). Written through attendance.services.attendance_record_session, one
person at a time, so a correction keeps the old value as a revision, as on the grid."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.attendance.rules import GRID_STATUSES, hours_error
from brobygger.attendance.services import attendance_record_session
from brobygger.enrolments.models import Enrolment, Status
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult, choice_lookup
from brobygger.imports.kinds.cohorts import COHORT, DATE, FROM, find_cohort
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR, national_id
from brobygger.imports.reading import CellError, as_date, as_text, as_time
from brobygger.programmes.models import Session

ATTENDANCE, HOURS = "oppmøte", "timer"


class AttendanceKind(Kind):
    slug = "oppmote"
    label = gettext_lazy("Oppmøte")
    description = gettext_lazy(
        "Én rad per person og økt. Øktene og deltakerne må finnes (importer dem først). Et "
        "oppmøte som finnes, rettes, og den gamle verdien tas vare på."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(DATE, gettext_lazy("Øktens dato, dd.mm.åååå."), "20.08.2024", True),
        Column(FROM, gettext_lazy("Øktens starttid, tt:mm."), "09:00", True),
        Column(
            ATTENDANCE,
            gettext_lazy("Til stede, Delvis til stede, Gyldig fravær eller Ugyldig fravær."),
            "Til stede",
            True,
        ),
        Column(HOURS, gettext_lazy("Timer til stede, bare ved «Delvis til stede»."), "1,5"),
    )
    field_columns = {"status": ATTENDANCE, "hours": HOURS}

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (
                national_id(row),
                as_text(row, COHORT).lower(),
                as_date(row, DATE),
                as_time(row, FROM),
            )
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        fnr = national_id(row)
        cohort = find_cohort(ctx, as_text(row, COHORT, required=True))
        date = as_date(row, DATE, required=True)
        start = as_time(row, FROM, required=True)
        status = self._status(row)
        hours = self._hours(row)
        assert date is not None and start is not None
        session = (
            Session.objects.filter(cohort=cohort, date=date, start_time=start)
            .select_related("cohort__version__programme__organisation")
            .first()
        )
        if session is None:
            raise CellError(DATE, _("kullet har ingen økt da (importer øktene først)"))
        enrolment = (
            Enrolment.objects.filter(cohort=cohort, participant__national_id=fnr)
            .select_related("participant")
            .first()
        )
        if enrolment is None:
            raise CellError(
                FNR, _("personen har ingen søknad til kullet (importer deltakerne først)")
            )
        # The service's own messages name the person; the report keeps no names, so the
        # rules it would refuse on are asked here first.
        if message := hours_error(status=status, hours=hours, session=session):
            raise CellError(HOURS, message)
        record = AttendanceRecord.objects.filter(session=session, enrolment=enrolment).first()
        if record is None and enrolment.status not in GRID_STATUSES:
            raise CellError(
                FNR,
                _("personen har status «%(status)s» og kan ikke føres oppmøte for")
                % {"status": dict(Status.choices)[enrolment.status]},
            )
        if (
            record is not None
            and record.status == status
            and (status != AttendanceStatus.PARTIAL or record.hours == hours)
        ):
            return RowResult(Outcome.UNCHANGED, [_("Oppmøtet finnes fra før, uendret.")])
        attendance_record_session(by=ctx.by, session=session, rows=[(enrolment, status, hours)])
        if record is None:
            return RowResult(Outcome.CREATE, [_("Nytt oppmøte.")])
        return RowResult(Outcome.CHANGE, [_("Oppmøtet rettes.")])

    def _status(self, row: dict[str, Any]) -> str:
        text = as_text(row, ATTENDANCE, required=True)
        found = choice_lookup(list(AttendanceStatus.choices))
        found["delvis"] = AttendanceStatus.PARTIAL
        status = found.get(text.lower())
        if status is None:
            raise CellError(ATTENDANCE, _("«%(value)s» er ikke et oppmøte") % {"value": text[:40]})
        return status

    def _hours(self, row: dict[str, Any]) -> Decimal | None:
        text = as_text(row, HOURS).replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation as error:
            raise CellError(
                HOURS, _("«%(value)s» er ikke et tall") % {"value": text[:20]}
            ) from error
