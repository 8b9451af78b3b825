"""/innsynslogg/: the administrator reviews denied and flagged look-ups."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from brobygger.accesslog.services import record_access

URL = reverse("access_log_review")


def look(user, participant, *, shown, denied=False):
    request = RequestFactory().get("/x/")
    request.user = user
    return record_access(request, participant, shown=shown, denied=denied)


@pytest.fixture
def entries(personas):
    dina = personas.enrolment.participant
    look(personas.coordinator, dina, shown="Vanlig oppslag")
    look(personas.other_coordinator, dina, shown="Avvist oppslag", denied=True)
    dina.is_protected = True
    dina.save(update_fields=["is_protected"])
    look(personas.coordinator, dina, shown="Flagget oppslag")


def test_login_is_required(client):
    assert client.get(URL).status_code == 302


def test_only_the_administrator_has_it(client, personas):
    for user in (personas.coordinator, personas.participant_user, personas.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_it_lists_denied_and_flagged_but_not_ordinary_look_ups(client, personas, entries):
    client.force_login(personas.admin)
    html = client.get(URL).content.decode()
    assert "Avvist oppslag" in html and "Flagget oppslag" in html
    assert "Vanlig oppslag" not in html
    assert "Dina" not in html  # ids only: the admin role grants no access to records


def test_it_filters(client, personas, entries):
    client.force_login(personas.admin)
    denied = client.get(URL, {"vis": "avviste"}).content.decode()
    assert "Avvist oppslag" in denied and "Flagget oppslag" not in denied
    flagged = client.get(URL, {"vis": "flaggede"}).content.decode()
    assert "Flagget oppslag" in flagged and "Avvist oppslag" not in flagged
    assert "Avvist oppslag" in client.get(URL, {"vis": "tull"}).content.decode()


@pytest.mark.parametrize("rows", [2, 20])
def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries, rows):
    for _n in range(rows):
        look(personas.other_coordinator, personas.enrolment.participant, shown="x", denied=True)
    client.force_login(personas.admin)
    # 6: the last check of the log chains (verify_audit, ADR 0013) is one of them.
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count("Avvist</span>") == rows
