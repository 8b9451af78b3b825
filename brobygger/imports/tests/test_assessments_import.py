"""Assignment results and completions: through the assessment and completion services (their
rules and messages), the same file twice gives one copy, a dry run leaves no file behind, and
every bad row is refused with its column and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from brobygger.assessments.models import Assessment, Outcome, Submission
from brobygger.assessments.services import storage
from brobygger.completion.models import Completion, PendingCompletion
from brobygger.completion.tests.factories import make_eligible
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.imports.kinds import KINDS
from brobygger.imports.synthetic import synthetic_numbers, to_csv
from brobygger.imports.tests.helpers import dry_run, import_file, real_run, refusals, upload
from brobygger.imports.tests.querycount import queries_per_row
from brobygger.organisations.models import Organisation
from brobygger.testing import make_enrolment

# After the personas' cohort (17.08.2026–21.06.2027) has ended.
pytestmark = pytest.mark.time_machine(dt.datetime(2027, 7, 1, 10, tzinfo=dt.UTC), tick=False)

RESULTS = ["fødselsnummer", "kull", "vurdering", "tilbakemelding"]
COMPLETIONS = ["fødselsnummer", "kull", "fullføringsdato", "begrunnelse"]
ON = "18.06.2027"


@pytest.fixture
def people(personas):
    numbers = synthetic_numbers(seed=13)
    dina, dag, applicant, siri, nobody = (next(numbers) for _ in range(5))
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(national_id=dina)
    Participant.objects.filter(pk=personas.other_enrolment.participant_id).update(national_id=dag)
    waiting = make_enrolment(personas.cohort, status=Status.VURDERES)
    Participant.objects.filter(pk=waiting.participant_id).update(national_id=applicant)
    Participant.objects.filter(pk=personas.stavanger_enrolment.participant_id).update(
        national_id=siri
    )
    return {"dina": dina, "dag": dag, "applicant": applicant, "siri": siri, "nobody": nobody}


def _stored_files() -> list[str]:
    folders = storage().listdir("assignments")[0] if storage().exists("assignments") else []
    return [
        f"{folder}/{name}"
        for folder in folders
        for name in storage().listdir(f"assignments/{folder}")[1]
    ]


def _refused(personas, kind: str, headers: list[str], rows: list[list[str]]) -> dict:
    return refusals(dry_run(upload(personas, kind, to_csv(headers, rows))))


def test_the_templates_columns_are_lower_case_and_the_example_id_is_valid():
    from stdnum.no import fodselsnummer

    for slug in ("vurderinger", "fullforinger"):
        columns = KINDS[slug].columns
        assert [c.name for c in columns] == [c.name.lower() for c in columns]
        assert fodselsnummer.is_valid(columns[0].example)


def test_results_are_handed_in_and_assessed_through_the_services_once(personas, people):
    name = personas.cohort.name
    rows = [
        [people["dina"], name, "Godkjent", ""],
        [people["dag"], name, "må leveres på nytt", "Mangler refleksjonsdelen."],
    ]
    first = import_file(personas, "vurderinger", to_csv(RESULTS, rows))
    assert (first.created, first.changed, first.unchanged) == (2, 0, 0)
    dina = Submission.objects.get(enrolment=personas.enrolment)
    assert (dina.attempt, dina.submitted_by, dina.content_type) == (
        1,
        personas.coordinator,
        "application/pdf",
    )
    assert dina.assessment.outcome == Outcome.APPROVED
    assert dina.assessment.assessed_by == personas.coordinator
    dag = Assessment.objects.get(submission__enrolment=personas.other_enrolment)
    assert (dag.outcome, dag.feedback) == (Outcome.RESUBMIT, "Mangler refleksjonsdelen.")
    assert len(_stored_files()) == 2
    with storage().open(str(dina.file.name)) as stored:
        assert stored.read(5) == b"%PDF-"
    written = AuditEvent.objects.filter(request_id=first.audit_tag)
    assert written.count() == 4  # two submissions, two assessments
    assert set(written.values_list("actor", flat=True)) == {personas.coordinator.pk}

    again = import_file(personas, "vurderinger", to_csv(RESULTS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert Submission.objects.count() == 2

    # Dag handed in again and passed: a second attempt, as on the page.
    rows[1] = [people["dag"], name, "Godkjent", ""]
    later = import_file(personas, "vurderinger", to_csv(RESULTS, rows))
    assert (later.created, later.changed, later.unchanged) == (0, 1, 1)
    assert list(
        Submission.objects.filter(enrolment=personas.other_enrolment).values_list(
            "attempt", "assessment__outcome"
        )
    ) == [(1, Outcome.RESUBMIT), (2, Outcome.APPROVED)]
    assert len(_stored_files()) == 3


def test_a_dry_run_and_a_refused_real_run_leave_no_file_behind(personas, people):
    name = personas.cohort.name
    good = [[people["dina"], name, "Godkjent", ""], [people["dag"], name, "Godkjent", ""]]
    run = dry_run(upload(personas, "vurderinger", to_csv(RESULTS, good)))
    assert [row["outcome"] for row in run.report] == ["create", "create"]
    assert _stored_files() == []
    assert not Submission.objects.exists()
    # The dry run passed, but by the real run Dag no longer takes part: all or nothing, and
    # Dina's attempt, stored before Dag's row was refused, goes with the rest.
    Enrolment.objects.filter(pk=personas.other_enrolment.pk).update(status=Status.AVBRUTT)
    refused = real_run(run)
    assert (refused.refused, sorted(refusals(refused))) == (1, [3])
    assert not Submission.objects.exists()
    assert _stored_files() == []
    # A row refused by the assessment after its attempt was stored takes its file with it.
    found = _refused(
        personas, "vurderinger", RESULTS, [[people["dina"], name, "Ikke godkjent", ""]]
    )
    assert found == {
        2: [
            "Kolonne «tilbakemelding»: Skriv en tilbakemelding når oppgaven ikke er godkjent "
            "eller må leveres på nytt."
        ]
    }
    assert _stored_files() == []


def test_bad_result_rows_are_refused_with_their_column(personas, people):
    name = personas.cohort.name
    import_file(personas, "vurderinger", to_csv(RESULTS, [[people["dina"], name, "Godkjent", ""]]))
    rows = [
        [people["dina"], name, "Ikke godkjent", "For kort."],  # 2: approved stays approved
        [people["dag"], name, "Bestått", ""],  # 3: unknown result
        [people["applicant"], name, "Godkjent", ""],  # 4: not taking part
        [people["nobody"], name, "Godkjent", ""],  # 5: nobody with that number
        [people["siri"], name, "Godkjent", ""],  # 6: another programme's cohort
        [people["dag"], "Kull som ikke finnes", "Godkjent", ""],  # 7
        [people["dag"], name.upper(), "Godkjent", ""],  # 8: the same as 3
    ]
    found = _refused(personas, "vurderinger", RESULTS, rows)
    assert sorted(found) == [2, 3, 4, 5, 6, 7, 8]
    assert found[2] == [
        "Kolonne «vurdering»: oppgaven er allerede godkjent, og vurderingen endres ikke"
    ]
    assert found[3] == ["Kolonne «vurdering»: «Bestått» er ikke en vurdering"]
    assert found[4] == [
        "Kolonne «fødselsnummer»: Oppgaven kan bare leveres mens deltakelsen har status "
        "«Deltar» eller «Permisjon»."
    ]
    no_application = (
        "Kolonne «fødselsnummer»: personen har ingen søknad til kullet (importer deltakerne først)"
    )
    assert found[5] == [no_application]
    assert found[6] == [no_application]
    assert "er ikke et kull i programmet" in found[7][0]
    assert found[8] == ["Står to ganger i filen: samme som rad 3."]
    assert Submission.objects.count() == 1


def test_completions_go_through_the_rule_and_the_same_file_twice_is_unchanged(personas, people):
    make_eligible(personas.enrolment, personas=personas)
    name = personas.cohort.name
    rows = [
        [people["dina"], name, ON, ""],
        [people["dag"], name, ON, "Fullførte oppgaven før Brobygger ble tatt i bruk."],
    ]
    first = import_file(personas, "fullforinger", to_csv(COMPLETIONS, rows))
    assert first.created == 2
    assert [row["messages"] for row in first.report] == [["Fullført."], ["Fullført som unntak."]]
    dina = Completion.objects.get(enrolment=personas.enrolment)
    assert (dina.completed_on, dina.is_exception, dina.confirmed_by) == (
        dt.date(2027, 6, 18),
        False,
        personas.coordinator,
    )
    assert Completion.objects.get(enrolment=personas.other_enrolment).is_exception
    assert set(
        Enrolment.objects.filter(pk__in=[personas.enrolment.pk, personas.other_enrolment.pk])
        .values_list("status", flat=True)
        .distinct()
    ) == {Status.FULLFORT}
    written = AuditEvent.objects.filter(request_id=first.audit_tag)
    assert set(written.values_list("actor", flat=True)) == {personas.coordinator.pk}
    assert written.filter(object_type="completion.completion").count() == 2

    again = import_file(personas, "fullforinger", to_csv(COMPLETIONS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert Completion.objects.count() == 2

    moved = _refused(
        personas, "fullforinger", COMPLETIONS, [[people["dina"], name, "17.06.2027", ""]]
    )
    assert moved == {
        2: [
            "Kolonne «fullføringsdato»: fullføringen er registrert fra før med dato 18.06.2027, og "
            "endres ikke"
        ]
    }


def test_an_exception_waits_for_a_second_coordinator_where_four_eyes_are_required(personas, people):
    Organisation.objects.filter(pk=personas.bergen.pk).update(four_eyes_approval=True)
    row = [people["dag"], personas.cohort.name, ON, "Fullførte før Brobygger."]
    run = import_file(personas, "fullforinger", to_csv(COMPLETIONS, [row]))
    assert run.report[0]["messages"] == [
        "Fullført som unntak: venter på godkjenning av en annen koordinator."
    ]
    assert PendingCompletion.objects.filter(enrolment=personas.other_enrolment).exists()
    assert Enrolment.objects.get(pk=personas.other_enrolment.pk).status == Status.DELTAR
    again = import_file(personas, "fullforinger", to_csv(COMPLETIONS, [row]))
    assert again.unchanged == 1


def test_bad_completion_rows_are_refused_with_the_rules_message_and_nothing_is_saved(
    personas, people
):
    name = personas.cohort.name
    rows = [
        [people["dag"], name, ON, ""],  # 2: requirements not met, no reason
        [people["dina"], name, "01.08.2026", "Grunn."],  # 3: before the cohort
        [people["applicant"], name, ON, "Grunn."],  # 4: status «Vurderes»
        [people["nobody"], name, ON, ""],  # 5
        [people["siri"], name, ON, ""],  # 6: another programme's cohort
        [people["dina"], name, "16.08.2026", "Grunn."],  # 7: the same as 3
    ]
    found = _refused(personas, "fullforinger", COMPLETIONS, rows)
    assert sorted(found) == [2, 3, 4, 5, 6, 7]
    assert found[2] == [
        "Kolonne «begrunnelse»: Deltakeren oppfyller ikke alle kravene (mangler: 180 timer "
        "teori, 20 praksisuker, Skriftlig oppgave er ikke levert). Skriv en begrunnelse for "
        "unntaket."
    ]
    assert found[3] == [
        "Kolonne «fullføringsdato»: ligger utenfor kullets datoer (17.08.2026–21.06.2027)"
    ]
    assert found[4] == [
        "Kolonne «fødselsnummer»: Bare deltakere med status «Deltar» kan fullføre (status nå: "
        "«Vurderes»)."
    ]
    assert "ingen søknad til kullet" in found[5][0]
    assert "ingen søknad til kullet" in found[6][0]
    assert found[7] == ["Står to ganger i filen: samme som rad 3."]
    assert not Completion.objects.exists()
    assert not PendingCompletion.objects.exists()


def test_each_row_costs_a_fixed_number_of_queries(personas):
    """The cohort is cached for the run; what is left per row is the person's enrolment, the
    existing record, and the services' own reads and writes (savepoints and audit rows
    included; completion_confirm reads the person's progress in all three apps)."""
    numbers = synthetic_numbers(seed=19)
    ids = []
    for _ in range(4):
        enrolment = make_enrolment(personas.cohort, status=Status.DELTAR)
        ids.append(next(numbers))
        Participant.objects.filter(pk=enrolment.participant_id).update(national_id=ids[-1])
    name = personas.cohort.name
    results = queries_per_row(
        personas, "vurderinger", RESULTS, lambda fnr: [fnr, name, "Godkjent", ""], ids
    )
    completions = queries_per_row(
        personas, "fullforinger", COMPLETIONS, lambda fnr: [fnr, name, ON, "Grunn."], ids
    )
    assert (results, completions) == (24, 31)
