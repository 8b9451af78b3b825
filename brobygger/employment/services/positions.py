"""Writes for positions and their funding periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import Position, PositionFunding
from brobygger.employment.services._common import (
    check_dates,
    check_funding,
    errors_of,
    raise_if,
)
from brobygger.organisations.models import Organisation, OrganisationKind

POSITION_FIELDS = (
    "title",
    "service_unit",
    "percent",
    "kind",
    "start_date",
    "end_date",
    "description",
    "is_open",
)


def position_edit_extra(position: Position) -> dict[str, Any]:
    """What the edit page shows besides POSITION_FIELDS: the funding periods (ADR 0014)."""
    rows = position.funding.order_by("valid_from", "pk")
    return {
        "funding": [[r.source, r.share_percent, str(r.valid_from), str(r.valid_to)] for r in rows]
    }


def _validate(position: Position, funding: Sequence[FundingRow]) -> None:
    errors: dict[str, Any] = {}
    if position.employer_id and position.employer.kind != OrganisationKind.EMPLOYER:
        errors["employer"] = _("Stillinger kan bare registreres for arbeidsgivere.")
    check_dates(position.start_date, position.end_date, errors)
    if not 1 <= position.percent <= 100:
        errors["percent"] = _("Stillingsprosenten må være mellom 1 og 100.")
    check_funding(funding, errors, start=position.start_date, end=position.end_date)
    try:
        # Constraints repeat the date and percent rules, with the clearer messages above.
        position.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**errors_of(exc), **errors}
    raise_if(errors)


def _write_funding(*, by: Any, position: Position, funding: Sequence[FundingRow]) -> None:
    for row in funding:
        period = PositionFunding(
            position=position,
            source=row.source,
            share_percent=row.share_percent,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
        )
        period.full_clean(validate_constraints=False)
        period.save()
        audit_create(by=by, obj=period, organisation=position.employer)


@transaction.atomic
def position_create(
    *,
    by: Any,
    employer: Organisation,
    title: str,
    service_unit: str,
    percent: int,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    description: str = "",
    is_open: bool = True,
    funding: Sequence[FundingRow] = (),
) -> Position:
    """A new position. An empty description is allowed (the form nudges for one)."""
    position = Position(
        employer=employer,
        title=title,
        service_unit=service_unit,
        percent=percent,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        description=description,
        is_open=is_open,
        created_by=by if getattr(by, "pk", None) else None,
    )
    _validate(position, funding)
    position.save()
    audit_create(by=by, obj=position, organisation=employer)
    _write_funding(by=by, position=position, funding=funding)
    return position


@transaction.atomic
def position_update(
    *,
    by: Any,
    position: Position,
    funding: Sequence[FundingRow],
    edit_token: str | None = None,
    **fields: Any,
) -> Position:
    """Change the position's fields and replace its funding periods as a whole. Refused when
    `edit_token` is from an older version of the position (core/concurrency.py)."""
    position = (
        Position.objects.select_for_update(of=("self",))
        .select_related("employer")
        .get(pk=position.pk)
    )
    check_unchanged(
        position,
        edit_token,
        POSITION_FIELDS,
        extra=position_edit_extra(position),
        labels={"funding": _("Finansiering")},
    )
    before = snapshot(position, POSITION_FIELDS)
    for name in POSITION_FIELDS:
        if name in fields:
            setattr(position, name, fields[name])
    _validate(position, funding)
    changes = diff(before, snapshot(position, POSITION_FIELDS))
    if changes:
        position.save(update_fields=list(changes))
        audit_record(
            by=by, action="update", obj=position, changes=changes, organisation=position.employer
        )
    old = list(position.funding.all())
    new_rows = [FundingRow(r.source, r.share_percent, r.valid_from, r.valid_to) for r in old]
    if new_rows != list(funding):
        for period in old:
            audit_record(
                by=by,
                action="delete",
                obj=period,
                changes={k: [v, None] for k, v in snapshot(period).items()},
                organisation=position.employer,
            )
            period.delete()
        _write_funding(by=by, position=position, funding=funding)
    return position
