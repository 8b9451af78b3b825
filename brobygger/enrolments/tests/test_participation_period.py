import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import ParticipationPeriod

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)


def url(enrolment):
    return reverse("participation_period_create", args=[enrolment.pk])


def periods(enrolment):
    return list(
        ParticipationPeriod.objects.filter(enrolment=enrolment)
        .order_by("valid_from")
        .values_list("percent", "days_per_week", "valid_from", "valid_to")
    )


def test_anonymous_is_sent_to_login(client, personas):
    response = client.post(url(personas.enrolment), {"percent": 50, "valid_from": "2026-09-01"})
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    response = client.post(url(personas.enrolment), {"percent": 50, "valid_from": "2026-09-01"})
    assert response.status_code == 404
    assert periods(personas.enrolment) == []


def test_participant_is_refused(client, personas):
    client.force_login(personas.participant_user)
    response = client.post(url(personas.enrolment), {"percent": 50, "valid_from": "2026-09-01"})
    assert response.status_code == 403


def test_get_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(url(personas.enrolment)).status_code == 405


def test_a_new_period_closes_the_open_one_the_day_before(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment), {"percent": 50, "days_per_week": 3, "valid_from": "2026-08-17"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[personas.enrolment.pk])
    response = client.post(
        url(personas.enrolment), {"percent": 80, "days_per_week": 4, "valid_from": "2026-10-01"}
    )
    assert response.status_code == 302
    assert periods(personas.enrolment) == [
        (50, 3, dt.date(2026, 8, 17), dt.date(2026, 9, 30)),
        (80, 4, dt.date(2026, 10, 1), None),
    ]
    assert AuditEvent.objects.filter(
        object_type="enrolments.participationperiod", action="update"
    ).get().changes == {"valid_to": [None, "[skjult]"]}  # a person's dates stay out


def test_a_start_before_the_open_period_is_refused(client, personas):
    client.force_login(personas.coordinator)
    client.post(url(personas.enrolment), {"percent": 50, "valid_from": "2026-08-17"})
    response = client.post(url(personas.enrolment), {"percent": 80, "valid_from": "2026-08-01"})
    assert response.status_code == 200
    assert "Ny periode må starte etter" in response.content.decode()
    assert periods(personas.enrolment) == [(50, None, dt.date(2026, 8, 17), None)]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"percent": 0, "valid_from": "2026-09-01"}, "percent"),
        ({"percent": 101, "valid_from": "2026-09-01"}, "percent"),
        ({"percent": 50, "days_per_week": 8, "valid_from": "2026-09-01"}, "days_per_week"),
        ({"percent": 50, "valid_from": ""}, "valid_from"),
    ],
)
def test_out_of_range_input_is_refused(client, personas, data, field):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert periods(personas.enrolment) == []


def test_htmx_gets_the_panel_with_the_new_period(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"percent": 60, "valid_from": "2026-09-01"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Deltakelsesprosenten er registrert." in page
    assert "60 %" in page
