from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.testing import make_session
from brobygger.programmes.models import ProgrammeVersion
from brobygger.programmes.tests.factories import BEFORE_START, DURING, frozen, login


def url(cohort):
    return reverse("cohort_edit", args=[cohort.pk])


def post_data(personas, **overrides):
    cohort = personas.cohort
    data = {
        "name": cohort.name,
        "version": cohort.version_id,
        "start_date": cohort.start_date.isoformat(),
        "end_date": cohort.end_date.isoformat(),
        "capacity": str(cohort.capacity),
        "place": cohort.place,
        "coordinators": [personas.coordinator.pk],
        "teachers": [personas.teacher.pk],
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(url(personas.cohort))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    login(client, personas.other_coordinator)
    assert client.get(url(personas.cohort)).status_code == 404
    response = client.post(url(personas.cohort), post_data(personas, name="Kapret"))
    assert response.status_code == 404
    personas.cohort.refresh_from_db()
    assert personas.cohort.name != "Kapret"


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).delete(url(personas.cohort)).status_code == 405


def test_the_form_is_prefilled(client, personas):
    form = login(client, personas.coordinator).get(url(personas.cohort)).context["form"]
    assert form.initial["name"] == personas.cohort.name
    assert form.initial["teachers"] == [personas.teacher.pk]


def test_it_saves_and_audits_old_and_new(client, personas):
    login(client, personas.coordinator)
    response = client.post(url(personas.cohort), post_data(personas, place="Fana", teachers=[]))
    assert response.status_code == 302
    personas.cohort.refresh_from_db()
    assert personas.cohort.place == "Fana"
    assert not personas.cohort.teachers.exists()
    event = AuditEvent.objects.get(
        object_type="programmes.cohort", object_id=personas.cohort.pk, action="update"
    )
    assert event.changes["place"] == ["Bergen", "Fana"]
    assert event.changes["teachers"] == [[personas.teacher.pk], []]


def test_capacity_cannot_drop_below_places_taken(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(personas, capacity="1")
    )
    assert "Kullet har allerede 2 tatte plasser" in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.capacity == 17


def test_a_started_cohort_keeps_its_version(client, personas):
    newer = ProgrammeVersion.objects.create(programme=personas.version.programme, name="2027")
    login(client, personas.coordinator)
    with frozen(DURING):
        response = client.post(url(personas.cohort), post_data(personas, version=newer.pk))
    assert "Kullet har startet, så programversjonen kan ikke byttes" in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.version == personas.version
    with frozen(BEFORE_START):
        client.post(url(personas.cohort), post_data(personas, version=newer.pk))
    personas.cohort.refresh_from_db()
    assert personas.cohort.version == newer


def test_the_dates_must_still_cover_the_planned_sessions(client, personas):
    make_session(personas.cohort, date=personas.cohort.end_date)
    response = login(client, personas.coordinator).post(
        url(personas.cohort), post_data(personas, end_date="2027-06-01")
    )
    assert "Flytt eller avlys dem først." in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.end_date.isoformat() == "2027-06-21"
