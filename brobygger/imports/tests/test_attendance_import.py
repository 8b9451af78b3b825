"""Attendance: through the attendance service, once per person and session, corrections kept
as revisions, and rows for sessions or people that do not exist refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from brobygger.attendance.models import AttendanceRecord, AttendanceRevision
from brobygger.enrolments.models import Participant, Status
from brobygger.imports.synthetic import synthetic_numbers, to_csv
from brobygger.imports.tests.helpers import dry_run, import_file, refusals, upload
from brobygger.testing import make_enrolment, make_session

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

HEADERS = ["fødselsnummer", "kull", "dato", "fra", "oppmøte", "timer"]


@pytest.fixture
def people(personas):
    numbers = synthetic_numbers(seed=5)
    dina, dag, applicant = next(numbers), next(numbers), next(numbers)
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(national_id=dina)
    Participant.objects.filter(pk=personas.other_enrolment.participant_id).update(national_id=dag)
    waiting = make_enrolment(personas.cohort, status=Status.VURDERES)
    Participant.objects.filter(pk=waiting.participant_id).update(national_id=applicant)
    make_session(personas.cohort, date=dt.date(2026, 9, 1))
    make_session(personas.cohort, date=dt.date(2026, 9, 3))
    return dina, dag, applicant


def test_attendance_is_recorded_once_and_a_change_is_a_correction(personas, people):
    dina, dag, _applicant = people
    name = personas.cohort.name
    rows = [
        [dina, name, "01.09.2026", "09:00", "Til stede", ""],
        [dag, name, "01.09.2026", "09:00", "Delvis til stede", "1,5"],
        [dina, name, "03.09.2026", "09:00", "Gyldig fravær", ""],
    ]
    first = import_file(personas, "oppmote", to_csv(HEADERS, rows))
    assert first.created == 3
    partial = AttendanceRecord.objects.get(enrolment=personas.other_enrolment)
    assert partial.hours == Decimal("1.50")
    again = import_file(personas, "oppmote", to_csv(HEADERS, rows))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 3)

    rows[2][4] = "Til stede"
    corrected = import_file(personas, "oppmote", to_csv(HEADERS, rows))
    assert corrected.changed == 1
    assert AttendanceRecord.objects.count() == 3
    assert AttendanceRevision.objects.count() == 1


def test_rows_for_missing_sessions_people_or_statuses_are_refused(personas, people):
    dina, _dag, applicant = people
    name = personas.cohort.name
    rows = [
        [dina, name, "02.09.2026", "09:00", "Til stede", ""],  # 2: no session that day
        [applicant, name, "01.09.2026", "09:00", "Til stede", ""],  # 3: not taking part
        [dina, name, "01.09.2026", "09:00", "Kanskje", ""],  # 4: unknown attendance
        [dina, name, "03.09.2026", "09:00", "Delvis til stede", ""],  # 5: no hours
        ["17459012338", name, "01.09.2026", "09:00", "Til stede", ""],  # 6: nobody
    ]
    found = refusals(dry_run(upload(personas, "oppmote", to_csv(HEADERS, rows))))
    assert "kullet har ingen økt da" in found[2][0]
    assert "status «Vurderes»" in found[3][0]
    assert "«Kanskje» er ikke et oppmøte" in found[4][0]
    assert found[5] == ["Kolonne «timer»: Skriv inn hvor mange timer deltakeren var til stede."]
    assert "ingen søknad til kullet" in found[6][0]
    assert not AttendanceRecord.objects.exists()
