"""Issue 11's "done when": the clock walks one cohort's week, Monday 30 November to Monday
7 December 2026. Each morning the worker's daily jobs run as scheduled (schedule.py: reminders at
06:00, digests at 07:00), and things happen in between as people do them. Which notifications
each role gets, in the app and by e-mail through the real SMTP server, is checked day by day:
each reminder comes from the data, and stops when its cause is fixed. On Thursday the SMTP
server is down for the morning's first mail; it arrives once, on the retry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from brobygger.assessments.models import Assessment, Outcome
from brobygger.assessments.tests.factories import make_attempts
from brobygger.attendance.models import AttendanceStatus
from brobygger.contacts.models import ContactMessage
from brobygger.contacts.tests.factories import make_message
from brobygger.jobs.schedule import DAILY_JOBS
from brobygger.jobs.services import daily_jobs_enqueue
from brobygger.notifications.models import Notification, NotificationPreference
from brobygger.notifications.reminders.tests.helpers import record
from brobygger.notifications.testing import run_queued_jobs
from brobygger.notifications.tests.helpers import persona_names, with_email
from brobygger.placements.models import TimesheetStatus
from brobygger.placements.services import timesheet_approve
from brobygger.placements.tests.factories import make_placement, make_timesheet
from brobygger.subsidy.services import refund_period_create
from brobygger.subsidy.tests.factories import make_active
from brobygger.testing import make_session

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
MONDAY = dt.date(2026, 11, 30)
DAYS = [MONDAY + dt.timedelta(days=n) for n in range(8)]  # Monday to Monday
NOTIFICATION_JOBS = [d for d in DAILY_JOBS if d.task.startswith("brobygger.notifications.")]
DIGEST = "Brobygger: dagens sammendrag"

# Who gets what, each morning (by login): the reminders made that day, in kind order.
EXPECTED_IN_APP: dict[dt.date, dict[str, list[str]]] = {
    DAYS[0]: {"deltaker": ["timesheet_missing"], "veileder": ["refund_period_ready"]},
    DAYS[1]: {"veileder": ["refund_period_ready", "agreement_ending"]},
    DAYS[2]: {"underviser": ["attendance_not_taken"], "koordinator": ["assignments_waiting"]},
    DAYS[3]: {"koordinator": ["assignments_waiting"], "fylkeskoordinator": ["contact_message"]},
    DAYS[4]: {"praksisveileder": ["timesheets_waiting"], "deltaker": ["assessment_ready"]},
    DAYS[5]: {"praksisveileder": ["timesheets_waiting"]},
    DAYS[6]: {},
    DAYS[7]: {"deltaker": ["timesheet_missing"]},
}
# And the mails: (login, subject). The supervisor chose "in the app only"; the participant
# chose "at once" for timesheets; the others keep the defaults (digest, or at once).
EXPECTED_MAIL: dict[dt.date, list[tuple[str, str]]] = {
    DAYS[0]: [
        ("deltaker", "Brobygger: Du har 1 timeliste som ikke er levert"),
        ("veileder", DIGEST),
    ],
    DAYS[1]: [("veileder", DIGEST)],
    DAYS[2]: [("koordinator", DIGEST), ("underviser", DIGEST)],
    DAYS[3]: [("fylkeskoordinator", "Brobygger: Du har 1 ny henvendelse"), ("koordinator", DIGEST)],
    DAYS[4]: [("deltaker", "Brobygger: Du har fått 1 ny tilbakemelding på innleveringer")],
    DAYS[5]: [],
    DAYS[6]: [],
    DAYS[7]: [("deltaker", "Brobygger: Du har 1 timeliste som ikke er levert")],
}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


@pytest.fixture
def week(personas, time_machine):
    """The cohort's data up to Sunday 29 November: every timesheet up to the week of 16 November
    approved, the agreement's refunds claimed up to June, sessions on Tuesday and Thursday."""
    for user in (
        personas.coordinator,
        personas.teacher,
        personas.supervisor,
        personas.caseworker,
        personas.county_coordinator,
        personas.participant_user,
        personas.other_coordinator,
        personas.other_teacher,
        personas.other_supervisor,
        personas.other_caseworker,
        personas.other_county_coordinator,
    ):
        with_email(user)
    NotificationPreference.objects.create(
        user=personas.supervisor, kind="timesheets_waiting", channel="in_app"
    )
    NotificationPreference.objects.create(
        user=personas.participant_user, kind="timesheet_missing", channel="immediate"
    )
    time_machine.move_to(at(dt.date(2026, 1, 2), 9), tick=False)
    agreement = make_active(personas)  # 1 January to 31 December 2026
    for start, end, claimed_on in (
        (dt.date(2026, 1, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 10)),
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 10)),
    ):
        time_machine.move_to(at(claimed_on, 9), tick=False)
        refund_period_create(
            by=personas.caseworker, agreement=agreement, period_start=start, period_end=end
        )
    time_machine.move_to(at(dt.date(2026, 11, 29), 20), tick=False)
    placement = make_placement(personas)  # 7 September to 31 January
    week_start = placement.start_date
    while week_start < dt.date(2026, 11, 23):
        make_timesheet(placement, week_start, "18.75")
        week_start += dt.timedelta(days=7)
    sessions = {
        day: make_session(personas.cohort, date=day) for day in (DAYS[1], DAYS[3])
    }  # Tuesday and Thursday
    return {"agreement": agreement, "placement": placement, "sessions": sessions}


def _events(personas, week) -> dict[dt.datetime, Callable[[], object]]:
    """What people do during the week, after the morning's jobs."""
    tuesday, thursday = week["sessions"][DAYS[1]], week["sessions"][DAYS[3]]
    enrolments = (personas.enrolment, personas.other_enrolment)
    holder: dict[str, Any] = {}

    def submit_last_weeks_timesheet() -> None:
        holder["sheet"] = make_timesheet(
            week["placement"], dt.date(2026, 11, 23), "18.75", status=TimesheetStatus.SUBMITTED
        )

    def hand_in_the_assignment() -> None:
        [holder["submission"]] = make_attempts(personas.enrolment, 1, by=personas.participant_user)

    return {
        # Monday: the participant sends last week's timesheet at noon (after the reminder).
        at(DAYS[0], 12): submit_last_weeks_timesheet,
        # Tuesday: the assignment is handed in; the caseworker claims July to September.
        at(DAYS[1], 10): hand_in_the_assignment,
        at(DAYS[1], 11): lambda: refund_period_create(
            by=personas.caseworker,
            agreement=week["agreement"],
            period_start=dt.date(2026, 7, 1),
            period_end=dt.date(2026, 9, 30),
        ),
        # Wednesday: the teacher records Tuesday's attendance late; a leader writes to NAV.
        at(DAYS[2], 14): lambda: [
            record(tuesday, e, AttendanceStatus.PRESENT, by=personas.teacher) for e in enrolments
        ],
        at(DAYS[2], 15): make_message,
        # Thursday: the message is handled, the assignment assessed, attendance taken at once.
        at(DAYS[3], 11): lambda: ContactMessage.objects.update(handled_at=timezone.now()),
        at(DAYS[3], 13): lambda: [
            record(thursday, e, AttendanceStatus.PRESENT, by=personas.teacher) for e in enrolments
        ],
        at(DAYS[3], 14): lambda: Assessment.objects.create(
            submission=holder["submission"],
            outcome=Outcome.APPROVED,
            assessed_by=personas.coordinator,
            assessed_at=timezone.now(),
        ),
        # Saturday: the supervisor approves Monday's timesheet.
        at(DAYS[5], 10): lambda: timesheet_approve(
            by=personas.supervisor, timesheet=holder["sheet"]
        ),
    }


def _work(capture) -> None:
    """The worker: run what is due, then what the jobs queued on commit, until nothing is left."""
    while True:
        with capture(execute=True) as callbacks:
            ran = run_queued_jobs()
        if not ran and not callbacks:
            return


def test_a_week_of_reminders_by_role_in_the_app_and_by_mail(
    personas, week, smtp_server, time_machine, django_capture_on_commit_callbacks, client
):
    events = _events(personas, week)
    login_of = {
        user.email: user.username for user in type(personas.coordinator).objects.exclude(email="")
    }
    in_app: dict[dt.date, dict[str, list[str]]] = {}
    mailed: dict[dt.date, list[tuple[str, str]]] = {}
    for day in DAYS:
        made_before = set(Notification.objects.values_list("pk", flat=True))
        mails_before = len(smtp_server.messages)
        for hour, minute in ((6, 0), (6, 30), (7, 0)):
            time_machine.move_to(at(day, hour, minute), tick=False)
            if day == DAYS[3] and (hour, minute) == (6, 0):
                smtp_server.stop()  # down for the morning's first run
            if day == DAYS[3] and (hour, minute) == (6, 30):
                assert len(smtp_server.messages) == mails_before  # nothing got through
                smtp_server.start()  # the retry is due 30 s after the failure: at 07:00
            daily_jobs_enqueue(jobs=NOTIFICATION_JOBS)
            _work(django_capture_on_commit_callbacks)
        for when, event in sorted(events.items()):
            if when.date() == day:
                time_machine.move_to(when, tick=False)
                event()
        today: dict[str, list[str]] = defaultdict(list)
        for n in Notification.objects.exclude(pk__in=made_before).order_by("id"):
            today[n.recipient.username].append(n.kind)
        in_app[day] = dict(today)
        mailed[day] = sorted(
            (login_of[m.envelope_to[0]], m.subject) for m in smtp_server.messages[mails_before:]
        )

    assert in_app == EXPECTED_IN_APP
    assert mailed == EXPECTED_MAIL
    # Each mail once, none naming anybody; every address a recipient of its own notifications.
    ids = [m.message["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == len(set(ids))
    contact = Notification.objects.get(kind="contact_message")
    assert contact.email_attempts == 2  # refused once by the outage, then accepted
    names = persona_names(personas)
    for mail in smtp_server.messages:
        assert not [name for name in names if name in mail.message.as_string()]

    # In the app, on Monday 7 December: the list, newest first, with what is still unread.
    client.force_login(personas.participant_user)
    page = client.get("/varsler/").context["page"]
    assert [n.text for n in page.object_list] == [
        "Du har 1 timeliste som ikke er levert",
        "Du har fått 1 ny tilbakemelding på innleveringer",
        "Du har 1 timeliste som ikke er levert",
    ]
    client.force_login(personas.supervisor)
    assert client.get("/varsler/antall/").content.decode().count(">2<") == 1
    for other in (personas.other_coordinator, personas.other_teacher, personas.other_supervisor):
        assert not Notification.objects.filter(recipient=other).exists()
