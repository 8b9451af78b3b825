"""The answer form is pre-filled from the employment records active on the follow-up's date
(ADR 0016), and validates as before."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.diplomas.tests.factories import make_completion
from brobygger.employment.models import EmploymentFunding, EmploymentPercent, FundingSource
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


def test_a_record_active_on_the_date_fills_in_the_answer(client, personas, completed):
    employment = make_employment(personas.enrolment.participant, start=dt.date(2026, 12, 1))
    EmploymentPercent.objects.create(
        employment=employment, percent=60, valid_from=dt.date(2027, 3, 1)
    )
    EmploymentPercent.objects.create(  # after the date: not what held on it
        employment=employment, percent=80, valid_from=dt.date(2027, 5, 21)
    )
    EmploymentFunding.objects.create(
        employment=employment,
        source=FundingSource.MB_FUNDS,
        share_percent=100,
        valid_from=dt.date(2026, 12, 1),
    )
    client.force_login(personas.coordinator)

    response = client.get(url(completed))

    form = response.context["form"]
    assert form.initial["employed"] == "yes"
    assert form.initial["percent"] == 60
    assert form.initial["job_kind"] == employment.kind
    assert form.initial["funding_source"] == FundingSource.MB_FUNDS
    assert response.context["records"] == [employment]
    assert "Erfaringskonsulent, Bergen kommune, Psykiatritjenesten" in response.content.decode()


def test_a_record_ended_before_the_date_fills_in_nothing(client, personas, completed):
    employment = make_employment(personas.enrolment.participant, start=dt.date(2026, 12, 1))
    employment.end_date = dt.date(2027, 4, 30)
    employment.save(update_fields=["end_date"])
    client.force_login(personas.coordinator)

    response = client.get(url(completed))

    assert "employed" not in response.context["form"].initial
    assert response.context["records"] == []
    assert "Ingen ansettelse er registrert 20.05.2027" in response.content.decode()


def test_the_pre_filled_answer_is_confirmed_by_saving_it(client, personas, completed):
    make_employment(personas.enrolment.participant, start=dt.date(2026, 12, 1))
    client.force_login(personas.coordinator)
    form = client.get(url(completed)).context["form"]
    data = {
        "answered_on": form.initial["answered_on"].isoformat(),
        "employed": form.initial["employed"],
        "percent": str(form.initial["percent"]),
        "job_kind": form.initial["job_kind"],
    }

    assert client.post(url(completed), data).status_code == 302

    outcome = FollowUpOutcome.objects.get()
    assert (outcome.employed, outcome.percent) == (True, 50)


def test_a_pre_filled_form_still_refuses_bad_input(client, personas, completed):
    make_employment(personas.enrolment.participant, start=dt.date(2026, 12, 1))
    client.force_login(personas.coordinator)

    response = client.post(
        url(completed), {"answered_on": "2027-05-22", "employed": "yes", "percent": "0"}
    )

    assert response.status_code == 200
    assert "Stillingsprosenten må være minst 1." in response.content.decode()
    assert not FollowUpOutcome.objects.exists()
