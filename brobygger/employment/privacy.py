"""The employment app's part of the privacy features (brobygger/privacy/registry.py): personal
fields kept out of the audit trail, the "Arbeid" section of "Mine data", and anonymisation.

Personal (cleared on anonymisation, never in the audit trail): the profile's own words
(headline, about, work_wanted) and area, the hiring case's message, the notes on hiring steps,
and the free-text "other benefit" (on the record and on benefit periods). Kept for statistics:
every row, statuses, origins, dates, job titles and kinds, percents, funding, the benefit code,
the benefit periods (kind, grade, dates), the wanted percent and municipality.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.core.appendonly import register_personal_fields
from brobygger.employment.models import (
    CandidateProfile,
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
    HiringCase,
    HiringStatusChange,
)
from brobygger.privacy.registry import (
    BOOL,
    DATE,
    DATETIME,
    NUMBER,
    AnonymisationTarget,
    AnonymiseResult,
    Field,
    Table,
    choice,
    register_anonymiser,
    register_export_section,
    table,
)
from brobygger.privacy.retention.base import PLACEHOLDER, clear_fields

PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "employment.candidateprofile": ("headline", "about", "work_wanted", "area"),
    "employment.hiringcase": ("message",),
    "employment.hiringstatuschange": ("note",),
    "employment.employment": ("benefit_other",),
    "employment.employmentbenefit": ("other_text",),
}
ORDER = 80  # after completion (60) and consents (70)


def _profile_table(participant: Any) -> Table:
    profiles = CandidateProfile.objects.filter(participant=participant).select_related(
        "municipality"
    )
    fields = [
        Field("headline", _("Overskrift")),
        Field("about", _("Om meg")),
        Field("work_wanted", _("Arbeid jeg ønsker")),
        Field("percent_wanted", _("Ønsket stillingsprosent"), NUMBER),
        Field("municipality", _("Ønsket kommune"), source="municipality.name"),
        Field("area", _("Område/bydel")),
        Field("show_completion_year", _("Viser året jeg fullførte"), BOOL),
        Field("show_email", _("Viser e-postadressen"), BOOL),
        Field("published", _("Publisert"), BOOL),
        Field("published_at", _("Publisert første gang"), DATETIME),
        Field("updated_at", _("Sist endret"), DATETIME),
    ]
    return table("candidate_profile", _("Kandidatprofil"), profiles, fields)


def _hiring_tables(participant: Any) -> list[Table]:
    cases = (
        HiringCase.objects.filter(participant=participant)
        .select_related("position__employer")
        .order_by("created_at", "pk")
    )
    history = HiringStatusChange.objects.filter(case__participant=participant).order_by(
        "case_id", "valid_from", "pk"
    )
    status = choice("status", _("Statuskode"), _("Status"))
    return [
        table(
            "hiring_cases",
            _("Ansettelsessaker"),
            cases,
            [
                Field("id", _("Nr."), NUMBER),
                Field("position", _("Stilling"), source="position.title"),
                Field("employer", _("Arbeidsgiver"), source="position.employer.name"),
                *choice("origin", _("Opphavskode"), _("Opphav")),
                *status,
                Field("message", _("Melding")),
                Field("created_at", _("Opprettet"), DATETIME),
            ],
        ),
        table(
            "hiring_history",
            _("Historikk for ansettelsessaker"),
            history,
            [
                Field("case_id", _("Sak nr."), NUMBER),
                *status,
                Field("valid_from", _("Fra"), DATE),
                Field("valid_to", _("Til"), DATE),
                Field("note", _("Merknad")),
            ],
        ),
    ]


def _employment_tables(participant: Any) -> list[Table]:
    # The benefit is shown: it is the person's own data (only employers never see it).
    employments = (
        Employment.objects.filter(participant=participant)
        .select_related("employer")
        .order_by("start_date", "pk")
    )
    mine = {"employment__participant": participant}
    percents = EmploymentPercent.objects.filter(**mine).order_by("employment_id", "valid_from")
    funding = EmploymentFunding.objects.filter(**mine).order_by("employment_id", "valid_from", "pk")
    benefits = EmploymentBenefit.objects.filter(**mine).order_by(
        "employment_id", "valid_from", "pk"
    )
    employment_nr = Field("employment_id", _("Arbeidsforhold nr."), NUMBER)
    period = [Field("valid_from", _("Fra"), DATE), Field("valid_to", _("Til"), DATE)]
    return [
        table(
            "employments",
            _("Arbeidsforhold"),
            employments,
            [
                Field("id", _("Nr."), NUMBER),
                Field("employer", _("Arbeidsgiver"), source="employer.name"),
                Field("job_title", _("Stillingstittel")),
                *choice("kind", _("Typekode"), _("Type ansettelse")),
                *choice("source", _("Registreringskode"), _("Registrert via")),
                Field("hiring_case_id", _("Ansettelsessak nr."), NUMBER),
                Field("start_date", _("Fra"), DATE),
                Field("end_date", _("Til"), DATE),
                *choice("benefit", _("Ytelseskode"), _("Ytelse i kombinasjon med lønn")),
                Field("benefit_other", _("Annen ytelse")),
            ],
        ),
        table(
            "employment_percents",
            _("Stillingsprosent"),
            percents,
            [employment_nr, Field("percent", _("Prosent"), NUMBER), period[0]],
        ),
        table(
            "employment_funding",
            _("Finansiering av stillingen"),
            funding,
            [
                employment_nr,
                *choice("source", _("Finansieringskode"), _("Finansiering")),
                Field("share_percent", _("Andel (prosent)"), NUMBER),
                *period,
            ],
        ),
        table(
            "employment_benefits",
            _("Ytelse i kombinasjon med lønn, perioder"),
            benefits,
            [
                employment_nr,
                *choice("kind", _("Ytelseskode"), _("Ytelse")),
                Field("grade_percent", _("Gradering (prosent)"), NUMBER),
                *period,
                Field("other_text", _("Annen ytelse")),
            ],
        ),
    ]


def employment_section(participant: Any) -> list[Table]:
    """Seven queries, whatever the number of rows."""
    return [
        _profile_table(participant),
        *_hiring_tables(participant),
        *_employment_tables(participant),
    ]


def employment_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    """Cases and jobs are audited under their employer, as the employment services do; the
    profile (which belongs to no organisation) under the person's programme organisation."""
    person = target.participant
    # The required texts get the placeholder; unpublishing hides the profile even if a new
    # consent were given later.
    result = clear_fields(
        CandidateProfile.objects.filter(participant=person),
        {
            "headline": PLACEHOLDER,
            "about": PLACEHOLDER,
            "work_wanted": PLACEHOLDER,
            "area": "",
            "published": False,
        },
        by=target.by,
        organisation=target.organisation,
    )
    result += clear_fields(
        HiringCase.objects.filter(participant=person).select_related("position__employer"),
        {"message": ""},
        by=target.by,
        organisation_of=lambda row: row.position.employer,
    )
    result += clear_fields(
        HiringStatusChange.objects.filter(case__participant=person).select_related(
            "case__position__employer"
        ),
        {"note": ""},
        by=target.by,
        organisation_of=lambda row: row.case.position.employer,
    )
    result += clear_fields(
        Employment.objects.filter(participant=person).select_related("employer"),
        {"benefit_other": ""},
        by=target.by,
        organisation_of=lambda row: row.employer,
    )
    result += clear_fields(
        EmploymentBenefit.objects.filter(employment__participant=person).select_related(
            "employment__employer"
        ),
        {"other_text": ""},
        by=target.by,
        organisation_of=lambda row: row.employment.employer,
    )
    return result


def register() -> None:
    for label, fields in PERSONAL_FIELDS.items():
        register_personal_fields(label, *fields)
    register_export_section("employment", _("Arbeid"), employment_section, order=ORDER)
    register_anonymiser("employment", employment_anonymise, order=ORDER)
