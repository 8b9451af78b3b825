"""`manage.py load_demo`: the synthetic Bergen history, its invariants and its logins."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Sum
from django.test import Client, override_settings
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.assessments.models import Submission
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.completion.models import Completion
from brobygger.demo.builder import DEMO_LOGINS, DEMO_PASSWORD
from brobygger.enrolments.models import EndingReason, Enrolment, Participant, Status, StatusChange
from brobygger.enrolments.transitions import can_transition
from brobygger.organisations.models import Organisation
from brobygger.placements.models import Placement, PlacementPercent, Timesheet, TimesheetStatus
from brobygger.programmes.models import Cohort


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """Load once for the read-only tests; rolled back when the module is done."""
    private = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("private")), "base_url": None},
    }
    with django_db_blocker.unblock(), transaction.atomic():
        from django.conf import settings

        with override_settings(STORAGES={**settings.STORAGES, "private": private}):
            output = load()
        yield output
        transaction.set_rollback(True)


def running_cohort() -> Cohort:
    return Cohort.objects.get(
        start_date__lte=timezone.localdate(), end_date__gt=timezone.localdate()
    )


def test_the_finished_cohorts_hold_about_a_hundred_with_just_over_sixty_completed(
    demo: str, db: None
) -> None:
    finished = Enrolment.objects.filter(cohort__end_date__lt=timezone.localdate())
    by_status = Counter(finished.values_list("status", flat=True))
    completed, discontinued = by_status[Status.FULLFORT], by_status[Status.AVBRUTT]

    assert Cohort.objects.filter(end_date__lt=timezone.localdate()).count() == 10
    assert 60 < completed < 70
    assert 95 <= completed + discontinued <= 110
    assert by_status[Status.IKKE_AKTUELL] >= 3
    assert set(by_status) == {Status.FULLFORT, Status.AVBRUTT, Status.IKKE_AKTUELL}
    assert Completion.objects.count() == completed
    assert not finished.filter(status=Status.FULLFORT, completion__isnull=True).exists()


def test_discontinued_people_have_coded_reasons(demo: str, db: None) -> None:
    endings = StatusChange.objects.filter(
        valid_to__isnull=True, status__in=[Status.AVBRUTT, Status.IKKE_AKTUELL]
    )
    reasons = Counter(endings.values_list("reason", flat=True))

    assert "" not in reasons
    assert {EndingReason.ILLNESS, EndingReason.GOT_JOB, EndingReason.NO_SHOW} <= set(reasons)
    for change in endings.filter(reason=EndingReason.OTHER):
        assert change.reason_text
    assert not endings.exclude(reason=EndingReason.OTHER).exclude(reason_text="").exists()


@pytest.mark.parametrize(("username", "role_and_org"), DEMO_LOGINS.items())
def test_every_demo_login_works_with_its_role(
    demo: str, db: None, client: Client, username: str, role_and_org: tuple[str, str]
) -> None:
    user = User.objects.get(username=username)

    assert list(user.memberships.values_list("role", flat=True)) == [role_and_org[0]]
    assert client.login(username=username, password=DEMO_PASSWORD)
    assert user.is_superuser is (username == "admin")
    assert user.is_staff is (username == "admin")


def test_only_the_listed_logins_have_the_demo_password(demo: str, db: None) -> None:
    others = User.objects.exclude(username__in=DEMO_LOGINS)

    # Supervisors at the other placement sites, and the other 14 counties' coordinators.
    assert others.count() == 3 + 14
    for user in others:
        assert not user.has_usable_password()
        assert not user.check_password(DEMO_PASSWORD)


def test_the_running_cohort_is_halfway_with_attendance_and_timesheets(demo: str, db: None) -> None:
    today = timezone.localdate()
    cohort = running_cohort()
    by_status = Counter(cohort.enrolments.values_list("status", flat=True))
    sheets = Counter(
        Timesheet.objects.filter(placement__enrolment__cohort=cohort).values_list(
            "status", flat=True
        )
    )

    assert cohort.start_date < today < cohort.end_date
    assert abs((today - cohort.start_date) - (cohort.end_date - today)) < dt.timedelta(weeks=3)
    assert cohort.capacity == 17
    assert by_status == {
        Status.DELTAR: 15, Status.PERMISJON: 1, Status.AVBRUTT: 1, Status.VENTELISTE: 2,
        Status.SOKT_INN: 1, Status.VURDERES: 1,
    }  # fmt: skip
    waitlist = cohort.enrolments.filter(status=Status.VENTELISTE)
    assert list(
        waitlist.order_by("waitlist_position").values_list("waitlist_position", flat=True)
    ) == [1, 2]
    assert not cohort.enrolments.exclude(status=Status.VENTELISTE).filter(
        waitlist_position__isnull=False
    )
    past = cohort.sessions.filter(date__lt=today, status="planned")
    assert past.exists() and cohort.sessions.filter(date__gt=today).exists()
    assert AttendanceRecord.objects.filter(session__in=past).count() >= 15 * (past.count() - 10)
    assert not AttendanceRecord.objects.filter(session__cohort=cohort, session__date__gte=today)
    assert sheets[TimesheetStatus.APPROVED] > 100
    assert sheets[TimesheetStatus.SUBMITTED] >= 3
    assert sheets[TimesheetStatus.RETURNED] == 1
    assert cohort.teachers.filter(username="underviser").exists()


def test_one_participant_has_three_absences_in_a_row(demo: str, db: None) -> None:
    cohort = running_cohort()
    streaks = 0
    for enrolment in cohort.enrolments.filter(status=Status.DELTAR):
        latest = list(
            enrolment.attendance.order_by("-session__date").values_list("status", flat=True)[:3]
        )
        absent = {AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED}
        streaks += len(latest) == 3 and set(latest) <= absent
    assert streaks == 1


def test_the_demo_participant_and_the_staff_have_work_to_show(demo: str, db: None) -> None:
    enrolment = Enrolment.objects.get(participant__user__username="deltaker")
    own = Counter(
        Timesheet.objects.filter(placement__enrolment=enrolment).values_list("status", flat=True)
    )

    assert enrolment.status == Status.DELTAR and enrolment.cohort == running_cohort()
    assert enrolment.attendance.exists()
    assert own[TimesheetStatus.APPROVED] >= 1 and own[TimesheetStatus.SUBMITTED] == 1
    assert not enrolment.submissions.exists()
    assert (
        Placement.objects.filter(
            supervisor__username="praksisveileder", enrolment__cohort=running_cohort()
        ).count()
        >= 5
    )
    assert running_cohort().enrolments.filter(referred_by__username="veileder").count() >= 4
    assert Submission.objects.filter(enrolment__cohort=running_cohort()).count() >= 2


def test_every_status_history_is_complete_and_consistent(demo: str, db: None) -> None:
    for enrolment in Enrolment.objects.prefetch_related("history"):
        rows = list(enrolment.history.all())
        assert rows[0].status == Status.SOKT_INN
        assert [r for r in rows if r.valid_to is None] == rows[-1:]
        assert rows[-1].status == enrolment.status
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.valid_to == after.valid_from
            assert can_transition(before.status, after.status)


def test_derived_figures_match_their_rows(demo: str, db: None) -> None:
    mismatched = Timesheet.objects.annotate(days_sum=Sum("days__hours")).exclude(
        total_hours=0, days_sum__isnull=True
    )
    for sheet in mismatched:
        assert sheet.total_hours == sheet.days_sum
    for record in AttendanceRecord.objects.select_related("session"):
        if record.status == AttendanceStatus.PRESENT:
            assert record.hours == record.session.hours
        elif record.status != AttendanceStatus.PARTIAL:
            assert record.hours == 0
    starts = PlacementPercent.objects.filter(valid_from=F("placement__start_date"))
    assert starts.count() == Placement.objects.count()
    for completion in Completion.objects.select_related("version"):
        hours = completion.enrolment.attendance.aggregate(h=Sum("hours"))["h"]
        assert completion.theory_hours == hours
        assert completion.practice_weeks == completion.version.practice_weeks
        assert completion.assignment_approved
        assert hours >= completion.version.theory_hours or completion.exception_reason


def test_completed_people_have_enough_approved_practice_weeks(demo: str, db: None) -> None:
    for completion in Completion.objects.select_related("version"):
        version = completion.version
        needed = Decimal(version.placement_percent) * Decimal("37.5") / 100 * version.week_tolerance
        weeks = Timesheet.objects.filter(
            placement__enrolment=completion.enrolment,
            status=TimesheetStatus.APPROVED,
            total_hours__gte=needed,
        ).count()
        assert weeks >= version.practice_weeks


def test_people_are_synthetic(demo: str, db: None) -> None:
    assert not Participant.objects.exclude(national_id="").exists()
    assert not Organisation.objects.exclude(orgnr="").exists()
    names = Participant.objects.values("first_name", "last_name").annotate(n=Count("id"))
    assert not names.filter(n__gt=1).exists()
