import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.diplomas.models import Diploma
from brobygger.diplomas.tests.factories import make_completion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)


def url(personas):
    return reverse("diploma_issue", args=[personas.enrolment.pk])


def test_the_coordinator_issues_a_diploma_once(client, personas):
    completion = make_completion(personas)
    client.force_login(personas.coordinator)
    response = client.post(url(personas))
    assert response.status_code == 302
    diploma = Diploma.objects.get(completion=completion)
    assert diploma.issued_by == personas.coordinator
    assert AuditEvent.objects.filter(
        object_type="diplomas.diploma", object_id=str(diploma.pk), action="create"
    ).exists()
    client.post(url(personas))
    assert Diploma.objects.filter(completion=completion).count() == 1


def test_it_refuses_without_a_confirmed_completion(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas), follow=True)
    assert "bare utstedes når fullføringen er bekreftet" in response.content.decode()
    assert not Diploma.objects.exists()


def test_it_rejects_another_municipality_and_participants(client, personas):
    make_completion(personas)
    client.force_login(personas.other_coordinator)
    assert client.post(url(personas)).status_code == 404
    client.force_login(personas.participant_user)
    assert client.post(url(personas)).status_code == 403
    assert not Diploma.objects.exists()


def test_it_only_accepts_post(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(url(personas)).status_code == 405


def test_the_participant_page_offers_to_issue_then_download(client, personas):
    make_completion(personas)
    client.force_login(personas.coordinator)
    page = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert "Utsted vitnemål" in page
    client.post(url(personas))
    diploma = Diploma.objects.get()
    page = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert reverse("diploma_pdf", args=[diploma.pk]) in page
    assert diploma.display_code in page
