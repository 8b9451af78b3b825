import datetime as dt

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.placements.models import Placement
from brobygger.placements.tests.factories import make_placement


def url(personas):
    return reverse("placement_create", args=[personas.enrolment.pk])


def data(personas, **overrides):
    return {
        "host": personas.host.pk,
        "supervisor": personas.supervisor.pk,
        "start_date": "2026-09-01",
        "end_date": "2027-01-31",
        "percent": "50",
        **overrides,
    }


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_the_other_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas)).status_code == 404
    assert client.post(url(personas), data(personas)).status_code == 404
    assert not Placement.objects.exists()


def test_roles_without_write_access_are_refused(client, personas):
    client.force_login(personas.supervisor)
    assert client.get(url(personas)).status_code == 403
    client.force_login(personas.participant_user)
    assert client.post(url(personas), data(personas)).status_code == 403
    assert not Placement.objects.exists()


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas)).status_code == 405


def test_the_form_offers_supervisors_by_host_and_the_versions_percent(client, personas):
    personas.version.placement_percent = 40
    personas.version.save()
    client.force_login(personas.coordinator)
    response = client.get(url(personas))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<optgroup label="{personas.host.name}">' in html
    assert f'value="{personas.supervisor.pk}"' in html
    assert 'name="percent" value="40"' in html


def test_the_coordinator_creates_a_placement(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas), data(personas, percent="60"))
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("placement_detail", args=[placement.pk])
    assert (placement.enrolment, placement.host, placement.supervisor) == (
        personas.enrolment,
        personas.host,
        personas.supervisor,
    )
    assert (placement.start_date, placement.end_date) == (dt.date(2026, 9, 1), dt.date(2027, 1, 31))
    assert list(placement.percents.values_list("percent", "valid_from")) == [
        (60, dt.date(2026, 9, 1))
    ]
    assert AuditEvent.objects.filter(object_type="placements.placement", action="create").exists()
    assert "Praksisplassen er opprettet." in client.get(response["Location"]).content.decode()


def test_an_overlapping_placement_is_refused_with_the_period(client, personas):
    make_placement(personas, start=dt.date(2026, 9, 1), end=dt.date(2027, 1, 31))
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas), data(personas, start_date="2026-12-01", end_date="2027-03-31")
    )
    assert response.status_code == 200
    assert (
        "Deltakeren har allerede praksis i perioden 01.09.2026–31.01.2027."
        in response.content.decode()
    )
    assert Placement.objects.count() == 1


def test_a_supervisor_from_another_host_is_refused_next_to_the_field(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas), data(personas, host=personas.employer_org.pk))
    html = response.content.decode()
    assert "Veilederen må ha rollen praksisveileder hos praksisstedet." in html
    assert 'id="id_supervisor_error"' in html
    assert not Placement.objects.exists()


def test_bad_input_shows_norwegian_messages_and_saves_nothing(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas),
        data(personas, start_date="2027-01-31", end_date="2026-09-01", percent="101"),
    )
    html = response.content.decode()
    assert "Sluttdatoen kan ikke være før startdatoen." in html
    assert "Praksisprosenten kan ikke være over 100." in html
    response = client.post(url(personas), data(personas, supervisor="", start_date=""))
    html = response.content.decode()
    assert "Velg praksisveileder." in html
    assert "Velg en dato." in html
    assert not Placement.objects.exists()
