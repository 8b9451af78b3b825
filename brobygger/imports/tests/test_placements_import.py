"""Placements and weekly timesheets: through placements.services (audited under the importing
coordinator), once per natural key, and every bad row refused with its column and nothing
saved."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from stdnum.no import fodselsnummer, orgnr

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Participant, Status
from brobygger.imports.kinds import KINDS
from brobygger.imports.synthetic import synthetic_numbers, to_csv
from brobygger.imports.tests.helpers import dry_run, import_file, refusals, upload
from brobygger.organisations.models import Organisation
from brobygger.placements.models import (
    Placement,
    PlacementPercent,
    Timesheet,
    TimesheetDay,
    TimesheetStatus,
)
from brobygger.placements.services import timesheet_record_approval
from brobygger.placements.tests.factories import make_placement, make_timesheet
from brobygger.programmes.tests.factories import login
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

PLACEMENT_HEADERS = ["fødselsnummer", "kull", "praksissted", "praksisveileder"]
PLACEMENT_HEADERS += ["startdato", "sluttdato", "prosent"]
SHEET_HEADERS = ["fødselsnummer", "kull", "uke", "timer", "status"]
HOST = "Bergen kommune, Rusteamet"
# The personas' cohort runs 17.08.2026-21.06.2027; the clock stands at Tuesday 01.12.2026.
START, END = "07.09.2026", "31.01.2027"


@pytest.fixture
def people(personas):
    """Dina and Dag take part in the cohort; an applicant is still being assessed."""
    numbers = synthetic_numbers(seed=11)
    dina, dag, applicant = next(numbers), next(numbers), next(numbers)
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(national_id=dina)
    Participant.objects.filter(pk=personas.other_enrolment.participant_id).update(national_id=dag)
    waiting = make_enrolment(personas.cohort, status=Status.VURDERES)
    Participant.objects.filter(pk=waiting.participant_id).update(national_id=applicant)
    return dina, dag, applicant


def _placement_row(fnr: str, cohort: str, **over: str) -> list[str]:
    values = {
        "praksissted": HOST,
        "praksisveileder": "praksisveileder",
        "startdato": START,
        "sluttdato": END,
        "prosent": "50",
        **over,
    }
    return [fnr, cohort, *(values[h] for h in PLACEMENT_HEADERS[2:])]


def _placements(*rows: list[str]) -> bytes:
    return to_csv(PLACEMENT_HEADERS, list(rows))


def _sheets(*rows: list[str]) -> bytes:
    return to_csv(SHEET_HEADERS, list(rows))


def _counts() -> tuple[int, ...]:
    return (
        Placement.objects.count(),
        PlacementPercent.objects.count(),
        Timesheet.objects.count(),
        TimesheetDay.objects.count(),
        # Less the upload's own audit row (imports.services).
        AuditEvent.objects.exclude(object_type__startswith="imports.").count(),
    )


def test_placements_and_weeks_are_imported_through_the_services_and_again_unchanged(
    personas, people
):
    dina, dag, _applicant = people
    name = personas.cohort.name
    placements = _placements(
        _placement_row(dina, name),
        # The host left blank: where the supervisor is a supervisor.
        _placement_row(dag, name, praksissted="", prosent="40", startdato="14.09.2026"),
    )
    first = import_file(personas, "praksis", placements)
    assert (first.created, first.changed, first.unchanged) == (2, 0, 0)
    dina_placement = Placement.objects.get(enrolment=personas.enrolment)
    assert (dina_placement.host, dina_placement.supervisor) == (personas.host, personas.supervisor)
    assert dina_placement.start_date == dt.date(2026, 9, 7)
    assert Placement.objects.get(enrolment=personas.other_enrolment).percents.get().percent == 40
    audited = AuditEvent.objects.filter(request_id=first.audit_tag)
    assert set(audited.values_list("actor", flat=True)) == {personas.coordinator.pk}
    assert audited.filter(object_type="placements.placement", action="create").count() == 2

    sheets = _sheets(
        [dina, name, "37/2026", "18,75", "Godkjent"],
        [dina, name, "2026-W38", "20", "Sendt inn"],
        [dag, name, "uke 38/2026", "10", "Utkast"],
        [dag, name, "23.09.2026", "15", "Sendt til godkjenning"],  # a Wednesday: week 39
    )
    weeks = import_file(personas, "timelister", sheets)
    assert (weeks.created, weeks.changed, weeks.unchanged) == (4, 0, 0)
    approved = Timesheet.objects.get(placement=dina_placement, week_start=dt.date(2026, 9, 7))
    assert approved.status == TimesheetStatus.APPROVED
    assert approved.total_hours == Decimal("18.75")
    # The supervisor approved (before Brobygger); the coordinator recorded it.
    assert approved.decided_by == personas.supervisor
    event = AuditEvent.objects.get(request_id=weeks.audit_tag, action="approve_recorded")
    assert event.actor == personas.coordinator and event.object_id == str(approved.pk)
    assert [d.hours for d in approved.days.all()] == [Decimal("3.75")] * 5
    draft = Timesheet.objects.get(
        week_start=dt.date(2026, 9, 14), placement__enrolment__pk=(personas.other_enrolment.pk)
    )
    assert draft.status == TimesheetStatus.DRAFT
    assert [d.hours for d in draft.days.all()] == [Decimal("2.00")] * 5
    assert Timesheet.objects.get(week_start=dt.date(2026, 9, 21)).status == (
        TimesheetStatus.SUBMITTED
    )

    counts = _counts()
    again = import_file(personas, "praksis", placements)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    again = import_file(personas, "timelister", sheets)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 4)
    assert _counts() == counts


def test_a_later_file_moves_a_week_on_and_the_hours_of_a_draft_change(personas, people):
    dina, _dag, _applicant = people
    name = personas.cohort.name
    import_file(personas, "praksis", _placements(_placement_row(dina, name)))
    import_file(
        personas,
        "timelister",
        _sheets(
            [dina, name, "37/2026", "10", "Utkast"], [dina, name, "38/2026", "20", "Sendt inn"]
        ),
    )
    later = import_file(
        personas,
        "timelister",
        _sheets(
            [dina, name, "37/2026", "10", "Godkjent"],  # draft -> submitted -> approved
            [dina, name, "38/2026", "20", "Godkjent"],  # submitted -> approved
        ),
    )
    assert later.changed == 2
    assert set(Timesheet.objects.values_list("status", flat=True)) == {TimesheetStatus.APPROVED}
    hours = import_file(personas, "timelister", _sheets([dina, name, "39/2026", "7", "Utkast"]))
    assert hours.created == 1
    changed = import_file(personas, "timelister", _sheets([dina, name, "39/2026", "9", "Utkast"]))
    assert changed.changed == 1
    assert Timesheet.objects.get(week_start=dt.date(2026, 9, 21)).total_hours == Decimal("9")


def test_bad_placement_rows_are_refused_naming_the_column_and_nothing_is_saved(personas, people):
    dina, dag, applicant = people
    name = personas.cohort.name
    stranger = next(synthetic_numbers(seed=12))
    elsewhere = make_participant("Else", national_id=next(synthetic_numbers(seed=13)))
    make_enrolment(personas.other_cohort, participant=elsewhere)
    before = _counts()
    rows = [
        _placement_row(stranger, name),  # 2: nobody has this number
        _placement_row(elsewhere.national_id, name),  # 3: not in this cohort
        _placement_row(applicant, name),  # 4: not taking part
        _placement_row(dina, name, startdato="10.08.2026"),  # 5: before the cohort starts
        _placement_row(dina, name, startdato="14.09.2026", sluttdato="30.06.2027"),  # 6: after
        _placement_row(dina, name, startdato="21.09.2026", prosent="120"),  # 7: percent
        _placement_row(dina, name, startdato="28.09.2026", praksisveileder="ukjent"),  # 8
        _placement_row(dina, name, startdato="05.10.2026", praksissted=str(personas.bergen)),  # 9
        _placement_row(dina, name, startdato="12.10.2026", praksissted="Finnes ikke AS"),  # 10
        _placement_row(dina, name, startdato="19.10.2026", praksissted="123456789"),  # 11
        _placement_row(dina, name, startdato="26.10.2026", sluttdato="01.10.2026"),  # 12
        _placement_row(dag, name),  # 13: fine
        _placement_row(dag, name.upper(), prosent="60"),  # 14: the same placement again
        _placement_row(dag, name, startdato="01.10.2026"),  # 15: overlaps line 13
    ]
    run = dry_run(upload(personas, "praksis", _placements(*rows)))
    found = refusals(run)
    assert found[2] == [
        "Kolonne «fødselsnummer»: ingen deltaker har dette fødselsnummeret (importer deltakerne "
        "først)"
    ]
    assert found[3] == [
        "Kolonne «fødselsnummer»: personen har ingen søknad til kullet (importer deltakerne først)"
    ]
    assert found[4] == [
        "Kolonne «fødselsnummer»: personen har status «Vurderes» og kan ikke ha praksis i kullet"
    ]
    assert found[5] == [
        "Kolonne «startdato»: ligger utenfor kullets datoer (17.08.2026–21.06.2027)"
    ]
    assert found[6] == [
        "Kolonne «sluttdato»: ligger utenfor kullets datoer (17.08.2026–21.06.2027)"
    ]
    assert found[7] == ["Kolonne «prosent»: må være mellom 1 og 100"]
    assert found[8] == [
        "Kolonne «praksisveileder»: ingen praksisveileder i Brobygger har dette brukernavnet "
        "eller denne e-posten"
    ]
    assert found[9] == [
        f"Kolonne «praksisveileder»: er ikke praksisveileder hos {personas.bergen.name}"
    ]
    assert "Kolonne «praksissted»: «Finnes ikke AS» er ikke en virksomhet" in found[10][0]
    assert found[11] == ["Kolonne «praksissted»: «123456789» er ikke et gyldig organisasjonsnummer"]
    assert found[12] == ["Kolonne «sluttdato»: Sluttdatoen kan ikke være før startdatoen."]
    assert 13 not in found
    assert found[14] == ["Står to ganger i filen: samme som rad 13."]
    assert found[15] == [
        "Kolonne «startdato»: Deltakeren har allerede praksis i perioden 07.09.2026–31.01.2027."
    ]
    assert run.created == 1 and _counts() == before  # the dry run wrote nothing
    assert all(dina not in m and "Dina" not in m for ms in found.values() for m in ms)


def test_a_host_by_organisation_number_and_an_existing_placement_with_other_values(
    personas, people
):
    dina, _dag, _applicant = people
    name = personas.cohort.name
    number = next(n for n in (f"91234{i:04d}" for i in range(10_000)) if orgnr.is_valid(n))
    Organisation.objects.filter(pk=personas.host.pk).update(orgnr=number)
    first = import_file(
        personas, "praksis", _placements(_placement_row(dina, name, praksissted=number))
    )
    assert first.created == 1
    changed = dry_run(
        upload(
            personas,
            "praksis",
            _placements(_placement_row(dina, name, praksissted=number, sluttdato="28.02.2027")),
        )
    )
    assert refusals(changed)[2] == [
        "Kolonne «sluttdato»: praksisplassen finnes fra før med en annen verdi her. Importen "
        "endrer ikke praksisplasser: endre den på praksissiden"
    ]
    assert Placement.objects.get().end_date == dt.date(2027, 1, 31)


def test_bad_timesheet_rows_are_refused_naming_the_column_and_nothing_is_saved(personas, people):
    dina, dag, applicant = people
    name = personas.cohort.name
    placement = make_placement(personas)  # Dina, 07.09.2026-31.01.2027
    for week, status in ((7, "approved"), (14, "submitted"), (21, "approved"), (28, "submitted")):
        make_timesheet(placement, dt.date(2026, 9, week), "18.75", status=status)
    before = _counts()
    rows = [
        [dina, name, "37/2026", "20", "Godkjent"],  # 2: approved, other hours
        [dina, name, "39/2026", "18,75", "Utkast"],  # 3: approved, other status
        [dina, name, "38/2026", "18,75", "Utkast"],  # 4: submitted back to a draft
        [dina, name, "40/2026", "17", "Godkjent"],  # 5: submitted, other hours
        [dina, name, "36/2026", "10", "Utkast"],  # 6: the week before the placement
        [dina, name, "49/2026", "10", "Utkast"],  # 7: this week, not over yet
        [dina, name, "41/2026", "0", "Utkast"],  # 8: no hours
        [dina, name, "42/2026", "61", "Utkast"],  # 9: too many
        [dina, name, "43/2026", "mange", "Utkast"],  # 10: not a number
        [dina, name, "44/2026", "7,125", "Utkast"],  # 11: three decimals
        [dina, name, "45/2026", "7", "Sendt tilbake"],  # 12: returned is done on the page
        [dina, name, "53/2027", "7", "Utkast"],  # 13: 2027 has 52 weeks
        [dina, name, "neste uke", "7", "Utkast"],  # 14: not a week
        [dag, name, "41/2026", "7", "Utkast"],  # 15: Dag has no placement
        [applicant, name, "41/2026", "7", "Utkast"],  # 16: nor the applicant
        [dina, name, "46/2026", "7", "Ferdig"],  # 17: unknown status
        [dina, name, "47/2026", "7", "Utkast"],  # 18: fine
        [dina, name, "16.11.2026", "8", "Utkast"],  # 19: the same week as line 18
        [next(synthetic_numbers(seed=12)), name, "41/2026", "7", "Utkast"],  # 20: nobody
    ]
    run = dry_run(upload(personas, "timelister", _sheets(*rows)))
    found = refusals(run)
    assert found[2] == ["Kolonne «timer»: timelisten for uka er godkjent og kan ikke endres"]
    assert found[3] == ["Kolonne «status»: timelisten for uka er godkjent og kan ikke endres"]
    assert found[4] == [
        "Kolonne «status»: kan ikke endre status fra «Sendt til godkjenning» til «Utkast»"
    ]
    assert found[5] == [
        "Kolonne «timer»: timelisten venter på godkjenning og kan ikke endres: send den tilbake "
        "på timelistesiden først"
    ]
    assert found[6] == [
        "Kolonne «uke»: uka (mandag 31.08.2026) ligger utenfor praksisperioden "
        "(07.09.2026–31.01.2027)"
    ]
    assert found[7] == ["Kolonne «uke»: uka er ikke over ennå: timer føres for dager som har vært"]
    assert found[8] == found[9] == ["Kolonne «timer»: må være mer enn 0 og høyst 60 timer i uka"]
    assert found[10] == ["Kolonne «timer»: «mange» er ikke et tall"]
    assert found[11] == ["Kolonne «timer»: bruk høyst to desimaler, for eksempel 18,75"]
    assert "«Sendt tilbake» importeres ikke" in found[12][0]
    assert found[13] == ["Kolonne «uke»: 2027 har ikke uke 53"]
    assert found[14] == [
        "Kolonne «uke»: «neste uke» er ikke en uke (skriv ukenummer/år, for eksempel 35/2024)"
    ]
    assert found[15] == [
        "Kolonne «fødselsnummer»: personen har ingen praksisplass i kullet (importer "
        "praksisplassene først)"
    ]
    assert found[16] == found[15]
    assert found[17] == ["Kolonne «status»: «Ferdig» er ikke en status for timelister"]
    assert 18 not in found
    assert found[19] == ["Står to ganger i filen: samme som rad 18."]
    assert "ingen deltaker har dette fødselsnummeret" in found[20][0]
    assert _counts() == before
    assert Timesheet.objects.get(week_start=dt.date(2026, 9, 7)).total_hours == Decimal("18.75")


def test_a_week_two_placements_share_needs_the_placement_start(personas, people):
    dina, _dag, _applicant = people
    name = personas.cohort.name
    make_placement(personas, start=dt.date(2026, 9, 7), end=dt.date(2026, 9, 23))  # to a Wed
    make_placement(personas, start=dt.date(2026, 9, 24), end=dt.date(2026, 12, 20))
    headers = [*SHEET_HEADERS, "praksisstart"]
    rows = [
        [dina, name, "39/2026", "8", "Utkast", ""],
        [dina, name, "39/2026", "6", "Utkast", "24.09.2026"],
        [dina, name, "39/2026", "9", "Utkast", "01.09.2026"],
    ]
    found = refusals(dry_run(upload(personas, "timelister", to_csv(headers, rows))))
    assert found[2] == [
        "Kolonne «praksisstart»: uka hører til to praksisplasser: skriv praksisplassens startdato"
    ]
    assert 3 not in found
    assert found[4] == [
        "Kolonne «praksisstart»: personen har ingen praksisplass i kullet som starter da"
    ]
    run = import_file(personas, "timelister", to_csv(headers, [rows[1]]))
    sheet = Timesheet.objects.get()
    assert run.created == 1 and sheet.placement.start_date == dt.date(2026, 9, 24)
    assert [(d.date.day, d.hours) for d in sheet.days.all()] == [(24, Decimal(3)), (25, Decimal(3))]


def test_recording_an_approval_is_for_the_programmes_coordinator(personas, people):
    sheet = make_timesheet(
        make_placement(personas), dt.date(2026, 9, 7), "18.75", status=TimesheetStatus.SUBMITTED
    )
    for someone in (personas.supervisor, personas.other_coordinator):
        with pytest.raises(ValidationError, match="Bare programmets koordinator"):
            timesheet_record_approval(by=someone, timesheet=sheet)
    assert Timesheet.objects.get().status == TimesheetStatus.SUBMITTED


def test_the_example_national_id_of_every_template_has_valid_check_digits():
    examples = {
        column.example
        for kind in KINDS.values()
        for column in kind.columns
        if column.name == "fødselsnummer"
    }
    assert examples == {"16456900570"}
    assert all(fodselsnummer.is_valid(example) for example in examples)


@pytest.mark.parametrize("kind", ["praksis", "timelister"])
def test_the_templates_have_the_norwegian_columns(client, personas, kind):
    login(client, personas.coordinator)
    url = reverse("import_template")
    csv = client.get(url, {"type": kind, "format": "csv"})
    header = csv.content.decode("utf-8-sig").strip().split(";")
    assert header == KINDS[kind].column_names() and header[:2] == ["fødselsnummer", "kull"]
    assert all(name == name.lower() for name in header)
    book = load_workbook(io.BytesIO(client.get(url, {"type": kind, "format": "xlsx"}).content))
    assert [c.value for c in book.worksheets[0][1]] == header


def test_a_weeks_row_costs_a_fixed_number_of_queries(personas, people):
    """The lookups are cached per file, so ten more rows cost ten times one row: 33 queries, of
    which timesheet_save's five day rows (a FK check, an insert, an audit row each) are 15."""
    dina, _dag, _applicant = people
    name = personas.cohort.name
    make_placement(personas)

    def queries(weeks: range) -> int:
        rows = [[dina, name, f"{week}/2026", "18,75", "Godkjent"] for week in weeks]
        run = upload(personas, "timelister", _sheets(*rows))
        with CaptureQueriesContext(connection) as captured:
            assert dry_run(run).created == len(weeks)
        return len(captured)

    one, many = queries(range(37, 38)), queries(range(37, 48))
    assert (many - one) / 10 == 33
