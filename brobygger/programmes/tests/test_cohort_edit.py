from django.test import Client
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import STALE, loaded_token, refused_as_stale
from brobygger.programmes.models import ProgrammeVersion
from brobygger.programmes.tests.factories import BEFORE_START, DURING, frozen, login
from brobygger.programmes.tests.factories import cohort_edit_post as post_data
from brobygger.testing import make_session


def url(cohort):
    return reverse("cohort_edit", args=[cohort.pk])


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


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    first, second = (login(Client(), personas.coordinator) for _ in range(2))
    edit = url(personas.cohort)
    with frozen(BEFORE_START):
        token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
        saved = first.post(edit, post_data(personas, place="Fana", edit_token=token_first))
        assert saved.status_code == 302
        late = post_data(personas, name="Kull Sent", capacity="30", edit_token=token_second)
        response = second.post(edit, late)
        fresh = refused_as_stale(response, "Sted (nå «Fana»)")
        assert "Navn" not in response.content.decode().split(STALE)[1].split(".")[0]
        assert 'value="Kull Sent"' in response.content.decode()  # the input is kept
        personas.cohort.refresh_from_db()
        assert (personas.cohort.name, personas.cohort.capacity) != ("Kull Sent", 30)
        assert personas.cohort.place == "Fana"

        assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    personas.cohort.refresh_from_db()
    assert (personas.cohort.name, personas.cohort.capacity) == ("Kull Sent", 30)


def test_a_teacher_added_by_someone_else_is_named(personas):
    first, second = (login(Client(), personas.coordinator) for _ in range(2))
    edit = url(personas.cohort)
    with frozen(BEFORE_START):
        token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
        first.post(edit, post_data(personas, teachers=[], edit_token=token_first))
        response = second.post(edit, post_data(personas, edit_token=token_second))
    refused_as_stale(response, "Undervisere (nå «ingen»)")
    assert not personas.cohort.teachers.exists()


def test_a_forged_token_is_refused_with_a_message_not_an_error(client, personas):
    login(client, personas.coordinator)
    with frozen(BEFORE_START):
        response = client.post(url(personas.cohort), post_data(personas, name="X", edit_token="x"))
    assert response.status_code == 200
    assert "Skjemaet kunne ikke kontrolleres mot det som er lagret nå" in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.name != "X"


def test_a_post_without_a_token_is_accepted_as_before(client, personas):
    # ADR 0014: a client that never loaded the edit page has no older version to be refused.
    login(client, personas.coordinator)
    with frozen(BEFORE_START):
        assert client.post(url(personas.cohort), post_data(personas, place="Os")).status_code == 302
    personas.cohort.refresh_from_db()
    assert personas.cohort.place == "Os"
