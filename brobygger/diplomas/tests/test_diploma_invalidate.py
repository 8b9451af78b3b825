import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.diplomas.tests.factories import make_diploma

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)


def test_the_coordinator_invalidates_with_a_reason(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)
    url = reverse("diploma_invalidate", args=[diploma.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Utstedt ved en feil"})
    assert response.status_code == 302
    diploma.refresh_from_db()
    assert not diploma.is_valid
    assert diploma.invalidation_reason == "Utstedt ved en feil"
    assert diploma.invalidated_by == personas.coordinator
    assert AuditEvent.objects.filter(object_id=str(diploma.pk), action="invalidate").count() == 1


def test_a_blank_reason_is_refused_and_nothing_changes(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)
    response = client.post(reverse("diploma_invalidate", args=[diploma.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()
    diploma.refresh_from_db()
    assert diploma.is_valid


def test_twice_is_refused(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)
    url = reverse("diploma_invalidate", args=[diploma.pk])
    client.post(url, {"reason": "Første"})
    response = client.post(url, {"reason": "Andre"})
    assert "allerede ugyldig" in response.content.decode()
    diploma.refresh_from_db()
    assert diploma.invalidation_reason == "Første"


def test_participants_and_other_municipalities_cannot(client, personas):
    diploma = make_diploma(personas)
    url = reverse("diploma_invalidate", args=[diploma.pk])
    client.force_login(personas.participant_user)
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(personas.other_coordinator)
    assert client.post(url, {"reason": "x"}).status_code == 404
    diploma.refresh_from_db()
    assert diploma.is_valid
