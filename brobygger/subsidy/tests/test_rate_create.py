import datetime as dt
from decimal import Decimal

from django.urls import reverse

from brobygger.subsidy.models import SubsidyRate

URL = reverse("subsidy_rate_create")


def seeded_first_row():
    return SubsidyRate.objects.get(subsidy_type="temporary", reduced_capacity=False, phase="first")


def data(**overrides):
    values = {
        "subsidy_type": "temporary",
        "phase": "first",
        "percent": "45",
        "phase_months": "6",
        "max_months": "12",
        "valid_from": "2027-01-01",
        "note": "Statsbudsjettet 2027",
    }
    values.update(overrides)
    return values


def test_anonymous_is_sent_to_login(client):
    assert "/konto/login" in client.get(URL)["Location"]


def test_only_administrators_may_add_rates(client, personas, today):
    for user in (personas.coordinator, personas.caseworker, personas.employer):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, data()).status_code == 403
    assert SubsidyRate.objects.count() == 10


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.put(URL).status_code == 405


def test_changing_a_row_prefills_its_values_from_next_month(client, personas, today):
    client.force_login(personas.admin)
    response = client.get(URL, {"fra": seeded_first_row().pk})
    initial = response.context["form"].initial
    assert initial["percent"] == Decimal("40")
    assert initial["valid_from"] == dt.date(2027, 1, 1)  # today is 15.12.2026
    assert "Den gamle satsen blir stående" in response.content.decode()


def test_a_change_creates_a_new_row_and_leaves_the_old_one(client, personas, today):
    old = SubsidyRate.objects.filter(pk=seeded_first_row().pk).values().get()
    client.force_login(personas.admin)
    response = client.post(URL + f"?fra={old['id']}", data())
    assert response.status_code == 302
    assert SubsidyRate.objects.count() == 11
    assert SubsidyRate.objects.filter(pk=old["id"]).values().get() == old
    new = SubsidyRate.objects.latest("id")
    assert (new.percent, new.valid_from, new.note) == (
        Decimal("45"),
        dt.date(2027, 1, 1),
        "Statsbudsjettet 2027",
    )


def test_editing_a_row_in_force_is_refused_and_nothing_changes(client, personas, today):
    before = list(SubsidyRate.objects.values())
    client.force_login(personas.admin)
    response = client.post(URL, data(valid_from="2025-01-01"))
    assert response.status_code == 200
    assert "En ny sats må gjelde fra en dato etter i dag." in response.content.decode()
    assert list(SubsidyRate.objects.values()) == before


def test_percent_over_100_is_refused(client, personas, today):
    client.force_login(personas.admin)
    response = client.post(URL, data(percent="120"))
    assert "Prosenten må være over 0 og høyst 100." in response.content.decode()
    assert SubsidyRate.objects.count() == 10


def test_a_date_that_is_not_a_date_is_refused(client, personas, today):
    client.force_login(personas.admin)
    response = client.post(URL, data(valid_from="neste år"))
    assert "Skriv datoen som dd.mm.åååå." in response.content.decode()
    assert SubsidyRate.objects.count() == 10
