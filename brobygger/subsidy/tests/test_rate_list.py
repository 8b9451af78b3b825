import datetime as dt
from decimal import Decimal

from django.urls import reverse

from brobygger.subsidy.services import rate_add

URL = reverse("subsidy_rate_list")


def planned(personas, valid_from=dt.date(2027, 1, 1), phase="first"):
    return rate_add(
        by=personas.admin,
        subsidy_type="temporary",
        reduced_capacity=False,
        phase=phase,
        percent=Decimal("45"),
        phase_months=6,
        max_months=12,
        valid_from=valid_from,
    )


def test_anonymous_is_sent_to_login(client):
    assert "/konto/login" in client.get(URL)["Location"]


def test_employers_participants_and_analysts_are_refused(client, personas):
    for user in (personas.employer, personas.participant_user, personas.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_the_admin_sees_every_row_marked_and_the_links_to_change(client, personas, today):
    row = planned(personas)
    client.force_login(personas.admin)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Gjelder nå") == 10
    assert "Planlagt" in html
    assert reverse("subsidy_rate_withdraw", args=[row.pk]) in html
    assert f"{reverse('subsidy_rate_create')}?fra=" in html
    assert "Ingen grense" in html  # permanent


def test_a_coordinator_reads_without_edit_links(client, personas, today):
    client.force_login(personas.coordinator)
    html = client.get(URL).content.decode()
    assert "Gjelder nå" in html
    assert reverse("subsidy_rate_create") not in html


def test_the_query_count_is_fixed(client, personas, today, django_assert_num_queries):
    client.force_login(personas.admin)
    with django_assert_num_queries(4):
        client.get(URL)
    for year in (2027, 2028, 2029):
        planned(personas, valid_from=dt.date(year, 1, 1))
        planned(personas, valid_from=dt.date(year, 1, 1), phase="after")
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.content.decode().count("Planlagt") == 6
