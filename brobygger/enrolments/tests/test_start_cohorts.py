import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.testing import make_enrolment


def run() -> str:
    out = StringIO()
    call_command("start_cohorts", stdout=out)
    return out.getvalue()


def test_it_starts_admitted_people_on_the_start_date_once(personas):
    cohort = personas.cohort  # starts 17.08.2026
    admitted = [make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART) for _ in range(2)]
    waiting = make_enrolment(cohort, status=Status.VENTELISTE)

    with time_machine.travel(dt.datetime(2026, 8, 16, 22, 30, tzinfo=dt.UTC), tick=False):
        # 00:30 on the 17th in Oslo: the local date counts, not UTC's.
        assert run().startswith("2 deltakelser flyttet")
    with time_machine.travel(dt.datetime(2026, 8, 17, 8, tzinfo=dt.UTC), tick=False):
        assert run().startswith("0 deltakelser flyttet")  # idempotent

    for enrolment in admitted:
        enrolment.refresh_from_db()
        assert enrolment.status == Status.DELTAR
        latest = enrolment.history.get(valid_to__isnull=True)
        assert (latest.valid_from, latest.created_by) == (cohort.start_date, None)
    waiting.refresh_from_db()
    assert waiting.status == Status.VENTELISTE
    events = AuditEvent.objects.filter(
        action="status_change", object_id__in=[str(e.pk) for e in admitted], actor=None
    )
    started = [
        e for e in events if e.changes["status"] == [Status.VENTER_PA_OPPSTART, Status.DELTAR]
    ]
    assert len(started) == 2


def test_nothing_moves_before_the_start_date(personas):
    admitted = make_enrolment(personas.cohort, status=Status.VENTER_PA_OPPSTART)
    with time_machine.travel(dt.datetime(2026, 8, 16, 12, tzinfo=dt.UTC), tick=False):
        assert run().startswith("0 deltakelser flyttet")
    admitted.refresh_from_db()
    assert admitted.status == Status.VENTER_PA_OPPSTART
