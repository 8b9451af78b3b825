"""Tasks appear on their date, are overdue after it, and go away when answered."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from brobygger.completion.models import Completion
from brobygger.diplomas.tests.factories import make_completion
from brobygger.followup.selectors import tasks_for
from brobygger.followup.services import followup_record
from brobygger.followup.tests.factories import make_employment
from brobygger.testing import make_cohort, make_enrolment, make_participant

pytestmark = pytest.mark.django_db

URL = reverse("followup_list")


@pytest.fixture
def completed(personas, time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    return make_completion(personas)  # completed 20.11.2026: due 20.05.2027 and 20.11.2027


def at(client, user, when, time_machine):
    """The list as `user` sees it at `when` (signed in then: sessions end after 30 idle min)."""
    time_machine.move_to(when, tick=False)
    client.force_login(user)
    return client.get(URL)


def sections(response):
    groups = response.context["groups"]
    return {key: [(t.kind, t.months, t.due_on) for t in tasks] for key, tasks in groups.items()}


def test_a_task_is_not_listed_until_it_comes_near(client, personas, completed, time_machine):
    response = at(client, personas.coordinator, "2027-04-01 12:00+02:00", time_machine)
    assert sections(response) == {"overdue": [], "due": [], "upcoming": []}
    response = at(client, personas.coordinator, "2027-05-01 12:00+02:00", time_machine)
    assert sections(response)["upcoming"] == [("completion", 6, dt.date(2027, 5, 20))]


def test_it_is_due_on_its_date_and_overdue_after_it(client, personas, completed, time_machine):
    response = at(client, personas.coordinator, "2027-05-20 09:00+02:00", time_machine)
    assert sections(response)["due"] == [("completion", 6, dt.date(2027, 5, 20))]
    response = at(client, personas.coordinator, "2027-05-21 09:00+02:00", time_machine)
    assert sections(response)["overdue"] == [("completion", 6, dt.date(2027, 5, 20))]
    assert "Forfalt" in response.content.decode()


def test_an_answer_removes_the_task(client, personas, completed, time_machine):
    time_machine.move_to("2027-05-25 09:00+02:00", tick=False)
    followup_record(
        by=personas.coordinator,
        subject=completed,
        months=6,
        answered_on=dt.date(2027, 5, 25),
        employed=True,
        percent=50,
    )
    client.force_login(personas.coordinator)
    assert sections(client.get(URL))["overdue"] == []


def test_a_hire_brings_its_own_tasks(client, personas, time_machine):
    time_machine.move_to("2026-07-06 09:00+02:00", tick=False)
    make_employment(personas.enrolment.participant, start=dt.date(2026, 1, 5))
    client.force_login(personas.coordinator)
    assert sections(client.get(URL))["overdue"] == [("hire", 6, dt.date(2026, 7, 5))]


def test_the_caseworker_sees_the_candidates_they_referred(client, personas, time_machine):
    time_machine.move_to("2026-07-06 09:00+02:00", tick=False)
    make_employment(personas.enrolment.participant, start=dt.date(2026, 1, 5))  # referred
    make_employment(personas.other_enrolment.participant, start=dt.date(2026, 1, 5))  # not
    client.force_login(personas.caseworker)
    tasks = client.get(URL).context["groups"]["overdue"]
    assert [t.participant for t in tasks] == [personas.enrolment.participant]


def test_another_municipality_sees_nothing(client, personas, completed, time_machine):
    response = at(client, personas.other_coordinator, "2027-06-01 09:00+02:00", time_machine)
    assert sections(response) == {"overdue": [], "due": [], "upcoming": []}


def test_other_roles_are_refused(client, personas):
    client.force_login(personas.participant_user)
    assert client.get(URL).status_code == 403
    client.force_login(personas.employer)
    assert client.get(URL).status_code == 403


def test_the_query_count_is_fixed(client, personas, time_machine, django_assert_num_queries):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    make_completion(personas)
    time_machine.move_to("2027-12-01 12:00+01:00", tick=False)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert len(response.context["groups"]["overdue"]) == 2
    for _ in range(3):
        enrolment = make_enrolment(personas.cohort, participant=make_participant())
        time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
        make_completion(personas, enrolment)
        make_employment(enrolment.participant, start=dt.date(2026, 2, 1))
    time_machine.move_to("2027-12-01 12:00+01:00", tick=False)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert len(response.context["groups"]["overdue"]) == 2 + 3 * 4


# session + user + memberships + the overdue page with its total + the next 30 days (issue 16:
# each one query, sorted and counted in the database; 7 before, with every task in Python)
QUERIES = 5


def _completions(personas, n, *, on):
    cohort = make_cohort(personas.version, capacity=n)
    for i in range(n):
        participant = make_participant(first_name="Deltaker", last_name=f"Etternavn {i:04d}")
        completion = make_completion(personas, make_enrolment(cohort, participant=participant))
        Completion.objects.filter(pk=completion.pk).update(completed_on=on)


def test_overdue_follow_ups_come_a_page_at_a_time(client, personas, time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    _completions(personas, 60, on=dt.date(2026, 1, 10))  # 6 and 12 months: 120 overdue
    time_machine.move_to("2027-03-01 12:00+01:00", tick=False)
    client.force_login(personas.coordinator)
    first = client.get(URL)
    tasks = first.context["groups"]["overdue"]
    assert len(tasks) == 50
    html = first.content.decode()
    assert "Viser 1–50 av 120" in html
    assert '<nav class="ds-pagination" aria-label="Sider med forfalte oppfølginger">' in html
    assert 'href="?side=2"' in html and 'aria-current="true"' in html
    last = client.get(URL, {"side": 3}).context["groups"]["overdue"]
    assert len(last) == 20
    # Beyond the end: the last page.
    assert client.get(URL, {"side": 99}).context["groups"]["overdue"] == last
    pages = [client.get(URL, {"side": n}).context["groups"]["overdue"] for n in (1, 2, 3)]
    shown = [(t.kind, t.subject_id, t.months) for page in pages for t in page]
    assert len(set(shown)) == 120  # no task on two pages


def test_the_pages_hold_the_same_tasks_in_the_same_order_as_tasks_for(
    client, personas, time_machine
):
    """The database's list (followup.tasklist) and the Python one the reminders use agree,
    with end-of-month dates (31.08 + 6 months = 28.02) and hires among the completions."""
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    for day in (dt.date(2025, 8, 29), dt.date(2025, 8, 31), dt.date(2025, 2, 28)):
        _completions(personas, 2, on=day)
    _completions(personas, 2, on=dt.date(2026, 1, 31))
    make_employment(personas.enrolment.participant, start=dt.date(2025, 8, 31))
    for now in ("2026-03-01 12:00+01:00", "2026-08-30 12:00+02:00", "2027-01-31 12:00+01:00"):
        time_machine.move_to(now, tick=False)
        client.force_login(personas.coordinator)
        today = timezone.localdate()
        expected = tasks_for(personas.coordinator, today=today)
        groups = client.get(URL).context["groups"]
        shown = groups["overdue"] + groups["due"] + groups["upcoming"]
        key = lambda t: (t.kind, t.subject_id, t.months, t.due_on, t.participant.pk, t.label)  # noqa: E731
        assert sorted(map(key, shown)) == sorted(map(key, expected))
        assert [t.due_on for t in shown] == sorted(t.due_on for t in expected)
