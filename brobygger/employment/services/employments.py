"""Writes for employment records: create (from a hire or registered by staff), edit, and add
dated percent and funding periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.formatting import format_day
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
    EmploymentSource,
    HiringCase,
    Position,
)
from brobygger.employment.services._common import (
    check_dates,
    check_funding,
    errors_of,
    raise_if,
)
from brobygger.enrolments.models import Participant
from brobygger.organisations.models import Organisation

# The benefit is not edited here any more: it is kept as dated periods (services/benefits.py).
EDITABLE = ("job_title", "kind", "end_date")


def _check_percent(percent: int, errors: dict[str, Any], key: str = "percent") -> None:
    if not 1 <= percent <= 100:
        errors[key] = _("Stillingsprosenten må være mellom 1 og 100.")


def _check_benefit(employment: Employment, errors: dict[str, Any]) -> None:
    if employment.benefit == Benefit.OTHER and not employment.benefit_other.strip():
        errors["benefit_other"] = _("Skriv hvilken ytelse det gjelder.")
    if employment.benefit != Benefit.OTHER:
        employment.benefit_other = ""


def _rows(employment: Employment) -> list[FundingRow]:
    return [
        FundingRow(p.source, p.share_percent, p.valid_from, p.valid_to)
        for p in EmploymentFunding.objects.filter(employment=employment)
    ]


@transaction.atomic
def employment_create(
    *,
    by: Any,
    participant: Participant,
    employer: Organisation,
    source: str,
    job_title: str,
    kind: str,
    start_date: dt.date,
    percent: int,
    end_date: dt.date | None = None,
    funding: Sequence[FundingRow] = (),
    benefit: str = Benefit.UNKNOWN,
    benefit_other: str = "",
    position: Position | None = None,
    hiring_case: HiringCase | None = None,
) -> Employment:
    """The record of a job held, its first percent period (from the start date) and funding."""
    employment = Employment(
        participant=participant,
        employer=employer,
        position=position,
        hiring_case=hiring_case,
        source=source,
        job_title=job_title,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        benefit=benefit,
        benefit_other=benefit_other,
        created_by=by if getattr(by, "pk", None) else None,
    )
    errors: dict[str, Any] = {}
    check_dates(start_date, end_date, errors)
    _check_percent(percent, errors)
    _check_benefit(employment, errors)
    check_funding(funding, errors, start=start_date, end=end_date)
    try:
        employment.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**errors_of(exc), **errors}
    raise_if(errors)
    employment.save()
    audit_create(by=by, obj=employment, organisation=employer)
    first = EmploymentPercent.objects.create(
        employment=employment, percent=percent, valid_from=start_date
    )
    audit_create(by=by, obj=first, organisation=employer)
    if employment.benefit != Benefit.UNKNOWN:
        # The benefit at the start, as the first dated period (grade unknown until recorded).
        benefit_period = EmploymentBenefit.objects.create(
            employment=employment,
            kind=employment.benefit,
            valid_from=start_date,
            other_text=employment.benefit_other,
            created_by=employment.created_by,
        )
        audit_create(by=by, obj=benefit_period, organisation=employer)
    for row in funding:
        period = EmploymentFunding.objects.create(
            employment=employment,
            source=row.source,
            share_percent=row.share_percent,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        audit_create(by=by, obj=period, organisation=employer)
    return employment


@transaction.atomic
def employment_update(
    *, by: Any, employment: Employment, edit_token: str | None = None, **fields: Any
) -> Employment:
    """Change title, kind or end date. The start date is fixed once recorded.
    Refused when `edit_token` is from an older version of the record (core/concurrency.py)."""
    employment = Employment.objects.select_for_update().get(pk=employment.pk)
    check_unchanged(employment, edit_token, EDITABLE)
    before = snapshot(employment, EDITABLE)
    for name in EDITABLE:
        if name in fields:
            setattr(employment, name, fields[name])
    errors: dict[str, Any] = {}
    check_dates(employment.start_date, employment.end_date, errors)
    if employment.end_date is not None and "end_date" not in errors:
        later = EmploymentPercent.objects.filter(
            employment=employment, valid_from__gt=employment.end_date
        ).exists()
        if later:
            errors["end_date"] = _("Det finnes en stillingsprosent som starter etter sluttdatoen.")
        elif EmploymentBenefit.objects.filter(
            employment=employment, valid_from__gt=employment.end_date
        ).exists():
            errors["end_date"] = _("Det finnes en ytelsesperiode som starter etter sluttdatoen.")
    try:
        employment.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**errors_of(exc), **errors}
    raise_if(errors)
    changes = diff(before, snapshot(employment, EDITABLE))
    if changes:
        employment.save(update_fields=list(changes))
        audit_record(
            by=by,
            action="update",
            obj=employment,
            changes=changes,
            organisation=employment.employer,
        )
    return employment


@transaction.atomic
def employment_percent_add(
    *, by: Any, employment: Employment, percent: int, valid_from: dt.date
) -> EmploymentPercent:
    """A new position percent from `valid_from` (inside the employment's dates)."""
    Employment.objects.select_for_update().filter(pk=employment.pk).first()
    errors: dict[str, Any] = {}
    _check_percent(percent, errors)
    if valid_from < employment.start_date or (
        employment.end_date is not None and valid_from > employment.end_date
    ):
        errors["valid_from"] = _("Datoen må ligge i arbeidsforholdet (fra %(start)s).") % {
            "start": format_day(employment.start_date)
        }
    elif EmploymentPercent.objects.filter(employment=employment, valid_from=valid_from).exists():
        errors["valid_from"] = _("Det finnes allerede en stillingsprosent fra denne datoen.")
    raise_if(errors)
    row = EmploymentPercent.objects.create(
        employment=employment, percent=percent, valid_from=valid_from
    )
    audit_create(by=by, obj=row, organisation=employment.employer)
    return row


@transaction.atomic
def employment_funding_add(
    *,
    by: Any,
    employment: Employment,
    source: str,
    share_percent: int,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> EmploymentFunding:
    """One more funding period; refused if any day would be funded over 100 %."""
    Employment.objects.select_for_update().filter(pk=employment.pk).first()
    new = FundingRow(source, share_percent, valid_from, valid_to)
    errors: dict[str, Any] = {}
    check_funding(
        [*_rows(employment), new], errors, start=employment.start_date, end=employment.end_date
    )
    raise_if(errors)
    period = EmploymentFunding(employment=employment, **new.__dict__)
    period.full_clean(validate_constraints=False)
    period.save()
    audit_create(by=by, obj=period, organisation=employment.employer)
    return period


@transaction.atomic
def employment_register_outside(
    *,
    by: Any,
    participant: Participant,
    employer: Organisation | None,
    new_employer: dict[str, Any] | None = None,
    **fields: Any,
) -> Employment:
    """A job the participant found outside Brobygger, registered by a coordinator or
    caseworker; the employer is picked from the list or registered here (orgnr checked)."""
    from brobygger.employment.services.orgs import employer_org_create

    if employer is None:
        if not new_employer:
            raise ValidationError({"employer": _("Velg arbeidsgiver, eller registrer en ny.")})
        try:
            employer = employer_org_create(by=by, **new_employer)
        except ValidationError as exc:
            renamed = {"name": "employer_name", "orgnr": "employer_orgnr"}
            raise ValidationError(errors_of(exc, renamed)) from exc
    return employment_create(
        by=by,
        participant=participant,
        employer=employer,
        source=EmploymentSource.OUTSIDE,
        **fields,
    )
