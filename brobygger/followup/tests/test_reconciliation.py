"""GET /oppfolging/avvik/: where the follow-up answers and the employment records disagree."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.diplomas.tests.factories import make_completion
from brobygger.followup.models import FollowUpOutcome
from brobygger.followup.rules import Mismatch
from brobygger.followup.services import followup_record
from brobygger.followup.tests.factories import make_employment
from brobygger.testing import make_enrolment, make_participant

pytestmark = pytest.mark.django_db

URL = reverse("followup_reconciliation")
# Completed 20.11.2026: followed up 20.05.2027 and 20.11.2027. The page is looked at later.
LATER = "2027-12-01 12:00+01:00"


@pytest.fixture
def record_without_answer(personas, time_machine):
    """Dina: completed, in a job since 01.02.2027, nobody has answered."""
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    completion = make_completion(personas)
    make_employment(personas.enrolment.participant, start=dt.date(2027, 2, 1))
    time_machine.move_to(LATER, tick=False)
    return completion


def kinds(response):
    groups = response.context["groups"]
    return {
        kind: [(r.participant, r.months) for r in rows] for kind, rows in groups.items() if rows
    }


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.participant_user, personas.employer, personas.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(URL).status_code == 405


def test_it_lists_a_record_without_an_answer(client, personas, record_without_answer):
    client.force_login(personas.coordinator)

    response = client.get(URL)

    participant = personas.enrolment.participant
    assert kinds(response) == {
        Mismatch.RECORD_WITHOUT_ANSWER: [(participant, 6), (participant, 12)]
    }
    page = response.content.decode()
    assert "Ansettelse registrert på datoen, men ikke svart" in page
    assert reverse("followup_completion_answer", args=[record_without_answer.pk, 6]) in page


def test_answering_as_the_record_says_clears_it_and_a_contrary_answer_moves_it(
    client, personas, record_without_answer, time_machine
):
    for months, employed in ((6, True), (12, False)):
        followup_record(
            by=personas.coordinator,
            subject=record_without_answer,
            months=months,
            answered_on=dt.date(2027, 11, 30),
            employed=employed,
            percent=50,
        )
    client.force_login(personas.coordinator)

    response = client.get(URL)

    participant = personas.enrolment.participant
    assert kinds(response) == {Mismatch.ANSWER_NOT_EMPLOYED_WITH_RECORD: [(participant, 12)]}


def test_an_answer_in_work_without_a_record_is_listed(client, personas, time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    completion = make_completion(personas)
    time_machine.move_to(LATER, tick=False)
    followup_record(by=personas.coordinator, subject=completion, months=6,
                    answered_on=dt.date(2027, 5, 20), employed=True, percent=40)  # fmt: skip
    client.force_login(personas.coordinator)

    response = client.get(URL)

    assert kinds(response) == {
        Mismatch.ANSWER_WITHOUT_RECORD: [(personas.enrolment.participant, 6)]
    }
    assert FollowUpOutcome.objects.count() == 1


def test_the_follow_up_page_links_to_it(client, personas):
    client.force_login(personas.coordinator)
    assert URL in client.get(reverse("followup_list")).content.decode()


def test_another_municipality_sees_nothing(client, personas, record_without_answer):
    client.force_login(personas.other_coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    assert kinds(response) == {}
    assert AccessEvent.objects.count() == 0


def test_each_person_shown_is_in_the_read_log_once(client, personas, record_without_answer):
    client.force_login(personas.coordinator)

    client.get(URL)

    entry = AccessEvent.objects.get()
    assert entry.participant == personas.enrolment.participant
    assert entry.actor == personas.coordinator
    assert "Avvik" in entry.shown


def test_the_caseworker_sees_only_the_candidates_they_referred(
    client, personas, record_without_answer
):
    client.force_login(personas.caseworker)
    response = client.get(URL)
    assert {p for rows in kinds(response).values() for p, _m in rows} == {
        personas.enrolment.participant
    }


def test_the_query_count_is_fixed(
    client, personas, record_without_answer, time_machine, django_assert_num_queries
):
    client.force_login(personas.coordinator)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert len(response.context["rows"]) == 2
    for _ in range(3):
        enrolment = make_enrolment(personas.cohort, participant=make_participant())
        time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
        make_completion(personas, enrolment)
        make_employment(enrolment.participant, start=dt.date(2026, 12, 1))
    time_machine.move_to(LATER, tick=False)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)
    assert len(response.context["rows"]) == 2 + 3 * 2


# session + user + memberships + completions + answers + employments + read-log INSERT
QUERIES = 7


def test_each_kind_comes_a_page_at_a_time_and_only_the_page_is_read_logged(
    client, personas, record_without_answer, time_machine, monkeypatch, django_assert_num_queries
):
    """Issue 16: each kind of mismatch pages on its own (side_1, side_2, side_3), the other
    kinds' pages kept in the links; the read log names only the people on the pages shown."""
    monkeypatch.setattr("brobygger.followup.views.MISMATCHES_PER_PAGE", 3)
    for _ in range(2):
        enrolment = make_enrolment(personas.cohort, participant=make_participant())
        time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
        make_completion(personas, enrolment)
        make_employment(enrolment.participant, start=dt.date(2026, 12, 1))
    time_machine.move_to(LATER, tick=False)
    client.force_login(personas.coordinator)
    before = AccessEvent.objects.count()
    with django_assert_num_queries(QUERIES):
        first = client.get(URL)
    kind = Mismatch.RECORD_WITHOUT_ANSWER.value
    assert len(first.context["groups"][kind]) == 3
    assert AccessEvent.objects.count() - before == len(
        {r.participant for r in first.context["rows"]}
    )
    html = first.content.decode()
    assert "Viser 1–3 av 6" in html
    number = list(first.context["pages"]).index(kind) + 1
    second = client.get(URL, {f"side_{number}": 2, "annet": "x"})
    assert len(second.context["groups"][kind]) == 3
    assert f"annet=x&amp;side_{number}=1" in second.content.decode()
    shown = [(r.completion.pk, r.months) for r in first.context["groups"][kind]]
    shown += [(r.completion.pk, r.months) for r in second.context["groups"][kind]]
    assert len(set(shown)) == 6
