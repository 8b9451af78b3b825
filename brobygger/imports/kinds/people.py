"""What the kinds after the participants share: one synthetic example national id for the
templates, and finding a person's enrolment in a cohort of the programme (which is also what
keeps an import from reaching people outside it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from brobygger.enrolments.models import Enrolment
from brobygger.imports.kinds.base import Context
from brobygger.imports.kinds.cohorts import COHORT, find_cohort
from brobygger.imports.kinds.participants import FNR, national_id
from brobygger.imports.reading import CellError, as_text


def find_enrolment(ctx: Context, row: dict[str, Any]) -> Enrolment:
    """The row's person in the row's cohort, or CellError naming the column."""
    fnr = national_id(row)
    cohort = find_cohort(ctx, as_text(row, COHORT, required=True))
    enrolment = (
        Enrolment.objects.filter(cohort=cohort, participant__national_id=fnr)
        .select_related("participant", "cohort__version__programme__organisation")
        .first()
    )
    if enrolment is None:
        raise CellError(FNR, _("personen har ingen søknad til kullet (importer deltakerne først)"))
    return enrolment


def person_key(row: dict[str, Any]) -> tuple[str, str]:
    """(national id, cohort name) normalised; CellError when the id is broken."""
    return national_id(row), as_text(row, COHORT).lower()
