"""The employment app in "Mine data", in anonymisation and in the audit trail (privacy.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.employment import services
from brobygger.employment.funding import FundingRow
from brobygger.employment.models import (
    Benefit,
    CandidateProfile,
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
    FundingSource,
    HiringCase,
    HiringStatus,
    HiringStatusChange,
)
from brobygger.employment.privacy import employment_anonymise, employment_section
from brobygger.employment.tests.factories import (
    TODAY,
    make_employment,
    make_position,
    publish_profile,
)
from brobygger.employment.transitions import EMPLOYER
from brobygger.privacy.registry import AnonymisationTarget
from brobygger.privacy.retention.services import participant_anonymise
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row

pytestmark = pytest.mark.django_db
MODELS = (CandidateProfile, HiringCase, HiringStatusChange, Employment, EmploymentBenefit)

# Free texts only Dina's records hold: none may survive anonymisation or reach the audit trail.
DINA = {
    "headline": "Likeperson med erfaring fra Fjellsiden",
    "about": "Jeg har vært innlagt to ganger og vet hva som hjelper.",
    "work_wanted": "Ettervern for unge voksne.",
    "area": "Årstad",
    "message": "Jeg søker fordi teamet trenger brukerstemmen.",
    "note": "Kandidaten ba om intervju etter klokka 12.",
    "benefit_other": "Kvalifiseringsstønad fra Fjellsiden NAV",
}
DAG = {
    "headline": "Dag vil jobbe med rusomsorg",
    "about": "Dags egen historie om rusomsorgen.",
    "work_wanted": "Natteravn-liknende arbeid.",
    "area": "Laksevåg",
    "benefit_other": "Dags spesielle ytelse",
}


def history(personas: Any, participant: Any, user: Any, texts: dict[str, str]) -> Any:
    """A published profile, one application moved to interview with a note, and a job with an
    "other" benefit, a second percent period and two funding lines; all through the services."""
    publish_profile(
        participant,
        by=user,
        headline=texts["headline"],
        about=texts["about"],
        work_wanted=texts["work_wanted"],
        area=texts["area"],
    )
    if "message" in texts:
        position = make_position(personas.employer, personas.employer_org)
        case = services.hiring_apply(
            by=user, position=position, participant=participant, on=TODAY, message=texts["message"]
        )
        services.hiring_transition(
            by=personas.employer,
            case=case,
            to=HiringStatus.INTERVIEW,
            actor=EMPLOYER,
            on=TODAY,
            note=texts["note"],
        )
    employment = make_employment(
        personas,
        participant,
        benefit=Benefit.OTHER,
        benefit_other=texts["benefit_other"],
        funding=[
            FundingRow(FundingSource.NAV_WAGE_SUBSIDY, 40, dt.date(2026, 1, 1), None),
            FundingRow(FundingSource.ORDINARY_BUDGET, 60, dt.date(2026, 1, 1), None),
        ],
    )
    services.employment_percent_add(
        by=personas.coordinator, employment=employment, percent=80, valid_from=dt.date(2026, 4, 1)
    )
    return participant


@pytest.fixture
def dina(personas):
    return history(personas, personas.enrolment.participant, personas.participant_user, DINA)


@pytest.fixture
def dag(personas):
    user = personas.other_participant_user
    return history(personas, personas.other_enrolment.participant, user, DAG)


def target(personas: Any, participant: Any) -> AnonymisationTarget:
    enrolment = participant.enrolments.get()
    return AnonymisationTarget(
        participant=participant,
        enrolment_ids=[enrolment.pk],
        by=personas.coordinator,
        organisation_by_enrolment={enrolment.pk: personas.bergen},
        organisation=personas.bergen,
    )


def section(client: Any, user: Any) -> dict[str, list[dict[str, Any]]]:
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    data = json.loads(response.content)
    return {key: t["rows"] for key, t in data["sections"]["employment"]["tables"].items()}


def test_the_download_holds_the_profile_the_cases_with_history_and_the_jobs(
    client, personas, dina, dag
):
    tables = section(client, personas.participant_user)
    (profile,) = tables["candidate_profile"]
    assert {k: profile[k] for k in ("headline", "about", "work_wanted", "area")} == {
        k: DINA[k] for k in ("headline", "about", "work_wanted", "area")
    }
    assert (profile["percent_wanted"], profile["published"]) == (50, True)
    (case,) = tables["hiring_cases"]
    assert (case["status"], case["origin"], case["message"]) == (
        "INTERVIEW",
        "applied",
        DINA["message"],
    )
    assert case["employer"] == personas.employer_org.name
    assert [(h["status"], h["note"]) for h in tables["hiring_history"]] == [
        ("APPLIED", ""),
        ("INTERVIEW", DINA["note"]),
    ]
    (job,) = tables["employments"]
    # The benefit is the person's own data: in their export, though employers never see it.
    assert (job["benefit"], job["benefit_label"], job["benefit_other"]) == (
        "other",
        "Annen ytelse",
        DINA["benefit_other"],
    )
    assert (job["job_title"], job["start_date"], job["end_date"]) == (
        "Erfaringskonsulent",
        "2026-01-01",
        None,
    )
    assert [(p["percent"], p["valid_from"]) for p in tables["employment_percents"]] == [
        (50, "2026-01-01"),
        (80, "2026-04-01"),
    ]
    assert sorted((f["source"], f["share_percent"]) for f in tables["employment_funding"]) == [
        ("nav_wage_subsidy", 40),
        ("ordinary_budget", 60),
    ]


def test_it_holds_nothing_of_another_person(client, personas, dina, dag):
    tables = section(client, personas.participant_user)
    text = json.dumps(tables)
    for secret in DAG.values():
        assert secret not in text
    mine = set(Employment.objects.filter(participant=dina).values_list("pk", flat=True))
    assert {row["id"] for row in tables["employments"]} == mine
    assert {row["employment_id"] for row in tables["employment_percents"]} == mine
    assert {row["employment_id"] for row in tables["employment_funding"]} == mine


def test_the_readable_page_shows_the_section_without_codes(client, personas, dina):
    client.force_login(personas.participant_user)
    page = client.get(reverse("my_data")).content.decode()
    assert "Kandidatprofil" in page and "Ansettelsessaker" in page
    assert DINA["about"] in page and DINA["benefit_other"] in page
    assert "Intervju" in page
    assert "nav_wage_subsidy" not in page


def test_the_section_s_query_count_does_not_grow_with_the_rows(
    personas, dina, django_assert_num_queries
):
    with django_assert_num_queries(7):
        employment_section(dina)
    for start in (dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        funding = [FundingRow(FundingSource.MB_FUNDS, 100, start, None)]
        make_employment(personas, dina, start_date=start, funding=funding)
    position = make_position(personas.employer, personas.employer_org, title="Likeperson")
    services.hiring_apply(by=dina.user, position=position, participant=dina, on=TODAY)
    with django_assert_num_queries(7):
        tables = employment_section(dina)
    assert [len(t.rows) for t in tables] == [1, 2, 3, 3, 4, 4, 3]


def test_anonymisation_clears_the_texts_unpublishes_and_keeps_the_figures(personas, dina, dag):
    funding_before = list(EmploymentFunding.objects.values_list("source", "share_percent"))
    percents_before = list(EmploymentPercent.objects.values_list("percent", "valid_from"))
    published_at = CandidateProfile.objects.get(participant=dina).published_at
    assert published_at is not None
    participant_anonymise(by=personas.coordinator, participant=dina)

    profile = CandidateProfile.objects.get(participant=dina)
    assert (profile.headline, profile.about, profile.work_wanted, profile.area) == (
        "[anonymisert]",
        "[anonymisert]",
        "[anonymisert]",
        "",
    )
    assert profile.published is False
    assert (profile.percent_wanted, profile.published_at) == (50, published_at)
    case = HiringCase.objects.get(participant=dina)
    assert (case.message, case.status, case.origin) == ("", "INTERVIEW", "applied")
    assert [(h.status, h.valid_from, h.note) for h in case.history.order_by("pk")] == [
        ("APPLIED", TODAY, ""),
        ("INTERVIEW", TODAY, ""),
    ]
    job = Employment.objects.get(participant=dina)
    assert (job.benefit, job.benefit_other) == (Benefit.OTHER, "")
    assert (job.job_title, job.kind, job.start_date) == (
        "Erfaringskonsulent",
        "permanent",
        dt.date(2026, 1, 1),
    )
    assert list(EmploymentFunding.objects.values_list("source", "share_percent")) == funding_before
    assert list(EmploymentPercent.objects.values_list("percent", "valid_from")) == percents_before
    # Dag is untouched.
    assert CandidateProfile.objects.get(participant=dag).about == DAG["about"]
    assert Employment.objects.get(participant=dag).benefit_other == DAG["benefit_other"]


def test_anonymisation_writes_one_audit_event_per_row_changed(personas, dina, dag):
    with audit_per_row(*MODELS) as check:
        result = employment_anonymise(target(personas, dina))
    assert_one_event_per_changed_row(check)
    # Profile, case, the one history row with a note, the job and its "other" benefit period;
    # the first history row had no note and is neither changed nor audited.
    assert result.rows_changed == len(check.changed) == 5
    case = HiringCase.objects.get(participant=dina)
    event = AuditEvent.objects.get(
        object_type="employment.hiringcase", object_id=str(case.pk), action="anonymise"
    )
    assert event.changes == {"message": [REDACTED, ""]}
    assert event.organisation == personas.employer_org
    profile_event = AuditEvent.objects.get(
        object_type="employment.candidateprofile", action="anonymise"
    )
    assert profile_event.changes["published"] == [True, False]
    assert profile_event.changes["about"] == [REDACTED, REDACTED]


def test_running_the_anonymiser_twice_changes_nothing_more(personas, dina):
    employment_anonymise(target(personas, dina))
    events = AuditEvent.objects.count()
    with audit_per_row(*MODELS) as check:
        result = employment_anonymise(target(personas, dina))
    assert (result.rows_changed, result.files_deleted) == (0, 0)
    assert check.changed == set()
    assert AuditEvent.objects.count() == events


def test_audit_events_of_writes_to_the_personal_fields_hide_the_values(personas, dina):
    services.profile_save(
        by=personas.participant_user,
        participant=dina,
        headline=DINA["headline"],
        about="Ny tekst om meg selv.",
        work_wanted=DINA["work_wanted"],
        area="Fana",
    )
    job = Employment.objects.get(participant=dina)
    services.employment_benefit_end(
        by=personas.coordinator,
        employment=job,
        period_id=job.benefits.get().pk,
        valid_to=job.start_date,
    )
    services.employment_benefit_add(
        by=personas.coordinator,
        employment=job,
        kind=Benefit.OTHER,
        other_text="Ny ytelse",
        valid_from=job.start_date + dt.timedelta(days=1),
    )

    def changes(label: str) -> list[dict[str, Any]]:
        rows = AuditEvent.objects.filter(object_type=label).order_by("id")
        return list(rows.values_list("changes", flat=True))

    created, published, updated = changes("employment.candidateprofile")
    assert {k: created[k] for k in ("headline", "about", "work_wanted", "area")} == dict.fromkeys(
        ("headline", "about", "work_wanted", "area"), [None, REDACTED]
    )
    assert created["percent_wanted"] == [None, 50]  # not personal: kept
    assert updated == {"about": [REDACTED, REDACTED], "area": [REDACTED, REDACTED]}
    (case_created, _transition) = changes("employment.hiringcase")
    assert case_created["message"] == [None, REDACTED]
    notes = [c["note"] for c in changes("employment.hiringstatuschange") if "note" in c]
    assert [None, REDACTED] in notes
    (job_created,) = changes("employment.employment")
    assert job_created["benefit_other"] == [None, REDACTED]
    assert job_created["benefit"] == [None, "other"]  # the code is kept
    first_period, ended, new_period = changes("employment.employmentbenefit")
    assert set(ended) == {"valid_to"}
    assert first_period["other_text"] == new_period["other_text"] == [None, REDACTED]
    assert new_period["kind"] == [None, "other"]  # the code is kept
    trail = json.dumps(list(AuditEvent.objects.values_list("changes", flat=True)))
    for secret in [*DINA.values(), "Ny tekst om meg selv.", "Fana", "Ny ytelse"]:
        assert secret not in trail
