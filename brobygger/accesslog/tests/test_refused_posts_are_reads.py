"""Issue 10, finding 1: a refused POST that shows the record again is a read (one entry), a POST
that saves and redirects is not; forms that show the person on GET are reads. The walk over
every form is test_read_walk.py; these pin the cases the finding named."""

from __future__ import annotations

from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.placements.tests.factories import START, make_placement, make_timesheet


def entries() -> list[AccessEvent]:
    return list(AccessEvent.objects.order_by("id"))


def test_placement_percent_refused_writes_one_entry(client, personas, time_machine):
    time_machine.move_to("2026-10-15 12:00", tick=False)
    placement = make_placement(personas)
    client.force_login(personas.coordinator)
    response = client.post(reverse("placement_percent_create", args=[placement.pk]), {})
    assert response.status_code == 200
    assert personas.enrolment.participant.full_name in response.content.decode()
    [event] = entries()
    assert event.actor == personas.coordinator and event.shown.startswith("Praksisplass")


def test_an_evaluation_refused_is_a_read_and_one_saved_is_not(client, personas, time_machine):
    time_machine.move_to("2026-10-15 12:00", tick=False)
    placement = make_placement(personas)
    client.force_login(personas.supervisor)
    url = reverse("evaluation_edit", args=[placement.pk, "midway"])
    assert client.post(url, {"text": ""}).status_code == 200
    assert len(entries()) == 1
    response = client.post(url, {"text": "Møter presis og tar ansvar."})
    assert response.status_code == 302
    assert len(entries()) == 1


def test_a_timesheet_review_refused_writes_one_entry(client, personas, time_machine):
    time_machine.move_to("2026-10-15 12:00", tick=False)
    sheet = make_timesheet(make_placement(personas), START, "18.75", status="submitted")
    client.force_login(personas.supervisor)
    response = client.post(reverse("timesheet_review", args=[sheet.pk]), {"action": "tull"})
    assert response.status_code == 200
    assert "Velg godkjenn eller send tilbake." in response.content.decode()
    [event] = entries()
    assert event.shown.startswith("Timeliste for uken")


def test_the_employment_form_shows_the_name_and_writes_one_entry(client, personas):
    client.force_login(personas.caseworker)
    url = reverse("employment_create", args=[personas.enrolment.pk])
    response = client.get(url)
    assert personas.enrolment.participant.full_name in response.content.decode()
    [event] = entries()
    assert (event.actor, event.participant) == (personas.caseworker, personas.enrolment.participant)
    assert client.post(url, {"employer": "ikke-en-arbeidsgiver"}).status_code == 200
    assert len(entries()) == 2
