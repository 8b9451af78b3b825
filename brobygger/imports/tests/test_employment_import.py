"""Employments and follow-ups: through the employment and follow-up services, the same file
twice gives one copy, and every bad row is refused with its column and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from brobygger.completion.services import completion_confirm
from brobygger.core.models import AuditEvent
from brobygger.employment.models import Employment, EmploymentFunding, FundingSource, JobKind
from brobygger.enrolments.models import Participant, Status
from brobygger.followup.models import FollowUpOutcome
from brobygger.imports.kinds import KINDS
from brobygger.imports.kinds.participants import EXAMPLE_FNR
from brobygger.imports.synthetic import synthetic_numbers, to_csv
from brobygger.imports.tests.helpers import dry_run, import_file, refusals, upload
from brobygger.imports.tests.querycount import queries_per_row
from brobygger.organisations.models import Organisation, OrganisationKind
from brobygger.testing import make_enrolment

# After the personas' cohort (17.08.2026–21.06.2027) and both follow-up dates of a completion
# on 18.06.2027.
pytestmark = pytest.mark.time_machine(dt.datetime(2028, 9, 1, 10, tzinfo=dt.UTC), tick=False)

JOBS = ["fødselsnummer", "kull", "organisasjonsnummer", "arbeidsgiver", "kommunenummer"]
JOBS += ["stillingstittel", "type", "startdato", "sluttdato", "stillingsprosent", "finansiering"]
ANSWERS = ["fødselsnummer", "kull", "måneder", "dato", "i arbeid", "stillingsprosent", "type"]
ANSWERS += ["finansiering", "merknad"]
KNOWN_ORGNR, NEW_ORGNR, OTHER_ORGNR = "123456785", "999999999", "920000010"
COMPLETED = dt.date(2027, 6, 18)


@pytest.fixture
def people(personas):
    numbers = synthetic_numbers(seed=11)
    dina, dag, applicant, siri, nobody = (next(numbers) for _ in range(5))
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(national_id=dina)
    Participant.objects.filter(pk=personas.other_enrolment.participant_id).update(national_id=dag)
    waiting = make_enrolment(personas.cohort, status=Status.VURDERES)
    Participant.objects.filter(pk=waiting.participant_id).update(national_id=applicant)
    Participant.objects.filter(pk=personas.stavanger_enrolment.participant_id).update(
        national_id=siri
    )
    Organisation.objects.filter(pk=personas.employer_org.pk).update(orgnr=KNOWN_ORGNR)
    return {"dina": dina, "dag": dag, "applicant": applicant, "siri": siri, "nobody": nobody}


def _job(fnr: str, cohort: str, **over: str) -> list[str]:
    values = {
        "organisasjonsnummer": KNOWN_ORGNR,
        "arbeidsgiver": "",
        "kommunenummer": "",
        "stillingstittel": "Erfaringskonsulent",
        "type": "Fast",
        "startdato": "01.09.2027",
        "sluttdato": "",
        "stillingsprosent": "50",
        "finansiering": "MB-midler",
        **over,
    }
    return [fnr, cohort, *(values[name] for name in JOBS[2:])]


def _answer(fnr: str, cohort: str, **over: str) -> list[str]:
    values = {
        "måneder": "6",
        "dato": "20.12.2027",
        "i arbeid": "Ja",
        "stillingsprosent": "50",
        "type": "Fast",
        "finansiering": "Ordinært budsjett",
        "merknad": "",
        **over,
    }
    return [fnr, cohort, *(values[name] for name in ANSWERS[2:])]


def _complete(personas) -> None:
    completion_confirm(
        by=personas.coordinator,
        enrolment=personas.enrolment,
        completed_on=COMPLETED,
        exception_reason="Fullførte før Brobygger ble tatt i bruk.",
    )


def test_the_templates_examples_are_valid_and_synthetic():
    from stdnum.no import fodselsnummer, orgnr

    assert fodselsnummer.is_valid(EXAMPLE_FNR)
    assert int(EXAMPLE_FNR[2:4]) > 40  # an H-number: never a real person's
    for slug in ("ansettelser", "oppfolginger"):
        columns = KINDS[slug].column_names()
        assert columns == [name.lower() for name in columns]
    example = {c.name: c.example for c in KINDS["ansettelser"].columns}
    assert orgnr.is_valid(example["organisasjonsnummer"])


def test_employments_are_created_through_the_services_and_the_same_file_twice_is_unchanged(
    personas, people
):
    name = personas.cohort.name
    rows = [
        _job(people["dina"], name),
        _job(
            people["dag"],
            name,
            organisasjonsnummer="999 999 999",
            arbeidsgiver="Bergen kommune, Helsehuset",
            kommunenummer="4601",
            type="prosjektstilling",
            sluttdato="31.12.2028",
            stillingsprosent="80",
            finansiering="Lønnstilskudd",
        ),
    ]
    first = import_file(personas, "ansettelser", to_csv(JOBS, rows))
    assert (first.created, first.changed, first.unchanged) == (2, 0, 0)
    dina = Employment.objects.get(participant__national_id=people["dina"])
    assert dina.employer == personas.employer_org
    assert (dina.job_title, dina.kind, dina.start_date) == (
        "Erfaringskonsulent",
        JobKind.PERMANENT,
        dt.date(2027, 9, 1),
    )
    assert dina.percents.get().percent == 50
    assert list(dina.funding.values_list("source", "share_percent", "valid_to")) == [
        (FundingSource.MB_FUNDS, 100, None)
    ]
    dag = Employment.objects.get(participant__national_id=people["dag"])
    assert dag.employer.orgnr == NEW_ORGNR
    assert dag.employer.kind == OrganisationKind.EMPLOYER
    assert dag.employer.name == "Bergen kommune, Helsehuset"
    assert dag.funding.get().source == FundingSource.NAV_WAGE_SUBSIDY
    written = AuditEvent.objects.filter(request_id=first.audit_tag)
    assert set(written.values_list("actor", flat=True)) == {personas.coordinator.pk}
    # Dina: employment, percent, funding; Dag: the employer too.
    assert written.count() == 7

    again = import_file(personas, "ansettelser", to_csv(JOBS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert Employment.objects.count() == 2
    assert EmploymentFunding.objects.count() == 2
    assert Organisation.objects.filter(orgnr=NEW_ORGNR).count() == 1


def test_a_later_file_changes_the_end_date_and_refuses_a_changed_percent(personas, people):
    name = personas.cohort.name
    import_file(personas, "ansettelser", to_csv(JOBS, [_job(people["dina"], name)]))
    ended = import_file(
        personas, "ansettelser", to_csv(JOBS, [_job(people["dina"], name, sluttdato="30.06.2028")])
    )
    assert ended.changed == 1
    assert Employment.objects.get().end_date == dt.date(2028, 6, 30)
    changed = dry_run(
        upload(
            personas,
            "ansettelser",
            to_csv(
                JOBS, [_job(people["dina"], name, sluttdato="30.06.2028", stillingsprosent="60")]
            ),
        )
    )
    found = refusals(changed)
    assert found[2][0].startswith("Kolonne «stillingsprosent»: arbeidsforholdet finnes med 50 %")


def test_bad_employment_rows_are_refused_with_their_column_and_nothing_is_saved(personas, people):
    name = personas.cohort.name
    rows = [
        _job(people["dina"], name, organisasjonsnummer="123456786"),  # 2: check digit
        _job(people["nobody"], name),  # 3: nobody has that number
        _job(people["siri"], name),  # 4: in another programme's cohort
        _job(people["dina"], name, startdato="01.08.2026"),  # 5: before the cohort
        _job(people["applicant"], name),  # 6: never took part
        _job(people["dina"], name, type="Sommerjobb"),  # 7: unknown kind
        # 8: unknown funding (another start date: not the same job as line 7)
        _job(people["dina"], name, finansiering="Lotto", startdato="02.09.2027"),
        _job(people["dag"], name, organisasjonsnummer=OTHER_ORGNR),  # 9: unknown employer
        # 10: ends before it starts
        _job(people["dag"], name, startdato="01.10.2027", sluttdato="30.09.2027"),
        _job(people["dag"], name),  # 11: fine
        _job(people["dag"], name, stillingstittel="Annen tittel"),  # 12: the same as 11
    ]
    run = dry_run(upload(personas, "ansettelser", to_csv(JOBS, rows)))
    found = refusals(run)
    assert sorted(found) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    assert found[2] == [
        "Kolonne «organisasjonsnummer»: har feil kontrollsiffer (ikke et gyldig "
        "organisasjonsnummer)"
    ]
    no_application = (
        "Kolonne «fødselsnummer»: personen har ingen søknad til kullet (importer deltakerne først)"
    )
    assert found[3] == [no_application]
    assert found[4] == [no_application]
    assert found[5] == ["Kolonne «startdato»: er før kullet startet (17.08.2026)"]
    assert found[6] == [
        "Kolonne «fødselsnummer»: personen har status «Vurderes» i kullet og har ikke deltatt"
    ]
    assert found[7] == ["Kolonne «type»: «Sommerjobb» er ikke en type ansettelse"]
    assert found[8] == ["Kolonne «finansiering»: «Lotto» er ikke en finansieringskilde"]
    assert found[9][0].startswith(
        "Kolonne «organisasjonsnummer»: «920000010» er ikke en arbeidsgiver i Brobygger"
    )
    assert found[10][0] == "Kolonne «sluttdato»: Sluttdatoen kan ikke være før startdatoen."
    assert found[12] == ["Står to ganger i filen: samme som rad 11."]
    assert not Employment.objects.exists()


def test_follow_ups_are_recorded_once_and_a_different_answer_is_refused(personas, people):
    _complete(personas)
    name = personas.cohort.name
    rows = [
        _answer(people["dina"], name, finansiering="ordinary_budget"),  # a code is fine too
        _answer(people["dina"], name, måneder="12", dato="18.06.2028", **{"i arbeid": "nei"}),
    ]
    first = import_file(personas, "oppfolginger", to_csv(ANSWERS, rows))
    assert first.created == 2
    six = FollowUpOutcome.objects.get(months=6)
    assert (six.employed, six.percent, six.job_kind, six.funding_source) == (
        True,
        50,
        JobKind.PERMANENT,
        FundingSource.ORDINARY_BUDGET,
    )
    assert six.due_on == dt.date(2027, 12, 18)
    assert six.recorded_by == personas.coordinator
    twelve = FollowUpOutcome.objects.get(months=12)
    assert (twelve.employed, twelve.percent, twelve.job_kind) == (False, None, "")
    assert AuditEvent.objects.filter(request_id=first.audit_tag).count() == 2

    again = import_file(personas, "oppfolginger", to_csv(ANSWERS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert FollowUpOutcome.objects.count() == 2

    other = [_answer(people["dina"], name, stillingsprosent="80")]
    found = refusals(dry_run(upload(personas, "oppfolginger", to_csv(ANSWERS, other))))
    assert found[2] == [
        "Kolonne «måneder»: oppfølgingen etter 6 måneder er registrert fra før med et annet "
        "svar; et svar endres ikke ved import"
    ]


def test_bad_follow_up_rows_are_refused_with_their_column_and_nothing_is_saved(personas, people):
    _complete(personas)
    name = personas.cohort.name
    dina = people["dina"]
    # One file per row: the rows for one person and month mark share a natural key.
    cases = [
        (_answer(dina, name, måneder="9"), "Kolonne «måneder»: må være 6 eller 12"),
        (
            _answer(dina, name, dato="01.06.2027"),
            "Kolonne «dato»: er før fullføringen (18.06.2027)",
        ),
        (
            _answer(dina, name, dato="01.12.2027"),
            "Kolonne «dato»: Svaret må gjelde per forfallsdatoen (18.12.2027) eller senere.",
        ),
        (
            _answer(people["dag"], name),
            "Kolonne «fødselsnummer»: personen har ingen fullføring i kullet (importer "
            "fullføringene først)",
        ),
        (
            _answer(dina, name, **{"i arbeid": "Kanskje"}),
            "Kolonne «i arbeid»: «Kanskje» er ikke Ja eller Nei",
        ),
        (
            _answer(dina, name, stillingsprosent=""),
            "Kolonne «stillingsprosent»: Oppgi stillingsprosent når personen er i arbeid.",
        ),
        (_answer(dina, name, type="Vikar"), "Kolonne «type»: «Vikar» er ikke en type ansettelse"),
        (
            _answer(people["nobody"], name),
            "Kolonne «fødselsnummer»: personen har ingen søknad til kullet (importer deltakerne "
            "først)",
        ),
    ]
    for row, message in cases:
        found = refusals(dry_run(upload(personas, "oppfolginger", to_csv(ANSWERS, [row]))))
        assert found == {2: [message]}, row
    twice = [
        _answer(dina, name, måneder="12", dato="18.06.2028"),
        _answer(dina, name, måneder="12", dato="19.06.2028"),
    ]
    found = refusals(dry_run(upload(personas, "oppfolginger", to_csv(ANSWERS, twice))))
    assert found == {3: ["Står to ganger i filen: samme som rad 2."]}
    assert not FollowUpOutcome.objects.exists()


def test_each_row_costs_a_fixed_number_of_queries(personas):
    """Lookups shared by the rows (cohort, employer, municipalities) are cached for the run;
    what is left is the person's enrolment, the existing record, and the services' writes
    (savepoints and audit rows included)."""
    numbers = synthetic_numbers(seed=17)
    ids = []
    for _ in range(4):
        enrolment = make_enrolment(personas.cohort, status=Status.DELTAR)
        ids.append(next(numbers))
        Participant.objects.filter(pk=enrolment.participant_id).update(national_id=ids[-1])
        completion_confirm(
            by=personas.coordinator,
            enrolment=enrolment,
            completed_on=COMPLETED,
            exception_reason="Fullførte før Brobygger.",
        )
    Organisation.objects.filter(pk=personas.employer_org.pk).update(orgnr=KNOWN_ORGNR)
    name = personas.cohort.name
    jobs = queries_per_row(personas, "ansettelser", JOBS, lambda fnr: _job(fnr, name), ids)
    answers = queries_per_row(
        personas, "oppfolginger", ANSWERS, lambda fnr: _answer(fnr, name), ids
    )
    assert (jobs, answers) == (15, 15)
