"""Writes for programme versions and cohorts. Session writes live in session_services.py and
are re-exported here so callers have one place to import writes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accounts.models import Role
from brobygger.core.audit import audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.formatting import format_day
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion, SessionStatus
from brobygger.programmes.selectors import places_taken, programme_staff, versions_managed_by
from brobygger.programmes.session_services import (
    SESSION_EDIT_FIELDS,
    series_dates,
    session_cancel,
    session_create,
    session_series_create,
    session_update,
)

__all__ = [
    "COHORT_EDIT_FIELDS",
    "SESSION_EDIT_FIELDS",
    "VERSION_FIELDS",
    "cohort_create",
    "cohort_update",
    "series_dates",
    "session_cancel",
    "session_create",
    "session_series_create",
    "session_update",
    "version_create",
    "version_update",
]

VERSION_FIELDS = (
    "name",
    "theory_hours",
    "min_attendance_share",
    "practice_weeks",
    "placement_percent",
    "week_tolerance",
    "assignment_required",
    "nominal_months",
)
# What an edit page shows of each, so a save from an older version is refused (ADR 0014).
COHORT_EDIT_FIELDS = (
    "name",
    "version",
    "start_date",
    "end_date",
    "capacity",
    "place",
    "applications_open",
    "application_deadline",
    "coordinators",
    "teachers",
)


def version_frozen_message() -> str:
    return _("Versjonen er i bruk av et kull som har startet. Lag en ny versjon.")


def _normalise(instance: models.Model, field: str, value: Any) -> Any:
    """Quantize decimals to the column's precision so 180 and 180.00 compare equal."""
    model_field = instance._meta.get_field(field)
    if isinstance(model_field, models.DecimalField) and value is not None:
        return Decimal(value).quantize(Decimal(1).scaleb(-(model_field.decimal_places or 0)))
    return value


def _between(value: Any, low: Decimal, high: Decimal) -> bool:
    return value is not None and low <= Decimal(value) <= high


def _version_errors(version: ProgrammeVersion) -> dict[str, str]:
    errors: dict[str, str] = {}
    version.name = (version.name or "").strip()
    if not version.name:
        errors["name"] = _("Skriv et navn på versjonen, for eksempel årstallet.")
    elif (
        ProgrammeVersion.objects.filter(programme_id=version.programme_id, name=version.name)
        .exclude(pk=version.pk)
        .exists()
    ):
        errors["name"] = _("Programmet har allerede en versjon med dette navnet.")
    if not _between(version.theory_hours, Decimal(0), Decimal(2000)):
        errors["theory_hours"] = _("Timer teori må være mellom 0 og 2000.")
    share = version.min_attendance_share
    if share is not None and not _between(share, Decimal(0), Decimal(1)):
        errors["min_attendance_share"] = _("Minste oppmøte må være mellom 0 og 100 %.")
    if not _between(version.practice_weeks, Decimal(0), Decimal(52)):
        errors["practice_weeks"] = _("Antall praksisuker må være mellom 0 og 52.")
    if not _between(version.placement_percent, Decimal(1), Decimal(100)):
        errors["placement_percent"] = _("Praksisprosenten må være mellom 1 og 100.")
    if not _between(version.week_tolerance, Decimal("0.01"), Decimal(1)):
        errors["week_tolerance"] = _("Toleransen må være mellom 1 og 100 %.")
    if not _between(version.nominal_months, Decimal(1), Decimal(60)):
        errors["nominal_months"] = _("Normert lengde må være mellom 1 og 60 måneder.")
    return errors


def _save_version(version: ProgrammeVersion) -> None:
    errors = _version_errors(version)
    if errors:
        raise ValidationError(errors)
    version.full_clean()


@transaction.atomic
def version_create(*, by: Any, programme: Programme, **fields: Any) -> ProgrammeVersion:
    """A new set of requirements for `programme`. `fields` are those in VERSION_FIELDS;
    missing ones take the model defaults."""
    unknown = set(fields) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown version fields: {sorted(unknown)}")
    version = ProgrammeVersion(programme=programme)
    for name, value in fields.items():
        setattr(version, name, _normalise(version, name, value))
    _save_version(version)
    version.save()
    audit_record(
        by=by,
        action="create",
        obj=version,
        changes=diff({}, snapshot(version)),
        organisation=programme.organisation,
    )
    return version


@transaction.atomic
def version_update(
    *,
    by: Any,
    version: ProgrammeVersion,
    today: dt.date | None = None,
    edit_token: str | None = None,
    **changes: Any,
) -> ProgrammeVersion:
    """Change a version's requirements. Refused once a cohort on it has started, so a
    running cohort's rules never change under it, and when `edit_token` is from an older
    version of it (core/concurrency.py)."""
    unknown = set(changes) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown version fields: {sorted(unknown)}")
    version = (
        ProgrammeVersion.objects.select_for_update(of=("self",))
        .select_related("programme__organisation")
        .get(pk=version.pk)
    )
    check_unchanged(version, edit_token, VERSION_FIELDS)
    if version.cohorts.filter(start_date__lte=today or timezone.localdate()).exists():
        raise ValidationError(version_frozen_message(), code="version_in_use")
    before = snapshot(version)
    for name, value in changes.items():
        setattr(version, name, _normalise(version, name, value))
    _save_version(version)
    changed = diff(before, snapshot(version))
    if changed:
        version.save(update_fields=list(changed))
        audit_record(
            by=by,
            action="update",
            obj=version,
            changes=changed,
            organisation=version.programme.organisation,
        )
    return version


def _ids(users: Iterable[Any]) -> list[int]:
    return sorted({user.pk for user in users})


def _cohort_errors(
    cohort: Cohort, *, by: Any, coordinators: list[int], teachers: list[int]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    cohort.name = (cohort.name or "").strip()
    if not cohort.name:
        errors["name"] = _("Skriv et navn på kullet.")
    if not versions_managed_by(by).filter(pk=cohort.version_id).exists():
        errors["version"] = _("Velg en versjon av et program du er koordinator for.")
    if cohort.start_date and cohort.end_date and cohort.end_date <= cohort.start_date:
        errors["end_date"] = _("Sluttdatoen må være etter startdatoen.")
    if cohort.capacity is None or not 1 <= cohort.capacity <= 500:
        errors["capacity"] = _("Antall plasser må være mellom 1 og 500.")
    if cohort.applications_open and cohort.application_deadline is None:
        errors["application_deadline"] = _("Sett en søknadsfrist når kullet er åpent for søknader.")
    elif (
        cohort.application_deadline
        and cohort.end_date
        and cohort.application_deadline > cohort.end_date
    ):
        errors["application_deadline"] = _("Søknadsfristen kan ikke være etter sluttdatoen.")
    if "version" in errors:
        return errors
    programme = ProgrammeVersion.objects.select_related("programme").get(pk=cohort.version_id)
    allowed_coordinators = set(
        programme_staff(programme.programme, Role.COORDINATOR).values_list("pk", flat=True)
    )
    allowed_teachers = set(
        programme_staff(programme.programme, Role.TEACHER).values_list("pk", flat=True)
    )
    if not coordinators:
        errors["coordinators"] = _("Velg minst én koordinator.")
    elif not set(coordinators) <= allowed_coordinators:
        errors["coordinators"] = _(
            "Velg bare programkoordinatorer fra programmets organisasjon eller samarbeidspartnere."
        )
    if not set(teachers) <= allowed_teachers:
        errors["teachers"] = _(
            "Velg bare undervisere fra programmets organisasjon eller samarbeidspartnere."
        )
    return errors


@transaction.atomic
def cohort_create(
    *,
    by: Any,
    version: ProgrammeVersion,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    capacity: int,
    place: str = "",
    coordinators: Iterable[Any] | None = None,
    teachers: Iterable[Any] = (),
    applications_open: bool = False,
    application_deadline: dt.date | None = None,
) -> Cohort:
    """A new cohort on `version`. The creator is its coordinator unless others are named."""
    coordinator_ids = _ids(coordinators) if coordinators is not None else [by.pk]
    teacher_ids = _ids(teachers)
    cohort = Cohort(
        version=version,
        name=name,
        start_date=start_date,
        end_date=end_date,
        capacity=capacity,
        place=(place or "").strip(),
        applications_open=applications_open,
        application_deadline=application_deadline,
    )
    errors = _cohort_errors(cohort, by=by, coordinators=coordinator_ids, teachers=teacher_ids)
    if errors:
        raise ValidationError(errors)
    cohort.full_clean()
    cohort.save()
    cohort.coordinators.set(coordinator_ids)
    cohort.teachers.set(teacher_ids)
    audit_record(
        by=by,
        action="create",
        obj=cohort,
        changes={
            **diff({}, snapshot(cohort)),
            "coordinators": [None, coordinator_ids],
            "teachers": [None, teacher_ids],
        },
        organisation=cohort.version.programme.organisation,
    )
    return cohort


@transaction.atomic
def cohort_update(
    *,
    by: Any,
    cohort: Cohort,
    version: ProgrammeVersion,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    capacity: int,
    place: str,
    coordinators: Iterable[Any],
    teachers: Iterable[Any],
    applications_open: bool = False,
    application_deadline: dt.date | None = None,
    today: dt.date | None = None,
    edit_token: str | None = None,
) -> Cohort:
    """Change a cohort. Capacity may not drop below the places taken; a started cohort keeps
    its version; the dates must still cover its planned sessions. Refused when `edit_token`
    is from an older version of the cohort (core/concurrency.py)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check_unchanged(cohort, edit_token, COHORT_EDIT_FIELDS)
    today = today or timezone.localdate()
    before = snapshot(cohort)
    old_coordinators = _ids(cohort.coordinators.all())
    old_teachers = _ids(cohort.teachers.all())
    coordinator_ids, teacher_ids = _ids(coordinators), _ids(teachers)
    started = cohort.has_started(today)
    version_changed = version.pk != cohort.version_id

    cohort.version = version
    cohort.name = name
    cohort.start_date, cohort.end_date = start_date, end_date
    cohort.capacity = capacity
    cohort.place = (place or "").strip()
    cohort.applications_open = applications_open
    cohort.application_deadline = application_deadline
    errors = _cohort_errors(cohort, by=by, coordinators=coordinator_ids, teachers=teacher_ids)
    if version_changed and started and "version" not in errors:
        errors["version"] = _(
            "Kullet har startet, så programversjonen kan ikke byttes: reglene for et kull "
            "som er i gang endres ikke."
        )
    taken = places_taken(cohort)
    if "capacity" not in errors and capacity < taken:
        errors["capacity"] = _(
            "Kullet har allerede %(taken)s tatte plasser. Antall plasser kan ikke være lavere."
        ) % {"taken": taken}
    span = cohort.sessions.filter(status=SessionStatus.PLANNED).aggregate(
        first=models.Min("date"), last=models.Max("date")
    )
    outside = _(
        "Kullet har planlagte økter fra %(first)s til %(last)s. Flytt eller avlys dem først."
    )
    if span["first"] is not None:
        dates = {"first": f"{format_day(span['first'])}", "last": f"{format_day(span['last'])}"}
        if start_date and span["first"] < start_date and "start_date" not in errors:
            errors["start_date"] = outside % dates
        if end_date and span["last"] > end_date and "end_date" not in errors:
            errors["end_date"] = outside % dates
    if errors:
        raise ValidationError(errors)
    cohort.full_clean()

    changed = diff(before, snapshot(cohort))
    if changed:
        cohort.save(update_fields=list(changed))
    if coordinator_ids != old_coordinators:
        cohort.coordinators.set(coordinator_ids)
        changed["coordinators"] = [old_coordinators, coordinator_ids]
    if teacher_ids != old_teachers:
        cohort.teachers.set(teacher_ids)
        changed["teachers"] = [old_teachers, teacher_ids]
    if changed:
        audit_record(
            by=by,
            action="update",
            obj=cohort,
            changes=changed,
            organisation=version.programme.organisation,
        )
    return cohort
