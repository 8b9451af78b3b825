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
    CODE,
    DATE,
    DATETIME,
    NUMBER,
    AnonymisationTarget,
    AnonymiseResult,
    Column,
    Table,
    register_anonymiser,
    register_export_section,
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
    rows = [
        {
            "headline": p.headline,
            "about": p.about,
            "work_wanted": p.work_wanted,
            "percent_wanted": p.percent_wanted,
            "municipality": p.municipality.name if p.municipality else "",
            "area": p.area,
            "show_completion_year": p.show_completion_year,
            "show_email": p.show_email,
            "published": p.published,
            "published_at": p.published_at,
            "updated_at": p.updated_at,
        }
        for p in CandidateProfile.objects.filter(participant=participant).select_related(
            "municipality"
        )
    ]
    columns = [
        Column("headline", _("Overskrift")),
        Column("about", _("Om meg")),
        Column("work_wanted", _("Arbeid jeg ønsker")),
        Column("percent_wanted", _("Ønsket stillingsprosent"), NUMBER),
        Column("municipality", _("Ønsket kommune")),
        Column("area", _("Område/bydel")),
        Column("show_completion_year", _("Viser året jeg fullførte"), BOOL),
        Column("show_email", _("Viser e-postadressen"), BOOL),
        Column("published", _("Publisert"), BOOL),
        Column("published_at", _("Publisert første gang"), DATETIME),
        Column("updated_at", _("Sist endret"), DATETIME),
    ]
    return Table("candidate_profile", _("Kandidatprofil"), columns, rows)


def _hiring_tables(participant: Any) -> list[Table]:
    cases = [
        {
            "id": c.pk,
            "position": c.position.title,
            "employer": c.position.employer.name,
            "origin": c.origin,
            "origin_label": c.get_origin_display(),
            "status": c.status,
            "status_label": c.get_status_display(),
            "message": c.message,
            "created_at": c.created_at,
        }
        for c in HiringCase.objects.filter(participant=participant)
        .select_related("position__employer")
        .order_by("created_at", "pk")
    ]
    history = [
        {
            "case_id": h.case_id,
            "status": h.status,
            "status_label": h.get_status_display(),
            "valid_from": h.valid_from,
            "valid_to": h.valid_to,
            "note": h.note,
        }
        for h in HiringStatusChange.objects.filter(case__participant=participant).order_by(
            "case_id", "valid_from", "pk"
        )
    ]
    return [
        Table(
            "hiring_cases",
            _("Ansettelsessaker"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("position", _("Stilling")),
                Column("employer", _("Arbeidsgiver")),
                Column("origin", _("Opphavskode"), CODE),
                Column("origin_label", _("Opphav")),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("message", _("Melding")),
                Column("created_at", _("Opprettet"), DATETIME),
            ],
            cases,
        ),
        Table(
            "hiring_history",
            _("Historikk for ansettelsessaker"),
            [
                Column("case_id", _("Sak nr."), NUMBER),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
                Column("note", _("Merknad")),
            ],
            history,
        ),
    ]


def _employment_tables(participant: Any) -> list[Table]:
    # The benefit is shown: it is the person's own data (only employers never see it).
    employments = [
        {
            "id": e.pk,
            "employer": e.employer.name,
            "job_title": e.job_title,
            "kind": e.kind,
            "kind_label": e.get_kind_display(),
            "source": e.source,
            "source_label": e.get_source_display(),
            "hiring_case_id": e.hiring_case_id,
            "start_date": e.start_date,
            "end_date": e.end_date,
            "benefit": e.benefit,
            "benefit_label": e.get_benefit_display(),
            "benefit_other": e.benefit_other,
        }
        for e in Employment.objects.filter(participant=participant)
        .select_related("employer")
        .order_by("start_date", "pk")
    ]
    mine = {"employment__participant": participant}
    percents = [
        {"employment_id": p.employment_id, "percent": p.percent, "valid_from": p.valid_from}
        for p in EmploymentPercent.objects.filter(**mine).order_by("employment_id", "valid_from")
    ]
    funding = [
        {
            "employment_id": f.employment_id,
            "source": f.source,
            "source_label": f.get_source_display(),
            "share_percent": f.share_percent,
            "valid_from": f.valid_from,
            "valid_to": f.valid_to,
        }
        for f in EmploymentFunding.objects.filter(**mine).order_by(
            "employment_id", "valid_from", "pk"
        )
    ]
    benefits = [
        {
            "employment_id": b.employment_id,
            "kind": b.kind,
            "kind_label": b.get_kind_display(),
            "grade_percent": b.grade_percent,
            "valid_from": b.valid_from,
            "valid_to": b.valid_to,
            "other_text": b.other_text,
        }
        for b in EmploymentBenefit.objects.filter(**mine).order_by(
            "employment_id", "valid_from", "pk"
        )
    ]
    return [
        Table(
            "employments",
            _("Arbeidsforhold"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("employer", _("Arbeidsgiver")),
                Column("job_title", _("Stillingstittel")),
                Column("kind", _("Typekode"), CODE),
                Column("kind_label", _("Type ansettelse")),
                Column("source", _("Registreringskode"), CODE),
                Column("source_label", _("Registrert via")),
                Column("hiring_case_id", _("Ansettelsessak nr."), NUMBER),
                Column("start_date", _("Fra"), DATE),
                Column("end_date", _("Til"), DATE),
                Column("benefit", _("Ytelseskode"), CODE),
                Column("benefit_label", _("Ytelse i kombinasjon med lønn")),
                Column("benefit_other", _("Annen ytelse")),
            ],
            employments,
        ),
        Table(
            "employment_percents",
            _("Stillingsprosent"),
            [
                Column("employment_id", _("Arbeidsforhold nr."), NUMBER),
                Column("percent", _("Prosent"), NUMBER),
                Column("valid_from", _("Fra"), DATE),
            ],
            percents,
        ),
        Table(
            "employment_funding",
            _("Finansiering av stillingen"),
            [
                Column("employment_id", _("Arbeidsforhold nr."), NUMBER),
                Column("source", _("Finansieringskode"), CODE),
                Column("source_label", _("Finansiering")),
                Column("share_percent", _("Andel (prosent)"), NUMBER),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
            ],
            funding,
        ),
        Table(
            "employment_benefits",
            _("Ytelse i kombinasjon med lønn, perioder"),
            [
                Column("employment_id", _("Arbeidsforhold nr."), NUMBER),
                Column("kind", _("Ytelseskode"), CODE),
                Column("kind_label", _("Ytelse")),
                Column("grade_percent", _("Gradering (prosent)"), NUMBER),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
                Column("other_text", _("Annen ytelse")),
            ],
            benefits,
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
