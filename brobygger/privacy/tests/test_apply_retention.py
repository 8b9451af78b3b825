"""The daily retention job: nothing before the date; after it the person is anonymised, their
files are gone, the statistics are unchanged, and running again does nothing more."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import User
from brobygger.assessments.models import Assessment, Submission
from brobygger.assessments.tests.factories import stored_files
from brobygger.attendance.models import AttendanceRecord
from brobygger.completion.models import Completion
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, StatusChange
from brobygger.placements.models import Evaluation, Timesheet, TimesheetDay
from brobygger.privacy.models import Anonymisation, Consent
from brobygger.privacy.tests.factories import COMPLETED_ON, TEXTS, build_history
from brobygger.privacy.tests.helpers import assert_one_event_per_changed_row, audit_per_row

pytestmark = pytest.mark.django_db
DUE = dt.date(2032, 6, 18)  # five years after COMPLETED_ON


def run(time_machine, day: dt.date) -> str:
    time_machine.move_to(dt.datetime.combine(day, dt.time(1, 0)), tick=False)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    return out.getvalue()


def statistics() -> dict:
    """The figures outcome statistics read: none may change."""
    return {
        "statuses": sorted(Enrolment.objects.values_list("status", flat=True)),
        "history": sorted(
            StatusChange.objects.values_list("enrolment_id", "status", "valid_from", "reason")
        ),
        "completions": list(
            Completion.objects.values_list(
                "completed_on", "theory_hours", "practice_weeks", "assignment_approved"
            )
        ),
        "exceptions": sum(c.is_exception for c in Completion.objects.all()),
        "attendance_hours": AttendanceRecord.objects.aggregate(h=Sum("hours"))["h"],
        "timesheet_hours": TimesheetDay.objects.aggregate(h=Sum("hours"))["h"],
        "approved_weeks": Timesheet.objects.filter(status="approved").count(),
        "outcomes": sorted(Assessment.objects.values_list("outcome", flat=True)),
        "attempts": Submission.objects.count(),
        "municipalities": list(
            Participant.objects.values("municipality_id").annotate(n=Count("id")).order_by()
        ),
    }


@pytest.fixture
def ronja(personas, time_machine):
    return build_history(personas, time_machine)


def test_before_the_date_nothing_happens(personas, ronja, time_machine):
    assert run(time_machine, DUE - dt.timedelta(days=1)).startswith("0 personer anonymisert")
    person = Participant.objects.get(pk=ronja.enrolment.participant_id)
    assert person.first_name == "Ronja"
    assert len(stored_files()) == 2
    assert not Anonymisation.objects.exists()


def test_on_the_date_the_person_is_anonymised_and_the_files_are_gone(personas, ronja, time_machine):
    before = statistics()
    person_id = ronja.enrolment.participant_id
    user_id = Participant.objects.get(pk=person_id).user_id
    assert user_id is not None
    output = run(time_machine, DUE)
    assert output.startswith("1 personer anonymisert (18.06.2032, oppbevaringstid 5 år).")
    assert f"Deltaker-id: {person_id}." in output
    assert "Ronja" not in output and "Ravnsborg" not in output

    person = Participant.objects.get(pk=person_id)
    assert (person.first_name, person.last_name) == ("Anonymisert", "deltaker")
    assert (person.birth_date, person.national_id, person.email, person.phone) == (
        None,
        "",
        "",
        "",
    )
    assert person.municipality_id == "4601"  # kept for statistics
    user = User.objects.get(pk=user_id)
    assert user.username == f"anonymisert-{user_id}"
    assert (user.first_name, user.last_name, user.email, user.is_active) == ("", "", "", False)
    assert not user.has_usable_password()

    enrolment = Enrolment.objects.get(pk=ronja.enrolment.pk)
    assert enrolment.motivation == ""
    assert set(Evaluation.objects.values_list("text", flat=True)) == {"[anonymisert]"}
    assert set(Assessment.objects.values_list("feedback", flat=True)) == {""}
    assert set(Timesheet.objects.values_list("supervisor_comment", flat=True)) == {""}
    assert set(Submission.objects.values_list("original_name", flat=True)) == {"anonymisert"}
    assert Completion.objects.get().exception_reason == "[anonymisert]"
    assert not Consent.objects.filter(withdrawn_at__isnull=True).exists()
    assert stored_files() == []

    record = Anonymisation.objects.get(participant_id=person_id)
    assert (record.early, record.ended_on, record.files_deleted) == (False, COMPLETED_ON, 2)
    assert statistics() == before


def test_nothing_personal_is_left_in_the_database_rows_of_the_person(personas, ronja, time_machine):
    run(time_machine, DUE)
    person_id = ronja.enrolment.participant_id
    dump = json.dumps(
        [
            list(Participant.objects.filter(pk=person_id).values()),
            list(Enrolment.objects.filter(participant_id=person_id).values()),
            list(StatusChange.objects.filter(enrolment__participant_id=person_id).values()),
            list(Timesheet.objects.values()),
            list(Evaluation.objects.values()),
            list(Submission.objects.values()),
            list(Assessment.objects.values()),
            list(Completion.objects.values()),
            list(User.objects.filter(participant__pk=person_id).values()),
            # The append-only logs never held it in the first place.
            list(AuditEvent.objects.values()),
            list(AccessEvent.objects.values()),
        ],
        default=str,
    )
    for secret in ["Ronja", "Ravnsborg", "ronja@example", "400 00 000", "1980-03-04"]:
        assert secret not in dump
    for text in TEXTS.values():
        assert text not in dump


def test_running_twice_is_harmless(personas, ronja, time_machine):
    run(time_machine, DUE)
    events = AuditEvent.objects.count()
    after_first = statistics()
    assert run(time_machine, DUE + dt.timedelta(days=3)).startswith("0 personer anonymisert")
    assert AuditEvent.objects.count() == events
    assert Anonymisation.objects.count() == 1
    assert statistics() == after_first


def test_someone_still_taking_part_is_never_due(personas, time_machine):
    history = build_history(personas, time_machine, complete=False)  # still DELTAR
    assert run(time_machine, dt.date(2040, 1, 1)).startswith("0 personer anonymisert")
    assert Participant.objects.get(pk=history.enrolment.participant_id).first_name == "Ronja"
    assert not Anonymisation.objects.filter(participant_id=history.enrolment.participant_id)


def test_the_others_are_left_alone(personas, ronja, time_machine):
    run(time_machine, DUE)
    dina = Participant.objects.get(pk=personas.enrolment.participant_id)
    assert dina.first_name == "Dina"  # personas' Dina is still taking part


def test_each_row_changed_leaves_exactly_one_audit_event(personas, ronja, time_machine):
    with audit_per_row(
        Participant,
        User,
        Enrolment,
        Timesheet,
        Evaluation,
        Submission,
        Assessment,
        Completion,
        Consent,
        Anonymisation,
    ) as check:
        run(time_machine, DUE)
    assert_one_event_per_changed_row(check)
    assert AuditEvent.objects.filter(actor=None, action="anonymise").exists()  # the system


def test_a_dry_run_lists_ids_and_changes_nothing(personas, ronja, time_machine):
    time_machine.move_to(dt.datetime(2032, 7, 1, 1, 0), tick=False)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"Deltaker-id: {ronja.enrolment.participant_id}." in out.getvalue()
    assert "Ingenting er endret." in out.getvalue()
    assert not Anonymisation.objects.exists()


def test_the_retention_period_comes_from_settings(personas, ronja, time_machine, settings):
    settings.BROBYGGER_RETENTION_YEARS = 2
    assert run(time_machine, dt.date(2029, 6, 17)).startswith("0 personer")
    assert run(time_machine, dt.date(2029, 6, 18)).startswith("1 personer")
    assert Anonymisation.objects.count() == 1
