"""Each daily job, with work waiting for it, run twice: the first run does the work, the second
finds nothing to do and changes no row anywhere (a crash or two workers can run a job twice)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from brobygger.core.models import AuditCheck, AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.jobs import daily
from brobygger.jobs.tests.testjobs import quick
from brobygger.privacy.models import Anonymisation
from brobygger.privacy.tests.factories import build_history
from brobygger.testing import make_enrolment

OSLO = ZoneInfo("Europe/Oslo")


def _counts(*, ignore: tuple[type[Any], ...] = ()) -> dict[str, int]:
    """Rows per table, every model of the project and its libraries."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy and model not in ignore
    }


def _at(day: dt.date, hour: int, time_machine: Any) -> None:
    time_machine.move_to(dt.datetime.combine(day, dt.time(hour), tzinfo=OSLO), tick=False)


def test_start_cohorts_twice_starts_each_person_once(personas, time_machine):
    cohort = personas.cohort
    admitted = [make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART) for _ in range(2)]
    _at(cohort.start_date, 1, time_machine)
    assert daily.start_cohorts.call() == 2
    history = sorted(StatusChange.objects.values_list("enrolment_id", "status", "valid_from"))
    before = _counts()

    assert daily.start_cohorts.call() == 0
    assert _counts() == before
    assert sorted(StatusChange.objects.values_list("enrolment_id", "status", "valid_from")) == (
        history
    )
    for enrolment in admitted:
        enrolment.refresh_from_db()
        assert enrolment.status == Status.DELTAR


def test_apply_retention_twice_anonymises_once(personas, time_machine):
    ronja = build_history(personas, time_machine)
    _at(dt.date(2032, 6, 18), 1, time_machine)  # five years after her completion
    assert daily.apply_retention.call() == 1
    person = Participant.objects.get(pk=ronja.enrolment.participant_id)
    assert person.first_name != "Ronja"
    names = sorted(Participant.objects.values_list("pk", "first_name", "last_name"))
    before = _counts()

    assert daily.apply_retention.call() == 0
    assert _counts() == before
    assert Anonymisation.objects.filter(participant=person).count() == 1
    assert sorted(Participant.objects.values_list("pk", "first_name", "last_name")) == names


def test_verify_audit_twice_records_one_check_a_run_and_changes_nothing_else(
    personas, time_machine
):
    make_enrolment(personas.cohort)  # some audit rows to check
    assert AuditEvent.objects.exists()
    first = daily.verify_audit.call()
    assert first == "Loggkjedene er hele."
    before = _counts(ignore=(AuditCheck,))
    checks = AuditCheck.objects.count()

    assert daily.verify_audit.call() == first
    assert _counts(ignore=(AuditCheck,)) == before
    assert AuditCheck.objects.count() == checks + 1  # a record of the run, by design
    assert set(AuditCheck.objects.values_list("ok", flat=True)) == {True}


def test_prune_job_results_twice_deletes_only_old_finished_results(db, time_machine):
    now = dt.datetime(2026, 3, 2, 3, 0, tzinfo=OSLO)
    time_machine.move_to(now, tick=False)

    def finished(status: str, days_ago: int) -> str:
        row = DBTaskResult.objects.get(pk=quick.enqueue(f"{status}-{days_ago}").id)
        row.status, row.finished_at = status, now - dt.timedelta(days=days_ago)
        row.save(update_fields=["status", "finished_at"])
        return str(row.pk)

    old = [finished(TaskResultStatus.SUCCESSFUL, 15), finished(TaskResultStatus.FAILED, 91)]
    kept = [
        finished(TaskResultStatus.SUCCESSFUL, 13),
        finished(TaskResultStatus.FAILED, 89),  # still listed on /drift/jobber/
        str(quick.enqueue("waiting").id),
    ]
    assert daily.prune_job_results.call() == 2
    before = _counts()

    assert daily.prune_job_results.call() == 0
    assert _counts() == before
    left = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert left == set(kept) and not left & set(old)


def test_the_daily_jobs_find_nothing_to_do_on_an_empty_database(db):
    assert daily.start_cohorts.call() == 0
    assert daily.apply_retention.call() == 0
    assert daily.prune_job_results.call() == 0
    assert Enrolment.objects.count() == 0
