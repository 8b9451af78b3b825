import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.core.models import AuditEvent
from brobygger.diplomas.tests.factories import make_completion
from brobygger.followup.models import FollowUpOutcome
from brobygger.followup.tests.factories import make_employment

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(personas, time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    completion = make_completion(personas)  # due 20.05.2027
    time_machine.move_to("2027-05-22 12:00+02:00", tick=False)
    return completion


def url(completion, months=6):
    return reverse("followup_completion_answer", args=[completion.pk, months])


def test_the_coordinator_records_a_dated_outcome(client, personas, completed):
    client.force_login(personas.coordinator)
    assert client.get(url(completed)).status_code == 200
    response = client.post(
        url(completed),
        {
            "answered_on": "2027-05-22",
            "employed": "yes",
            "percent": "50",
            "job_kind": "temporary",
            "funding_source": "mb_funds",
        },
    )
    assert response.status_code == 302
    outcome = FollowUpOutcome.objects.get()
    assert (outcome.kind, outcome.months, outcome.employed, outcome.percent) == (
        "completion",
        6,
        True,
        50,
    )
    assert outcome.due_on == dt.date(2027, 5, 20)
    assert outcome.answered_on == dt.date(2027, 5, 22)
    assert outcome.funding_source == "mb_funds"
    assert AuditEvent.objects.filter(object_type="followup.followupoutcome").count() == 1


def test_opening_the_form_is_in_the_read_log(client, personas, completed):
    client.force_login(personas.coordinator)
    client.get(url(completed))
    entry = AccessEvent.objects.get(participant=personas.enrolment.participant)
    assert entry.actor == personas.coordinator


def test_not_employed_clears_the_job_details(client, personas, completed):
    client.force_login(personas.coordinator)
    client.post(
        url(completed),
        {"answered_on": "2027-05-22", "employed": "no", "percent": "80", "job_kind": "project"},
    )
    outcome = FollowUpOutcome.objects.get()
    assert (outcome.employed, outcome.percent, outcome.job_kind) == (False, None, "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answered_on": "2027-05-22", "employed": "yes"}, "Oppgi stillingsprosent"),
        ({"answered_on": "2027-05-22", "employed": "yes", "percent": "120"}, "over 100"),
        ({"answered_on": "2027-05-30", "employed": "no"}, "fram i tid"),
        ({"answered_on": "2027-05-01", "employed": "no"}, "forfallsdatoen"),
        ({"answered_on": "2027-02-30", "employed": "no"}, "dd.mm.åååå"),
        ({"answered_on": "2027-05-22"}, "Svar ja eller nei"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, personas, completed, data, message):
    client.force_login(personas.coordinator)
    response = client.post(url(completed), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FollowUpOutcome.objects.exists()


def test_it_cannot_be_answered_before_it_is_due(client, personas, completed, time_machine):
    time_machine.move_to("2027-05-19 12:00+02:00", tick=False)
    client.force_login(personas.coordinator)
    response = client.post(url(completed), {"answered_on": "2027-05-19", "employed": "no"})
    assert "kan registreres fra 20.05.2027" in response.content.decode()
    assert not FollowUpOutcome.objects.exists()


def test_twice_is_refused(client, personas, completed):
    client.force_login(personas.coordinator)
    data = {"answered_on": "2027-05-22", "employed": "no"}
    client.post(url(completed), data)
    response = client.post(url(completed), data)
    assert "allerede registrert" in response.content.decode()
    assert FollowUpOutcome.objects.count() == 1


def test_only_6_and_12_months(client, personas, completed):
    client.force_login(personas.coordinator)
    assert client.get(url(completed, 7)).status_code == 404


def test_a_hire_is_followed_up_too(client, personas, time_machine):
    time_machine.move_to("2026-07-06 09:00+02:00", tick=False)
    employment = make_employment(personas.enrolment.participant, start=dt.date(2026, 1, 5))
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("followup_hire_answer", args=[employment.pk, 6]),
        {"answered_on": "2026-07-06", "employed": "yes", "percent": "60", "job_kind": "permanent"},
    )
    assert response.status_code == 302
    outcome = FollowUpOutcome.objects.get()
    assert (outcome.kind, outcome.employment, outcome.percent) == ("hire", employment, 60)


def test_others_are_refused(client, personas, completed):
    client.force_login(personas.other_coordinator)
    assert client.get(url(completed)).status_code == 404
    client.force_login(personas.participant_user)
    assert client.get(url(completed)).status_code == 403
    client.force_login(personas.coordinator)
    assert client.delete(url(completed)).status_code == 405
