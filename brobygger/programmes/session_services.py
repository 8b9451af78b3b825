"""Writes for teaching sessions: single, recurring series (skipping public holidays),
move/edit, cancel.

Every write locks the cohort row so two coordinators cannot plan overlapping sessions at once,
and validates everything before saving anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.formatting import format_day
from brobygger.core.public_holidays import is_public_holiday
from brobygger.programmes.models import Cohort, Session, SessionStatus

MAX_SERIES_WEEKS = 60
# What the edit page shows of a session, so a save from an older version is refused (ADR 0014).
SESSION_EDIT_FIELDS = ("date", "start_time", "end_time", "topic", "teacher", "status")


def _d(value: dt.date) -> str:
    return format_day(value)


def outside_cohort_message(cohort: Cohort) -> str:
    return _("Økten må ligge innenfor kullets datoer (%(start)s–%(end)s).") % {
        "start": _d(cohort.start_date),
        "end": _d(cohort.end_date),
    }


def _locked(cohort: Cohort) -> Cohort:
    # The cohort row only (`of`): FOR UPDATE on the joined organisation row would deadlock with
    # any request writing a read-log or audit row of that organisation (its foreign-key check
    # takes KEY SHARE on the organisation at commit, while holding the log chain's lock this
    # transaction waits for). Found by the two-server test (deploy/loadtest/two_servers.py).
    return (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("version__programme__organisation")
        .get(pk=cohort.pk)
    )


def _within(cohort: Cohort, day: dt.date) -> bool:
    return cohort.start_date <= day <= cohort.end_date


def _teacher_error(cohort: Cohort, teacher: Any, *, current_id: int | None = None) -> str | None:
    if teacher is None or teacher.pk == current_id:
        return None
    if not cohort.teachers.filter(pk=teacher.pk).exists():
        return _("Velg en underviser som er knyttet til kullet.")
    return None


def _planned(cohort: Cohort, dates: Iterable[dt.date], exclude: int | None = None) -> list[Any]:
    rows = Session.objects.filter(cohort=cohort, status=SessionStatus.PLANNED, date__in=dates)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return list(rows.values_list("date", "start_time", "end_time"))


def _clashes(
    existing: list[Any], dates: Iterable[dt.date], start: dt.time, end: dt.time
) -> list[dt.date]:
    """Dates on which [start, end) overlaps a planned session already there."""
    wanted = set(dates)
    return sorted(
        {day for day, s, e in existing if day in wanted and start < e and end > s},
    )


def _clash_message(days: list[dt.date]) -> str:
    shown = ", ".join(_d(day) for day in days[:5]) + (" …" if len(days) > 5 else "")
    return _("Kullet har allerede en økt som overlapper i tidsrommet: %(dates)s.") % {
        "dates": shown
    }


def _audit_org(cohort: Cohort) -> Any:
    return cohort.version.programme.organisation


def _new_session(cohort: Cohort, **fields: Any) -> Session:
    session = Session(cohort=cohort, status=SessionStatus.PLANNED, **fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_create(
    *,
    by: Any,
    cohort: Cohort,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    topic: str = "",
    teacher: Any = None,
) -> Session:
    cohort = _locked(cohort)
    errors: dict[str, str] = {}
    if not _within(cohort, date):
        errors["date"] = outside_cohort_message(cohort)
    if end_time <= start_time:
        errors["end_time"] = _("Sluttiden må være etter starttiden.")
    if teacher_error := _teacher_error(cohort, teacher):
        errors["teacher"] = teacher_error
    if not errors and (clash := _clashes(_planned(cohort, [date]), [date], start_time, end_time)):
        errors["__all__"] = _clash_message(clash)
    if errors:
        raise ValidationError(errors)
    session = _new_session(
        cohort,
        date=date,
        start_time=start_time,
        end_time=end_time,
        topic=(topic or "").strip(),
        teacher=teacher,
    )
    audit_create(by=by, obj=session, organisation=_audit_org(cohort))
    return session


def series_dates(
    *,
    weekdays: Iterable[int],
    first_date: dt.date,
    weeks: int | None = None,
    last_date: dt.date | None = None,
) -> list[dt.date]:
    """Dates from first_date on the given weekdays (0 = Monday), for `weeks` weeks (counted
    from first_date) or up to and including last_date."""
    if weeks is not None:
        last_date = first_date + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    if last_date is None or last_date < first_date:
        return []
    days = set(weekdays)
    span = (last_date - first_date).days + 1
    return [
        first_date + dt.timedelta(days=n)
        for n in range(span)
        if (first_date + dt.timedelta(days=n)).weekday() in days
    ]


class CreatedSeries(list[Session]):
    """The sessions a series made, in date order, and `skipped`: the public holidays that fell
    on one of its weekdays and got no session."""

    def __init__(self, sessions: Iterable[Session], *, skipped: Iterable[dt.date] = ()) -> None:
        super().__init__(sessions)
        self.skipped: list[dt.date] = list(skipped)


@transaction.atomic
def session_series_create(
    *,
    by: Any,
    cohort: Cohort,
    weekdays: Iterable[int],
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    weeks: int | None = None,
    last_date: dt.date | None = None,
    topic: str = "",
    teacher: Any = None,
) -> CreatedSeries:
    """A recurring series, e.g. Tuesdays and Thursdays 09:00-12:00 for 30 weeks, in one step.
    Public holidays (core/public_holidays.py) get no session and are listed in the result's
    `skipped`. All or nothing: one session outside the cohort's dates refuses the whole series."""
    cohort = _locked(cohort)
    days = sorted(set(weekdays))
    errors: dict[str, str] = {}
    if not days:
        errors["weekdays"] = _("Velg minst én ukedag.")
    elif not set(days) <= set(range(7)):
        errors["weekdays"] = _("Ukjent ukedag.")
    if (weeks is None) == (last_date is None):
        errors["weeks"] = _("Oppgi enten antall uker eller siste dato, ikke begge.")
    elif weeks is not None and not 1 <= weeks <= MAX_SERIES_WEEKS:
        errors["weeks"] = _("Antall uker må være mellom 1 og %(max)s.") % {"max": MAX_SERIES_WEEKS}
    elif last_date is not None and last_date < first_date:
        errors["last_date"] = _("Siste dato kan ikke være før første dato.")
    elif last_date is not None and (last_date - first_date).days > MAX_SERIES_WEEKS * 7:
        errors["last_date"] = _("En serie kan vare høyst %(max)s uker.") % {"max": MAX_SERIES_WEEKS}
    if end_time <= start_time:
        errors["end_time"] = _("Sluttiden må være etter starttiden.")
    if teacher_error := _teacher_error(cohort, teacher):
        errors["teacher"] = teacher_error
    if errors:
        raise ValidationError(errors)

    dates = series_dates(weekdays=days, first_date=first_date, weeks=weeks, last_date=last_date)
    if not dates:
        raise ValidationError({"weekdays": _("Ingen av de valgte ukedagene faller i perioden.")})
    if not _within(cohort, dates[0]):
        errors["first_date"] = outside_cohort_message(cohort)
    if not _within(cohort, dates[-1]):
        errors["weeks" if weeks is not None else "last_date"] = outside_cohort_message(cohort)
    if errors:
        raise ValidationError(errors)
    skipped = [day for day in dates if is_public_holiday(day)]
    dates = [day for day in dates if day not in skipped]
    if not dates:
        raise ValidationError({"weekdays": _("Alle datoene i serien er helligdager.")})
    clash = _clashes(_planned(cohort, dates), dates, start_time, end_time)
    if clash:
        raise ValidationError(_clash_message(clash))

    organisation = _audit_org(cohort)
    created = []
    for day in dates:
        session = _new_session(
            cohort,
            date=day,
            start_time=start_time,
            end_time=end_time,
            topic=(topic or "").strip(),
            teacher=teacher,
        )
        audit_create(by=by, obj=session, organisation=organisation)
        created.append(session)
    return CreatedSeries(created, skipped=skipped)


@transaction.atomic
def session_update(
    *,
    by: Any,
    session: Session,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    topic: str,
    teacher: Any = None,
    reinstate: bool = False,
    edit_token: str | None = None,
) -> Session:
    """Move a session or change its topic or teacher. `reinstate` undoes a cancellation.
    Refused when `edit_token` is from an older version of the session (core/concurrency.py)."""
    cohort = _locked(session.cohort)
    session = Session.objects.select_for_update().get(pk=session.pk)
    check_unchanged(session, edit_token, SESSION_EDIT_FIELDS)
    before = snapshot(session)
    errors: dict[str, str] = {}
    if not _within(cohort, date):
        errors["date"] = outside_cohort_message(cohort)
    if end_time <= start_time:
        errors["end_time"] = _("Sluttiden må være etter starttiden.")
    if teacher_error := _teacher_error(cohort, teacher, current_id=session.teacher_id):
        errors["teacher"] = teacher_error
    if reinstate and session.status == SessionStatus.CANCELLED:
        session.status = SessionStatus.PLANNED
        session.cancel_reason = ""
    if (
        not errors
        and session.status == SessionStatus.PLANNED
        and (clash := _clashes(_planned(cohort, [date], session.pk), [date], start_time, end_time))
    ):
        errors["__all__"] = _clash_message(clash)
    if errors:
        raise ValidationError(errors)
    session.date, session.start_time, session.end_time = date, start_time, end_time
    session.topic = (topic or "").strip()
    session.teacher = teacher
    session.full_clean()
    changed = diff(before, snapshot(session))
    if changed:
        session.save(update_fields=list(changed))
        audit_record(
            by=by, action="update", obj=session, changes=changed, organisation=_audit_org(cohort)
        )
    return session


@transaction.atomic
def session_cancel(*, by: Any, session: Session, reason: str) -> Session:
    """Cancel a session; it then counts toward no one's hours. The reason is required."""
    cohort = _locked(session.cohort)
    session = Session.objects.select_for_update().get(pk=session.pk)
    reason = (reason or "").strip()
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Økten er allerede avlyst."), code="already_cancelled")
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor økten avlyses.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Grunnen kan være høyst 300 tegn.")})
    before = snapshot(session, ["status", "cancel_reason"])
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.full_clean()
    session.save(update_fields=["status", "cancel_reason"])
    audit_record(
        by=by,
        action="cancel",
        obj=session,
        changes=diff(before, snapshot(session, ["status", "cancel_reason"])),
        organisation=_audit_org(cohort),
    )
    return session
