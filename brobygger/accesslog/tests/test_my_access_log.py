"""/meg/innsyn/: "Hvem har sett mine opplysninger"."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from brobygger.accesslog import hidden_names
from brobygger.accesslog.models import AccessEvent, HiddenNameReason
from brobygger.accesslog.services import record_access
from brobygger.core.navigation import sections_for

URL = reverse("my_access_log")


def look(user, participant, *, shown="Deltakersiden", organisation=None, denied=False):
    request = RequestFactory().get("/deltakelser/1/")
    request.user = user
    return record_access(
        request,
        participant,
        shown=shown,
        organisation_id=organisation.pk if organisation else None,
        denied=denied,
    )


def test_login_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_only_participants_have_the_page(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(URL).status_code == 405


def test_it_is_in_the_participants_menu(personas):
    request = RequestFactory().get("/")
    request.user = personas.participant_user
    assert URL in [section["url"] for section in sections_for(request)]
    request.user = AnonymousUser()
    assert URL not in [section["url"] for section in sections_for(request)]


def test_a_coordinator_opening_the_participant_page_shows_up_there(client, personas, time_machine):
    # 15 October 2026, 08:05 UTC is 10:05 in Oslo (summer time).
    time_machine.move_to(dt.datetime(2026, 10, 15, 8, 5, tzinfo=dt.UTC), tick=False)
    client.force_login(personas.coordinator)
    assert client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).status_code == 200

    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert "15.10.2026 kl. 10:05" in html
    assert "Programkoordinator i Bergen kommune, MB-utdanning" in html
    assert "Deltakersiden: kontaktopplysninger, status, oppmøte, praksis og oppgave" in html
    assert "Oppfølging av deltakelsen i programmet" in html
    # Named by default (issue 10): name, role and organisation.
    assert f"{personas.coordinator.get_full_name()}, " in html


def test_staff_are_named_by_default_with_role_and_organisation(client, personas):
    participant = personas.enrolment.participant
    look(personas.coordinator, participant, organisation=personas.bergen)
    look(personas.supervisor, participant, organisation=personas.host, shown="Timeliste")
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert f"{personas.supervisor.get_full_name()}, " in html
    assert "Praksisveileder i Bergen kommune, Rusteamet" in html
    assert f"{personas.coordinator.get_full_name()}, " in html
    assert "Programkoordinator i Bergen kommune, MB-utdanning" in html


def test_a_hidden_name_shows_role_and_organisation_only_and_never_the_reason(client, personas):
    participant = personas.enrolment.participant
    look(personas.coordinator, participant, organisation=personas.bergen)
    look(personas.supervisor, participant, organisation=personas.host, shown="Timeliste")
    hidden_names.staff_name_hide(
        user=personas.supervisor,
        reason=HiddenNameReason.OTHER,
        reason_text="Hemmelig grunn: trusler fra en tidligere bruker",
        by=personas.admin,
    )
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert personas.supervisor.get_full_name() not in html
    assert personas.supervisor.username not in html
    assert "Praksisveileder i Bergen kommune, Rusteamet" in html
    assert f"{personas.coordinator.get_full_name()}, " in html  # the others keep their names
    for reason in ["Hemmelig grunn", *(str(label) for label in HiddenNameReason.labels)]:
        assert reason not in html


def test_newest_first_and_only_the_participants_own_entries(client, personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC), tick=False)
    look(personas.coordinator, personas.enrolment.participant, shown="Første")
    time_machine.move_to(dt.datetime(2026, 10, 2, 12, tzinfo=dt.UTC), tick=False)
    look(personas.coordinator, personas.enrolment.participant, shown="Andre")
    look(personas.coordinator, personas.other_enrolment.participant, shown="Dags side")
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert html.index("Andre") < html.index("Første")
    assert "Dags side" not in html


def test_denied_attempts_are_not_shown_as_looked_at(client, personas):
    look(personas.other_coordinator, personas.enrolment.participant, shown="Avvist", denied=True)
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert "Avvist" not in html
    assert "Ingen andre har sett opplysningene dine ennå." in html


def test_it_pages_25_at_a_time(client, personas):
    for n in range(30):
        look(personas.coordinator, personas.enrolment.participant, shown=f"Side nr {n:02d}")
    client.force_login(personas.participant_user)
    first = client.get(URL).content.decode()
    assert "Side nr 29" in first and "Side nr 04" not in first
    assert "Side 1 av 2" in first
    second = client.get(URL, {"side": 2}).content.decode()
    assert "Side nr 04" in second and "Side nr 29" not in second


@pytest.mark.parametrize("rows", [2, 25])
def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries, rows):
    hidden_names.staff_name_hide(user=personas.supervisor, reason="threat", by=personas.admin)
    for n in range(rows):
        look(
            personas.supervisor if n % 2 else personas.coordinator,
            personas.enrolment.participant,
            organisation=personas.host if n % 2 else personas.bergen,
        )
    client.force_login(personas.participant_user)
    # session, user, memberships (menu), count, page of entries with actor and organisation
    # (whether the actor's name is hidden is a subquery in the same query)
    with django_assert_num_queries(5):
        response = client.get(URL)
    html = response.content.decode()
    assert html.count("Deltakersiden") == rows
    assert html.count(f"{personas.coordinator.get_full_name()}, ") == (rows + 1) // 2
    assert personas.supervisor.get_full_name() not in html
    assert AccessEvent.objects.count() == rows
