"""Employments after the programme (`ansettelser`): one row per job.

Natural key: fødselsnummer, the employer's orgnr and the start date (a person may hold several
jobs, even two at one employer, but not two starting the same day). Written through
employment.services: an employer not yet in Brobygger is registered by
`employment_register_outside` (orgnr checked there too); title, kind and end date are changed
by `employment_update`; the percent and funding are dated periods, so a different value in a
later file is refused and left to the employment's page. Only someone who took part in the
cohort can have a job imported, and it cannot start before the cohort did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.no import orgnr as stdnum_orgnr

from brobygger.core.formatting import format_day
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Employment,
    EmploymentFunding,
    EmploymentPercent,
    EmploymentSource,
    FundingSource,
    JobKind,
)
from brobygger.employment.services import (
    employment_create,
    employment_funding_add,
    employment_register_outside,
    employment_update,
)
from brobygger.enrolments.models import Status
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult, choice_lookup
from brobygger.imports.kinds.cohorts import COHORT
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR, MUNICIPALITY, municipality_number
from brobygger.imports.kinds.people import find_enrolment, person_key
from brobygger.imports.reading import CellError, as_date, as_int, as_text
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind

ORGNR, EMPLOYER, TITLE, JOB_KIND = "organisasjonsnummer", "arbeidsgiver", "stillingstittel", "type"
START, END, PERCENT, FUNDING = "startdato", "sluttdato", "stillingsprosent", "finansiering"

# Statuses in which a person has taken part in the cohort, and so can have a job after it.
TOOK_PART = frozenset({Status.DELTAR, Status.PERMISJON, Status.FULLFORT, Status.AVBRUTT})
EXAMPLE_ORGNR = "123456785"  # valid check digit, not a real organisation


def job_kind(row: dict[str, Any], *, required: bool) -> str:
    text = as_text(row, JOB_KIND, required=required)
    if not text:
        return ""
    kind = choice_lookup(list(JobKind.choices)).get(text.lower())
    if kind is None:
        raise CellError(
            JOB_KIND, _("«%(value)s» er ikke en type ansettelse") % {"value": text[:40]}
        )
    return kind


def funding_source(row: dict[str, Any]) -> str:
    found = choice_lookup(list(FundingSource.choices))
    found["lønnstilskudd"] = FundingSource.NAV_WAGE_SUBSIDY
    found["mb-midler"] = FundingSource.MB_FUNDS
    text = as_text(row, FUNDING)
    if not text:
        return ""
    if text.lower() not in found:
        raise CellError(
            FUNDING, _("«%(value)s» er ikke en finansieringskilde") % {"value": text[:40]}
        )
    return found[text.lower()]


def orgnr_of(row: dict[str, Any]) -> str:
    raw = as_text(row, ORGNR, required=True)
    digits = "".join(ch for ch in raw if not ch.isspace())
    if not (digits.isdigit() and len(digits) == 9):
        raise CellError(ORGNR, _("må ha ni siffer"))
    if not stdnum_orgnr.is_valid(digits):
        raise CellError(ORGNR, _("har feil kontrollsiffer (ikke et gyldig organisasjonsnummer)"))
    return digits


def took_part(enrolment: Any) -> None:
    if enrolment.status not in TOOK_PART:
        raise CellError(
            FNR,
            _("personen har status «%(status)s» i kullet og har ikke deltatt")
            % {"status": enrolment.get_status_display()},
        )


@dataclass(frozen=True)
class Job:
    """One row's job, parsed."""

    orgnr: str
    title: str
    kind: str
    start: dt.date
    end: dt.date | None
    percent: int
    funding: list[FundingRow]


class EmploymentsKind(Kind):
    slug = "ansettelser"
    label = gettext_lazy("Ansettelser")
    description = gettext_lazy(
        "Én rad per arbeidsforhold etter programmet. Deltakerne må finnes. En arbeidsgiver som "
        "ikke finnes, registreres når navn og kommunenummer er fylt ut. Et arbeidsforhold med "
        "samme person, arbeidsgiver og startdato oppdateres."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullet personen gikk i."), "Kull 2024", True),
        Column(
            ORGNR,
            gettext_lazy("Arbeidsgiverens organisasjonsnummer, ni siffer."),
            EXAMPLE_ORGNR,
            True,
        ),
        Column(
            EMPLOYER,
            gettext_lazy("Arbeidsgiverens navn: trengs bare for en ny arbeidsgiver."),
            "Bergen kommune, Psykiatritjenesten",
        ),
        Column(
            MUNICIPALITY,
            gettext_lazy("Arbeidsgiverens kommune, fire siffer: bare for en ny arbeidsgiver."),
            "4601",
        ),
        Column(TITLE, gettext_lazy("Stillingstittel."), "Erfaringskonsulent", True),
        Column(JOB_KIND, gettext_lazy("Fast, Midlertidig eller Prosjektstilling."), "Fast", True),
        Column(START, gettext_lazy("Første arbeidsdag, dd.mm.åååå."), "01.09.2025", True),
        Column(END, gettext_lazy("Siste arbeidsdag. Tom: pågår."), ""),
        Column(PERCENT, gettext_lazy("Stillingsprosent ved start, 1–100."), "50", True),
        Column(
            FUNDING,
            gettext_lazy(
                "Ordinært budsjett, MB-midler, Prosjektmidler eller Lønnstilskudd: hele lønnen "
                "i hele perioden. Tom: ikke registrert."
            ),
            "MB-midler",
        ),
    )
    field_columns = {
        "employer_orgnr": ORGNR,
        "employer_name": EMPLOYER,
        "municipality": MUNICIPALITY,
        "job_title": TITLE,
        "kind": JOB_KIND,
        "start_date": START,
        "end_date": END,
        "percent": PERCENT,
        "funding": FUNDING,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (person_key(row)[0], orgnr_of(row), as_date(row, START))
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        job = self._parse(row, enrolment)
        employer = self._employer(ctx, job.orgnr)
        existing = (
            Employment.objects.filter(
                participant=enrolment.participant, employer=employer, start_date=job.start
            ).first()
            if employer is not None
            else None
        )
        if existing is None:
            return self._create(ctx, row, enrolment.participant, employer, job)
        return self._compare(ctx, existing, job)

    # --- helpers ----------------------------------------------------------------------------

    def _employer(self, ctx: Context, number: str) -> Organisation | None:
        employer: Organisation | None = ctx.cached(
            f"orgnr:{number}",
            lambda: (
                Organisation.objects.filter(orgnr=number).select_related("municipality").first()
            ),
        )
        if employer is not None and employer.kind != OrganisationKind.EMPLOYER:
            raise CellError(
                ORGNR,
                _("«%(orgnr)s» er registrert i Brobygger, men ikke som arbeidsgiver")
                % {"orgnr": number},
            )
        return employer

    def _parse(self, row: dict[str, Any], enrolment: Any) -> Job:
        number = orgnr_of(row)
        title = as_text(row, TITLE, required=True, max_length=200)
        kind = job_kind(row, required=True)
        start = as_date(row, START, required=True)
        end = as_date(row, END)
        percent = as_int(row, PERCENT, required=True, low=1, high=100)
        source = funding_source(row)
        assert start is not None and percent is not None
        took_part(enrolment)
        cohort = enrolment.cohort
        if start < cohort.start_date:
            raise CellError(
                START,
                _("er før kullet startet (%(start)s)") % {"start": format_day(cohort.start_date)},
            )
        funding = [FundingRow(source, 100, start, end)] if source else []
        return Job(number, title, kind, start, end, percent, funding)

    def _create(
        self,
        ctx: Context,
        row: dict[str, Any],
        participant: Any,
        employer: Organisation | None,
        job: Job,
    ) -> RowResult:
        fields: dict[str, Any] = {
            "job_title": job.title,
            "kind": job.kind,
            "start_date": job.start,
            "end_date": job.end,
            "percent": job.percent,
            "funding": job.funding,
        }
        number = job.orgnr
        messages = [_("Nytt arbeidsforhold.")]
        if employer is not None:
            employment_create(
                by=ctx.by,
                participant=participant,
                employer=employer,
                source=EmploymentSource.OUTSIDE,
                **fields,
            )
            return RowResult(Outcome.CREATE, messages)
        name = as_text(row, EMPLOYER, max_length=200)
        municipality_no = municipality_number(row)
        if not name or not municipality_no:
            raise CellError(
                ORGNR,
                _(
                    "«%(orgnr)s» er ikke en arbeidsgiver i Brobygger: fyll ut «%(name)s» og "
                    "«%(municipality)s» for å registrere den"
                )
                % {"orgnr": number, "name": EMPLOYER, "municipality": MUNICIPALITY},
            )
        municipalities = ctx.cached("municipalities", lambda: Municipality.objects.in_bulk())
        municipality = municipalities.get(municipality_no)
        if municipality is None:
            raise CellError(
                MUNICIPALITY,
                _("«%(number)s» er ikke et kommunenummer (kommunene fra 2024)")
                % {"number": municipality_no[:10]},
            )
        employment = employment_register_outside(
            by=ctx.by,
            participant=participant,
            employer=None,
            new_employer={"name": name, "orgnr": number, "municipality": municipality},
            **fields,
        )
        ctx.cache[f"orgnr:{number}"] = employment.employer
        messages.append(_("Ny arbeidsgiver."))
        return RowResult(Outcome.CREATE, messages)

    def _compare(self, ctx: Context, existing: Employment, job: Job) -> RowResult:
        title, kind, end, percent, funding = job.title, job.kind, job.end, job.percent, job.funding
        first = (
            EmploymentPercent.objects.filter(employment=existing)
            .order_by("valid_from")
            .values_list("percent", flat=True)
            .first()
        )
        if first != percent:
            raise CellError(
                PERCENT,
                _(
                    "arbeidsforholdet finnes med %(old)s %% ved start; en endret "
                    "stillingsprosent registreres med dato på arbeidsforholdet"
                )
                % {"old": first},
            )
        # The file names one source for the whole job: compare the sources, not the dates
        # (a later end date does not make the funding different).
        had = list(
            EmploymentFunding.objects.filter(employment=existing).values_list("source", flat=True)
        )
        wanted = [row.source for row in funding]
        add_funding = bool(wanted) and not had
        if wanted and had and had != wanted:
            raise CellError(
                FUNDING,
                _("arbeidsforholdet har en annen finansiering; den endres på arbeidsforholdet"),
            )
        same = (existing.job_title, existing.kind, existing.end_date) == (title, kind, end)
        if same and not add_funding:
            return RowResult(Outcome.UNCHANGED, [_("Arbeidsforholdet finnes fra før, uendret.")])
        if not same:
            existing = employment_update(
                by=ctx.by, employment=existing, job_title=title, kind=kind, end_date=end
            )
        if add_funding:
            row = funding[0]
            employment_funding_add(
                by=ctx.by,
                employment=existing,
                source=row.source,
                share_percent=row.share_percent,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
            )
        return RowResult(Outcome.CHANGE, [_("Arbeidsforholdet finnes og oppdateres.")])
