from django.urls import reverse

from brobygger.subsidy.models import SubsidyRate
from brobygger.subsidy.tests.test_rate_list import planned


def url(rate):
    return reverse("subsidy_rate_withdraw", args=[rate.pk])


def in_force():
    return SubsidyRate.objects.get(subsidy_type="temporary", reduced_capacity=False, phase="first")


def test_anonymous_is_sent_to_login(client, personas, today):
    assert "/konto/login" in client.post(url(planned(personas)))["Location"]


def test_only_administrators_may_withdraw(client, personas, today):
    row = planned(personas)
    client.force_login(personas.coordinator)
    assert client.post(url(row)).status_code == 403
    assert SubsidyRate.objects.filter(pk=row.pk).exists()


def test_get_is_405(client, personas, today):
    client.force_login(personas.admin)
    assert client.get(url(planned(personas))).status_code == 405


def test_an_unknown_row_is_404(client, personas):
    client.force_login(personas.admin)
    assert client.post(reverse("subsidy_rate_withdraw", args=[999999])).status_code == 404


def test_a_planned_row_is_withdrawn(client, personas, today):
    row = planned(personas)
    client.force_login(personas.admin)
    response = client.post(url(row), follow=True)
    assert "Den planlagte satsen er fjernet." in response.content.decode()
    assert not SubsidyRate.objects.filter(pk=row.pk).exists()


def test_a_row_in_force_is_never_removed(client, personas, today):
    row = in_force()
    client.force_login(personas.admin)
    response = client.post(url(row), follow=True)
    assert "kan ikke endres eller fjernes" in response.content.decode()
    assert SubsidyRate.objects.filter(pk=row.pk).exists()
