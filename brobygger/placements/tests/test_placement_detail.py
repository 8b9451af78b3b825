import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accounts.models import Membership, Role
from brobygger.organisations.models import OrganisationKind
from brobygger.placements.models import PlacementPercent, TimesheetStatus
from brobygger.placements.services import evaluation_save
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.testing import make_org, make_user


@pytest.fixture
def placement(personas):
    return make_placement(personas)


def url(placement):
    return reverse("placement_detail", args=[placement.pk])


def test_anonymous_is_sent_to_login(client, placement):
    response = client.get(url(placement))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_people_outside_the_placement_get_404(client, personas, placement):
    another_supervisor = make_user(role=Role.SUPERVISOR, org=personas.host)
    for user in (personas.other_coordinator, personas.other_participant_user, another_supervisor):
        client.force_login(user)
        assert client.get(url(placement)).status_code == 404, user


def test_a_supervisor_who_lost_the_role_at_the_host_gets_404(client, personas, placement):
    elsewhere = make_org("Annet praksissted", kind=OrganisationKind.PLACEMENT_SITE)
    Membership.objects.filter(user=personas.supervisor).update(organisation=elsewhere)
    client.force_login(personas.supervisor)
    assert client.get(url(placement)).status_code == 404


def test_roles_that_never_see_placements_are_refused(client, personas, placement):
    client.force_login(personas.caseworker)
    assert client.get(url(placement)).status_code == 403


def test_wrong_method_is_405(client, personas, placement):
    client.force_login(personas.coordinator)
    assert client.post(url(placement)).status_code == 405


def test_the_coordinator_sees_everything_and_the_percent_form(client, personas, placement, today):
    make_timesheet(placement, monday(0), "16.88")
    make_timesheet(placement, monday(1), "16.5")
    evaluation_save(by=personas.supervisor, placement=placement, kind="midway", text="God start.")
    client.force_login(personas.coordinator)
    response = client.get(url(placement))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dina Deltakersen" in html
    assert personas.host.name in html
    assert "07.09.2026–31.01.2027" in html
    assert "Teller: 16,88 t av 16,875 t som kreves (50 %)." in html
    assert "Teller ikke: 16,5 t, men 16,875 t kreves (50 %)." in html
    assert "God start." in html
    assert reverse("placement_percent_create", args=[placement.pk]) in html
    assert reverse("evaluation_edit", args=[placement.pk, "midway"]) not in html
    assert "/uke/" not in html
    # Weeks up to this week (15.10.2026 is in week 6 of the placement), not beyond.
    assert "Uke 42 (12.10.–18.10.2026)" in html
    assert "Uke 43" not in html


def test_the_supervisor_gets_review_and_evaluation_links(client, personas, placement, today):
    sheet = make_timesheet(placement, monday(0), "20", status=TimesheetStatus.SUBMITTED)
    client.force_login(personas.supervisor)
    html = client.get(url(placement)).content.decode()
    assert reverse("timesheet_review", args=[sheet.pk]) in html
    assert reverse("evaluation_edit", args=[placement.pk, "midway"]) in html
    assert reverse("evaluation_edit", args=[placement.pk, "final"]) in html
    assert reverse("placement_percent_create", args=[placement.pk]) not in html


def test_the_participant_gets_links_to_enter_hours(client, personas, placement, today):
    client.force_login(personas.participant_user)
    html = client.get(url(placement)).content.decode()
    assert reverse("timesheet_edit", args=[placement.pk, "2026-09-07"]) in html
    assert reverse("timesheet_review", args=[1]) not in html
    assert reverse("placement_percent_create", args=[placement.pk]) not in html


def test_the_query_count_is_fixed_for_2_and_for_20_weeks(
    client, personas, placement, today, django_assert_num_queries
):
    client.force_login(personas.coordinator)
    evaluation_save(by=personas.supervisor, placement=placement, kind="midway", text="Fint.")
    for n in range(2):
        make_timesheet(placement, monday(n), "20")
    with django_assert_num_queries(8):  # 7 + the read-log entry
        assert client.get(url(placement)).status_code == 200
    long = make_placement(personas, start=dt.date(2027, 2, 1), end=dt.date(2027, 8, 1))
    for n in range(20):
        make_timesheet(long, monday(n, long.start_date), "21")
        PlacementPercent.objects.create(
            placement=long, percent=60, valid_from=monday(n + 1, long.start_date)
        )
    for kind in ("midway", "final"):
        evaluation_save(by=personas.supervisor, placement=long, kind=kind, text="Fint.")
    with django_assert_num_queries(8):  # 7 + the read-log entry
        response = client.get(url(long))
    assert response.content.decode().count("Teller:") >= 20
