import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.placements.models import PlacementPercent
from brobygger.placements.tests.factories import make_placement


@pytest.fixture
def placement(personas):
    return make_placement(personas)


def url(placement):
    return reverse("placement_percent_create", args=[placement.pk])


def test_anonymous_is_sent_to_login(client, placement):
    response = client.post(url(placement), {"percent": "60", "valid_from": "2026-11-02"})
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_the_other_coordinator_gets_404(client, personas, placement):
    client.force_login(personas.other_coordinator)
    response = client.post(url(placement), {"percent": "60", "valid_from": "2026-11-02"})
    assert response.status_code == 404
    assert placement.percents.count() == 1


def test_supervisor_and_participant_are_refused(client, personas, placement):
    for user in (personas.supervisor, personas.participant_user):
        client.force_login(user)
        response = client.post(url(placement), {"percent": "60", "valid_from": "2026-11-02"})
        assert response.status_code == 403
    assert placement.percents.count() == 1


def test_get_is_405(client, personas, placement):
    client.force_login(personas.coordinator)
    assert client.get(url(placement)).status_code == 405


def test_the_coordinator_adds_a_percent_from_a_date(client, personas, placement):
    client.force_login(personas.coordinator)
    response = client.post(url(placement), {"percent": "60", "valid_from": "2026-11-02"})
    assert response.status_code == 302
    assert response["Location"] == reverse("placement_detail", args=[placement.pk])
    row = PlacementPercent.objects.get(placement=placement, valid_from=dt.date(2026, 11, 2))
    assert row.percent == 60
    assert AuditEvent.objects.filter(
        object_type="placements.placementpercent", object_id=row.pk, actor=personas.coordinator
    ).exists()


def test_a_date_outside_the_placement_or_taken_is_refused(client, personas, placement):
    client.force_login(personas.coordinator)
    response = client.post(url(placement), {"percent": "60", "valid_from": "2026-09-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Datoen må ligge i praksisperioden (07.09.2026–31.01.2027)." in html
    assert 'id="id_valid_from_error"' in html
    response = client.post(url(placement), {"percent": "60", "valid_from": "2026-09-07"})
    assert "Det finnes allerede en praksisprosent fra denne datoen." in response.content.decode()
    response = client.post(url(placement), {"percent": "0", "valid_from": "2026-10-05"})
    assert "Praksisprosenten må være minst 1." in response.content.decode()
    assert placement.percents.count() == 1
