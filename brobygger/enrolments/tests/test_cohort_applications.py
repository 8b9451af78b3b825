import datetime as dt

import pytest
from django.urls import reverse

from brobygger.enrolments.models import Status
from brobygger.enrolments.tests.factories import make_applicants
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)


def url(cohort):
    return reverse("cohort_applications", args=[cohort.pk])


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(url(personas.cohort))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.cohort)).status_code == 404


def test_caseworker_and_participant_are_refused(client, personas):
    for user in (personas.caseworker, personas.participant_user):
        client.force_login(user)
        assert client.get(url(personas.cohort)).status_code == 403


def test_other_methods_are_not_allowed(client, personas):
    # POST is the bulk action (test_cohort_applications_bulk.py).
    client.force_login(personas.coordinator)
    assert client.put(url(personas.cohort)).status_code == 405
    assert client.delete(url(personas.cohort)).status_code == 405


def test_it_lists_each_section_with_the_allowed_actions(client, personas):
    cohort = personas.cohort
    new = make_enrolment(cohort, status=Status.SOKT_INN)
    assessed = make_enrolment(cohort, status=Status.VURDERES)
    first, second = make_applicants(cohort, 2, status=Status.VENTELISTE)
    admitted = make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART)
    client.force_login(personas.coordinator)
    response = client.get(url(cohort))
    assert response.status_code == 200
    apps = response.context["applications"]
    assert [r.enrolment for r in apps.new] == [new, assessed]
    assert [r.enrolment for r in apps.waitlist] == [first, second]
    assert [r.enrolment for r in apps.admitted] == [admitted]
    assert apps.places_taken == 3  # two personas taking part + one admitted
    page = response.content.decode()
    assert "Plasser tatt: 3 av 17" in page
    assert personas.enrolment.participant.full_name not in page  # taking part: not an applicant
    assessed_actions = {a.to for a in apps.new[1].quick_actions}
    assert assessed_actions == {Status.VENTELISTE, Status.VENTER_PA_OPPSTART}
    assert {a.to for a in apps.new[0].quick_actions} == {Status.VURDERES}
    assert [v for v, _ in apps.new[0].other_targets] == [Status.IKKE_AKTUELL, Status.FEILREGISTRERT]
    assert "Ta opp" in page and "Sett på venteliste" in page and "Flytt ned" in page
    assert personas.stavanger_enrolment.participant.full_name not in page


def test_a_full_cohort_is_flagged_and_still_offers_the_waiting_list(client, personas):
    cohort = personas.cohort
    cohort.capacity = 2
    cohort.save()
    make_enrolment(cohort, status=Status.VURDERES)
    client.force_login(personas.coordinator)
    page = client.get(url(cohort)).content.decode()
    assert "Kullet er fullt (2 av 2 plasser)" in page
    assert "Sett på venteliste" in page


@pytest.mark.parametrize("extra", [0, 18])
def test_the_query_count_does_not_grow_with_rows(
    client, personas, django_assert_num_queries, extra
):
    cohort = personas.cohort
    make_applicants(cohort, 1 + extra, status=Status.VURDERES)
    make_applicants(cohort, 1 + extra // 2, status=Status.VENTELISTE)
    client.force_login(personas.coordinator)
    with django_assert_num_queries(5):
        response = client.get(url(cohort))
    assert response.status_code == 200
    assert len(response.context["applications"].new) == 1 + extra


def test_starting_someone_after_the_cohort_began_dates_it_from_the_first_day(
    client, personas, time_machine
):
    cohort = personas.cohort  # starts 17.08.2026
    admitted = make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART)
    time_machine.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)
    client.force_login(personas.coordinator)
    page = client.get(url(cohort)).content.decode()
    assert 'name="on" value="2026-08-17"' in page
    # The date is before today, so the button carries its reason (history registered late).
    late_reason = "Deltakelsen regnes fra kullets første dag, eller fra opptaket om det kom senere."
    assert f'name="late_reason" value="{late_reason}"' in page
    client.post(
        reverse("enrolment_transition", args=[admitted.pk]),
        {"to": Status.DELTAR, "on": "2026-08-17", "late_reason": late_reason, "next": url(cohort)},
    )
    admitted.refresh_from_db()
    assert admitted.status == Status.DELTAR
    assert admitted.history.get(valid_to__isnull=True).valid_from == cohort.start_date


def test_a_late_admission_starts_no_earlier_than_it_was_admitted(client, personas, time_machine):
    from brobygger.enrolments.services import enrolment_transition

    cohort = personas.cohort  # starts 17.08.2026
    late = make_enrolment(cohort, status=Status.VURDERES)
    enrolment_transition(
        by=personas.coordinator,
        enrolment=late,
        to=Status.VENTER_PA_OPPSTART,
        on=dt.date(2026, 8, 24),
    )
    time_machine.move_to(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)
    client.force_login(personas.coordinator)
    page = client.get(url(cohort)).content.decode()
    assert 'name="on" value="2026-08-24"' in page
