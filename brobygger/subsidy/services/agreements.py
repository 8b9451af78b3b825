"""Create and edit agreements (drafts only) and move them through the status table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accounts.models import Membership, Role
from brobygger.core.access import user_roles
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.formatting import format_day
from brobygger.core.months import add_months
from brobygger.core.status_history import (
    before_last_change,
    status_change,
    status_date_errors,
    status_history_start,
)
from brobygger.enrolments.models import Participant
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.subsidy.models import (
    HUNDRED,
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
)
from brobygger.subsidy.rates import max_months_at, month_rates
from brobygger.subsidy.services.common import (
    describe,
    errors_from,
    format_month,
    rates_for,
)
from brobygger.subsidy.transitions import EDITABLE, TABLE, WHO

TERMS = [
    "participant_id",
    "employer_id",
    "nav_office_id",
    "employment_id",
    "subsidy_type",
    "reduced_capacity",
    "start_date",
    "months",
    "monthly_wage_ore",
    "holiday_pay_rate",
    "pension_rate",
    "employer_tax_rate",
]
# The terms by model field name: what the edit page shows (ADR 0014).
EDIT_FIELDS = [name.removesuffix("_id") for name in TERMS]
RATE_FIELDS = ("holiday_pay_rate", "pension_rate", "employer_tax_rate")


def _check_terms(agreement: Agreement) -> dict[str, Any]:
    """The rules across fields and against the rates table, keyed by form field."""
    errors: dict[str, Any] = {}
    start, months = agreement.start_date, agreement.months
    if not dt.date(2000, 1, 1) <= start <= dt.date(2100, 12, 1):
        errors["start_date"] = _("Velg en dato mellom år 2000 og 2100.")
    elif start.day != 1:
        errors["start_date"] = _("Avtalen må starte den 1. i en måned (hele måneder).")
    if months is None or months < 1:
        errors["months"] = _("Varigheten må være minst én måned.")
    if agreement.monthly_wage_ore < 0:
        errors["monthly_wage_ore"] = _("Månedslønnen kan ikke være negativ.")
    for name in RATE_FIELDS:
        value = getattr(agreement, name)
        if value is None or not Decimal(0) <= value <= HUNDRED:
            errors[name] = _("Satsen må være mellom 0 og 100 %.")
    if agreement.nav_office.kind != OrganisationKind.NAV_OFFICE:
        errors["nav_office"] = _("Velg et NAV-kontor.")
    employment = agreement.employment
    if employment is not None and (
        employment.participant_id != agreement.participant_id
        or employment.employer_id != agreement.employer_id
    ):
        errors["employment"] = _(
            "Arbeidsforholdet må gjelde samme deltaker og samme arbeidsgiver som avtalen."
        )
    if errors:
        return errors

    rates = rates_for(agreement.subsidy_type, agreement.reduced_capacity)
    kind = describe(agreement.subsidy_type, agreement.reduced_capacity)
    plan = month_rates(rates, start=start, months=months)
    if plan[0].rate is None:
        errors["subsidy_type"] = _("Satstabellen har ingen sats for %(kind)s fra %(date)s.") % {
            "kind": kind.lower(),
            "date": format_day(start),
        }
        return errors
    limit = max_months_at(rates, on=start)
    if limit is not None and months > limit:
        errors["months"] = _("%(kind)s kan gis i høyst %(max)s måneder.") % {
            "kind": kind,
            "max": limit,
        }
    missing = [row.month for row in plan if row.rate is None]
    if missing:
        errors[NON_FIELD_ERRORS] = _(
            "Satstabellen mangler sats for %(kind)s fra %(month)s. Be en administrator legge "
            "den inn."
        ) % {"kind": kind.lower(), "month": format_month(missing[0])}
    return errors


def _validate(agreement: Agreement) -> None:
    errors = _check_terms(agreement)
    if not errors:
        try:
            agreement.full_clean(exclude=["created_by", "approved_by"])
        except ValidationError as exc:
            errors = errors_from(exc)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agreement_create(
    *,
    by: Any,
    participant: Participant,
    employer: Organisation,
    nav_office: Organisation,
    subsidy_type: str,
    reduced_capacity: bool,
    start_date: dt.date,
    months: int,
    monthly_wage_ore: int,
    holiday_pay_rate: Decimal,
    pension_rate: Decimal,
    employer_tax_rate: Decimal,
    employment: Any = None,
    drafted_on: dt.date | None = None,
    late_reason: str = "",
) -> Agreement:
    """A draft agreement, with its first history row: draft from `drafted_on` (today by
    default). An earlier day registers history late (an agreement that began before the
    service was taken into use) and needs `late_reason`; a day in the future is refused
    (core.status_history.status_date_errors, the one rule for typed status dates)."""
    today = timezone.localdate()
    drafted_on = drafted_on or today
    date_errors = status_date_errors(on=drafted_on, today=today, late_reason=late_reason)
    if date_errors:
        raise ValidationError(
            {"drafted_on" if key == "on" else key: msg for key, msg in date_errors.items()},
            code="date",
        )
    agreement = Agreement(
        participant=participant,
        employer=employer,
        nav_office=nav_office,
        employment=employment,
        subsidy_type=subsidy_type,
        reduced_capacity=reduced_capacity,
        start_date=start_date,
        months=months,
        monthly_wage_ore=monthly_wage_ore,
        holiday_pay_rate=holiday_pay_rate,
        pension_rate=pension_rate,
        employer_tax_rate=employer_tax_rate,
        status=AgreementStatus.DRAFT,
        created_by=by,
    )
    _validate(agreement)
    agreement.save()
    audit_create(by=by, obj=agreement, organisation=nav_office)
    status_history_start(
        by=by,
        row=AgreementStatusChange(
            agreement=agreement,
            status=AgreementStatus.DRAFT,
            valid_from=drafted_on,
            late_reason=late_reason.strip() if drafted_on < today else "",
            created_by=by,
        ),
        organisation=nav_office,
        audit_rows=True,
    )
    return agreement


@transaction.atomic
def agreement_update(
    *, by: Any, agreement: Agreement, edit_token: str | None = None, **terms: Any
) -> Agreement:
    """Change the terms of a draft. Approved agreements are never edited. Refused when
    `edit_token` is from an older version of the draft (core/concurrency.py, ADR 0014)."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status not in EDITABLE:
        message = _("Bare utkast kan endres. Avtalen er «%(status)s».") % {
            "status": locked.get_status_display()
        }
        raise ValidationError({NON_FIELD_ERRORS: message}, code="not_draft")
    check_unchanged(locked, edit_token, EDIT_FIELDS, labels={"monthly_wage_ore": _("Månedslønn")})
    unknown = set(terms) - {name.removesuffix("_id") for name in TERMS}
    if unknown:
        raise TypeError(f"unknown terms: {sorted(unknown)}")
    before = snapshot(locked, TERMS)
    for name, value in terms.items():
        setattr(locked, name, value)
    _validate(locked)
    changes = diff(before, snapshot(locked, TERMS))
    if changes:
        locked.save(update_fields=[name.removesuffix("_id") for name in changes])
        audit_record(
            by=by, action="update", obj=locked, changes=changes, organisation=locked.nav_office
        )
    return locked


def _may_move_to(by: Any, agreement: Agreement, to: str) -> str | None:
    """Why `by` may not move the agreement to `to`, or None."""
    if not user_roles(by) & WHO.get(to, frozenset()):
        if to == AgreementStatus.APPROVED:
            return _("Bare en NAV-veileder kan godkjenne avtalen.")
        return _("Du har ikke en rolle som kan gjøre denne endringen.")
    if to == AgreementStatus.APPROVED and not Membership.objects.active().filter(
        user=by, organisation_id=agreement.nav_office_id, role=Role.CASEWORKER
    ):
        return _("Bare en NAV-veileder ved %(office)s kan godkjenne avtalen.") % {
            "office": agreement.nav_office.name
        }
    if to == AgreementStatus.APPROVED and approval_blocked_for(by=by, agreement=agreement):
        return _(
            "%(office)s krever godkjenning av en annen person: den som laget utkastet kan ikke "
            "godkjenne avtalen. Be en annen NAV-veileder ved kontoret godkjenne den."
        ) % {"office": agreement.nav_office.name}
    return None


def approval_blocked_for(*, by: Any, agreement: Agreement) -> bool:
    """Whether four-eyes approval keeps `by` (who drafted it) from approving `agreement`.
    For the page, which then does not offer «Godkjent»; the service refuses on its own."""
    return bool(
        agreement.nav_office.four_eyes_approval
        and agreement.created_by_id is not None
        and agreement.created_by_id == getattr(by, "pk", None)
    )


def _check_date(
    agreement: Agreement, to: str, on: dt.date, *, today: dt.date, late_reason: str
) -> dict[str, str]:
    """The date rules of a status change, keyed by form field. Never before the previous
    change. Never in the future and, before today, only with a written reason (the one rule
    for typed status dates, core.status_history.status_date_errors) — except ending,
    whose date is the first month without subsidy, which is often still ahead."""
    too_early = before_last_change(agreement.history.all(), on)
    if too_early:
        return {"on": too_early}
    if to == AgreementStatus.ENDED:
        # The first month without subsidy: may be ahead, and this month's first is not late.
        errors = status_date_errors(on=on, today=today.replace(day=1), late_reason=late_reason)
        errors.pop("on", None)
    else:
        errors = status_date_errors(on=on, today=today, late_reason=late_reason)
    if errors:
        return errors
    if to == AgreementStatus.ENDED:
        after_end = add_months(agreement.start_date, agreement.months)
        if on.day != 1 or not agreement.start_date < on <= after_end:
            return {
                "on": _(
                    "Velg den første måneden uten tilskudd: den 1. i en måned etter start, "
                    "senest %(date)s."
                )
                % {"date": format_day(after_end)}
            }
    return {}


@transaction.atomic
def agreement_transition(
    *,
    by: Any,
    agreement: Agreement,
    to: str,
    on: dt.date | None = None,
    note: str = "",
    late_reason: str = "",
) -> Agreement:
    """Move the agreement to `to` from `on` (today by default), checking the table and who
    may do it. Closes the open history row and opens a new one; never rewrites history.

    Approving records who approved and when. Ending takes the first month without subsidy
    (the first of a month); refunds can then be claimed only for months before it."""
    locked = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("nav_office")
        .get(pk=agreement.pk)
    )
    today = timezone.localdate()
    on = on or today
    TABLE.check(locked.status, to, field=NON_FIELD_ERRORS)
    refusal = _may_move_to(by, locked, to)
    if refusal:
        raise ValidationError({NON_FIELD_ERRORS: refusal}, code="not_allowed_for_role")
    date_errors = _check_date(locked, to, on, today=today, late_reason=late_reason)
    if date_errors:
        raise ValidationError(date_errors, code="date")

    also: dict[str, Any] = {}
    if to == AgreementStatus.APPROVED:
        also.update(approved_by=by, approved_on=on)
    if to == AgreementStatus.ENDED:
        also["ended_on"] = on
    status_change(
        by=by,
        obj=locked,
        row=AgreementStatusChange(
            status=to,
            valid_from=on,
            note=note.strip(),
            late_reason=late_reason.strip() if on < today else "",
            created_by=by,
        ),
        table=TABLE,
        organisation=locked.nav_office,
        audit_rows=True,
        also=also,
    )
    return locked
