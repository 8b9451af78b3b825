"""outcome_figures: the definitions, on hand-made histories (coordinator scope, unsuppressed)."""

import datetime as dt
from decimal import Decimal

import pytest

from brobygger.completion.models import Completion
from brobygger.enrolments.models import EndingReason, Status
from brobygger.organisations.models import OrganisationKind
from brobygger.outcomes.figures import outcome_figures
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import scope_for
from brobygger.outcomes.tests.factories import TODAY, answer, enrol, job
from brobygger.testing import make_cohort, make_org, make_programme

S = Status
D = dt.date


def figures(user, **filters):
    return outcome_figures(scope=scope_for(user), filters=Filters(**filters), today=TODAY.date())


def kpis(user, **filters):
    return {c.key: cell.value for c, cell in figures(user, **filters).kpis}


def rows(table):
    return {row.label: [cell.display for cell in row.cells] for row in table.rows}


@pytest.fixture
def history(personas):
    """The personas' cohort (2 taking part, home unknown) and ten more people in it."""
    cohort = personas.cohort
    employer = make_org("Arbeidsgiver AS", kind=OrganisationKind.EMPLOYER)
    people = {
        "early": enrol(cohort, S.FULLFORT, completed_on=D(2027, 6, 1)),
        "late": enrol(cohort, S.FULLFORT, completed_on=D(2027, 6, 20), municipality="4624"),
        "idle": enrol(cohort, S.FULLFORT, completed_on=D(2027, 6, 20)),
        "ill": enrol(cohort, S.AVBRUTT, reason=EndingReason.ILLNESS),
        "moved": enrol(cohort, S.AVBRUTT, reason=EndingReason.MOVED, municipality="4624"),
        "leave": enrol(cohort, S.PERMISJON),
        "waiting": enrol(cohort, S.VENTER_PA_OPPSTART),
        "refused": enrol(cohort, S.IKKE_AKTUELL, reason=EndingReason.COHORT_FULL),
        "applied": enrol(cohort, S.SOKT_INN),
        "error": enrol(cohort, S.FEILREGISTRERT, path=(S.SOKT_INN, S.FEILREGISTRERT)),
    }
    # A month after completing: permanent 50 %, wage with AAP, two funding sources.
    job(people["early"], employer, start=D(2027, 7, 1), benefit="aap",
        sources=("ordinary_budget", "nav_wage_subsidy"))  # fmt: skip
    # Working before completing, until September; then a project post from March.
    job(people["late"], employer, start=D(2027, 5, 1), end=D(2027, 9, 30), kind="temporary",
        percent=80, sources=("project",))  # fmt: skip
    job(people["late"], employer, start=D(2028, 3, 1), kind="project", percent=100)
    # A job that ended before completion does not count.
    job(people["idle"], employer, start=D(2026, 1, 1), end=D(2026, 6, 30))
    return people


def test_the_funnel_counts_each_step_and_leaves_out_registrations_in_error(personas, history):
    k = kpis(personas.coordinator)

    assert k["applied"] == 11  # nine here and the two personas; not the one in error
    assert k["admitted"] == 9  # all but the refused one and the plain applicant
    assert k["started"] == 8  # and not the one waiting for the start
    assert (k["completed"], k["discontinued"], k["ongoing"]) == (3, 2, 3)


def test_completion_rate_leaves_out_those_who_never_started(personas, history):
    assert kpis(personas.coordinator)["completion_rate"] == Decimal("60.0")  # 3 / (3 + 2)


@pytest.fixture
def answered(history):
    """The answers the coordinator recorded, agreeing with the jobs held on each date."""
    for name, at6, at12 in (("early", True, True), ("late", False, True), ("idle", False, False)):
        answer(history[name], 6, employed=at6)
        answer(history[name], 12, employed=at12)
    return history


def test_employment_at_6_and_12_months_counts_the_answers(personas, answered):
    k = kpis(personas.coordinator)

    assert (k["followed6"], k["employed6"], k["employment_rate6"]) == (3, 1, Decimal("33.3"))
    assert (k["followed12"], k["employed12"], k["employment_rate12"]) == (3, 2, Decimal("66.7"))
    assert (k["not_followed6"], k["not_followed12"]) == (0, 0)


def test_without_answers_nobody_is_followed_up_whatever_the_jobs(personas, history):
    k = kpis(personas.coordinator)

    assert (k["followed6"], k["not_followed6"], k["employed6"]) == (0, 3, 0)
    assert (k["followed12"], k["not_followed12"], k["employed12"]) == (0, 3, 0)
    assert k["employment_rate6"] is None  # nobody followed up: no rate, not 0 %


def test_people_are_due_only_once_the_months_have_passed(personas, history, time_machine):
    time_machine.move_to(dt.datetime(2027, 12, 10, 12, tzinfo=dt.UTC), tick=False)
    f = outcome_figures(scope=scope_for(personas.coordinator), filters=Filters(),
                        today=D(2027, 12, 10))  # fmt: skip
    k = {c.key: cell.value for c, cell in f.kpis}

    # Only "early" is past its date (1.6 + 6 months), and has no answer yet.
    assert (k["followed6"], k["not_followed6"], k["employed6"]) == (0, 1, 0)
    assert (k["followed12"], k["not_followed12"]) == (0, 0)
    assert k["employment_rate12"] is None


def test_median_days_to_first_job_counts_a_job_begun_before_completion_as_zero(personas, history):
    k = kpis(personas.coordinator)

    assert k["got_job"] == 2
    assert k["median_days"] == 15  # median of 30 and 0


def test_first_job_percent_kind_funding_and_benefit(personas, history):
    tables = figures(personas.coordinator).tables

    assert rows(tables["stillingsprosent"])["50 %"][0] == "1"
    assert rows(tables["stillingsprosent"])["80–99 %"][0] == "1"
    assert rows(tables["ansettelse"])["Fast"][0] == "1"
    assert rows(tables["ansettelse"])["Midlertidig"][0] == "1"
    assert rows(tables["ansettelse"])["Prosjektstilling"][0] == "0"  # not the first job
    funding = rows(tables["finansiering"])
    assert funding["Ordinært budsjett"][0] == "1"
    assert funding["Lønnstilskudd fra NAV"][0] == "1"
    assert funding["Prosjektmidler"][0] == "1"
    assert rows(tables["ytelser"])["Arbeidsavklaringspenger (AAP)"] == ["1", "50 %"]
    assert rows(tables["ytelser"])["Ingen ytelse"] == ["1", "50 %"]


def test_discontinued_are_counted_by_coded_reason(personas, history):
    reasons = rows(figures(personas.coordinator).tables["arsaker"])

    assert reasons["Sykdom"] == ["1", "50 %"]
    assert reasons["Flyttet"] == ["1", "50 %"]
    assert reasons["Kullet er fullt"] == ["0", "0 %"]  # the refused one never started


def test_breakdowns_by_municipality_county_cohort_year_and_programme(personas, history):
    tables = figures(personas.coordinator).tables
    completed = 3  # column index of "Fullført"

    municipalities = rows(tables["kommune"])
    assert list(municipalities) == ["Bergen", "Bjørnafjorden", "Ukjent bostedskommune"]
    assert municipalities["Bergen"][completed] == "2"
    assert municipalities["Bjørnafjorden"][completed] == "1"
    assert rows(tables["fylke"])["Vestland"][0] == "9"
    assert rows(tables["kull"])[personas.cohort.name][completed] == "3"
    assert rows(tables["ar"])["2026"][completed] == "3"
    assert rows(tables["program"])[personas.version.programme.name][completed] == "3"
    assert tables["kommune"].total.cells[completed].display == "3"


def test_filters_narrow_by_programme_year_county_and_municipality(personas, history):
    older = make_cohort(personas.version, start=D(2024, 8, 19))
    enrol(older, S.FULLFORT, municipality="1103")  # Stavanger, Rogaland
    other = make_cohort(make_programme(personas.bergen, name="Ny"), start=D(2025, 8, 18))
    enrol(other, S.AVBRUTT, reason=EndingReason.ILLNESS)
    coordinator = personas.coordinator

    assert kpis(coordinator)["completed"] == 4
    assert kpis(coordinator, year_from=2026)["completed"] == 3
    assert kpis(coordinator, year_to=2024)["completed"] == 1
    assert kpis(coordinator, programme=personas.version.programme_id)["discontinued"] == 2
    assert kpis(coordinator, county="11")["completed"] == 1
    assert kpis(coordinator, municipality="4624")["applied"] == 2


def test_a_coordinator_sees_only_their_own_programmes(personas, history):
    stavanger = kpis(personas.other_coordinator)

    assert stavanger["applied"] == 1  # their own participant only
    assert kpis(personas.coordinator)["applied"] == 11


def test_figures_run_four_queries_whatever_the_number_of_people(
    personas, django_assert_num_queries
):
    scope = scope_for(personas.coordinator)
    employer = make_org("Arbeidsgiver AS", kind=OrganisationKind.EMPLOYER)

    def add(n):
        for i in range(n):
            e = enrol(personas.cohort, S.FULLFORT, municipality=["4601", "4624", "1103"][i % 3])
            job(e, employer, start=D(2027, 8, 1))
        enrol(personas.cohort, S.AVBRUTT, reason=EndingReason.ILLNESS)

    add(2)
    for e in Completion.objects.select_related("enrolment")[:2]:
        answer(e.enrolment, 6, employed=True)
    with django_assert_num_queries(4):
        outcome_figures(scope=scope, filters=Filters(), today=TODAY.date())
    add(12)
    with django_assert_num_queries(4):
        f = outcome_figures(scope=scope, filters=Filters(), today=TODAY.date())
    assert f.kpi("completed").value == 14
    assert (f.kpi("followed6").value, f.kpi("not_followed6").value) == (2, 12)
