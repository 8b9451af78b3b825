"""The bulk action on the applications page: several people, one action, one date, each through
enrolment_transition (the same rules, history and audit as one at a time), all or nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import EndingReason, Status, StatusChange
from brobygger.enrolments.services import enrolment_transition
from brobygger.enrolments.tests.factories import make_applicants
from brobygger.testing import make_enrolment

# The cohort started 17.08.2026; applicants were assessed 18.07.2026 (make_enrolment).
pytestmark = pytest.mark.time_machine(dt.datetime(2026, 9, 15, 10, tzinfo=dt.UTC), tick=False)

TODAY = "2026-09-15"
LAST_MONTH = dt.date(2026, 8, 10)
LATE = "Opptaket ble gjort i august, registreres nå."


def url(cohort):
    return reverse("cohort_applications", args=[cohort.pk])


def bulk(enrolments, to=Status.VENTER_PA_OPPSTART, on=TODAY, **extra):
    return {"enrolments": [e.pk for e in enrolments], "to": to, "on": on, **extra}


def snapshot(cohort):
    """Everything a refused bulk action must leave as it was."""
    return (
        sorted(cohort.enrolments.values_list("pk", "status", "waitlist_position")),
        StatusChange.objects.count(),
        sorted(StatusChange.objects.values_list("pk", "valid_to")),
        AuditEvent.objects.count(),
    )


def test_anonymous_is_sent_to_login_and_nothing_changes(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    response = client.post(url(personas.cohort), bulk(people))
    assert response.status_code == 302 and "/konto/login" in response["Location"]
    assert snapshot(personas.cohort) == before


def test_other_coordinator_gets_404_and_nothing_changes(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.other_coordinator)
    assert client.post(url(personas.cohort), bulk(people)).status_code == 404
    assert snapshot(personas.cohort) == before


def test_caseworker_and_participant_are_refused(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    for user in (personas.caseworker, personas.participant_user):
        client.force_login(user)
        assert client.post(url(personas.cohort), bulk(people)).status_code == 403
    assert snapshot(personas.cohort) == before


def test_the_page_offers_a_labelled_checkbox_per_person_and_the_actions(client, personas):
    new = make_enrolment(personas.cohort, status=Status.SOKT_INN)
    waiting = make_enrolment(personas.cohort, status=Status.VENTELISTE)
    client.force_login(personas.coordinator)
    page = client.get(url(personas.cohort)).content.decode()
    for e in (new, waiting):
        assert f'form="bulk-actions" name="enrolments" value="{e.pk}" id="pick-{e.pk}"' in page
        assert f'for="pick-{e.pk}">Velg {e.participant.full_name}</label>' in page
    assert '<form method="post" id="bulk-actions"' in page
    for label in ("Start vurdering", "Ta opp", "Sett på venteliste", "Avslå", "Start deltakelse"):
        assert f">{label}" in page
    assert f'name="on" value="{TODAY}"' in page  # the date defaults to today


def test_admitting_twelve_dated_last_month_gives_each_a_dated_row_and_an_audit_entry(
    client, personas
):
    people = make_applicants(personas.cohort, 12)
    audit_before = AuditEvent.objects.count()
    audit_before_id = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.cohort), bulk(people, on=LAST_MONTH.isoformat(), late_reason=LATE)
    )
    assert response.status_code == 302
    assert response["Location"] == url(personas.cohort)
    page = client.get(response["Location"]).content.decode()
    assert "12 personer har fått status «Tatt opp, venter på oppstart» fra 10.08.2026." in page
    for e in people:
        e.refresh_from_db()
        assert e.status == Status.VENTER_PA_OPPSTART
        current = e.history.get(valid_to__isnull=True)
        assert current.valid_from == LAST_MONTH
        assert current.status == Status.VENTER_PA_OPPSTART
        assert current.late_reason == LATE
        assert current.created_by == personas.coordinator
        previous = e.history.get(status=Status.VURDERES)
        assert previous.valid_to == LAST_MONTH
        event = AuditEvent.objects.get(
            action="status_change",
            object_type="enrolments.enrolment",
            object_id=str(e.pk),
            id__gt=audit_before_id,
        )
        assert event.actor == personas.coordinator
        assert event.changes["status"] == [Status.VURDERES, Status.VENTER_PA_OPPSTART]
        # Dates are redacted in the append-only trail (core.appendonly); that it was set, and
        # that it was back-dated, is recorded. The free-text reason never enters it.
        assert event.changes["valid_from"] == [None, REDACTED]
        assert event.changes["registered_on"] == [None, REDACTED]
        assert LATE not in str(event.changes)
    assert AuditEvent.objects.count() == audit_before + 12


def test_a_mix_of_valid_and_invalid_people_saves_nothing_and_lists_who_and_why(client, personas):
    cohort = personas.cohort
    fine = make_applicants(cohort, 2)
    not_assessed = make_enrolment(cohort, status=Status.SOKT_INN)
    changed_later = make_enrolment(cohort, status=Status.SOKT_INN)
    enrolment_transition(
        by=personas.coordinator, enrolment=changed_later, to=Status.VURDERES, on=dt.date(2026, 9, 1)
    )
    before = snapshot(cohort)
    client.force_login(personas.coordinator)
    response = client.post(
        url(cohort),
        bulk([*fine, not_assessed, changed_later], on=LAST_MONTH.isoformat(), late_reason=LATE),
    )
    assert response.status_code == 200
    assert snapshot(cohort) == before  # the two who could have moved did not either
    refused = {r.enrolment.pk: r.messages for r in response.context["refusals"]}
    assert refused == {
        not_assessed.pk: [
            "Kan ikke endre status fra «Søkt inn» til «Tatt opp, venter på oppstart»."
        ],
        changed_later.pk: ["Datoen kan ikke være før forrige statusendring (01.09.2026)."],
    }
    page = response.content.decode()
    assert "Ingen ble flyttet: 2 av de valgte kan ikke få den nye statusen." in page
    assert f"{not_assessed.participant.full_name}: Kan ikke endre status fra" in page
    assert f"{changed_later.participant.full_name}: Datoen kan ikke være før" in page
    for e in (*fine, not_assessed, changed_later):  # still ticked, to correct and resend
        assert f'value="{e.pk}" id="pick-{e.pk}" checked' in page


def test_the_last_places_go_in_order_and_a_full_cohort_refuses_the_rest(client, personas):
    cohort = personas.cohort
    cohort.capacity = 4  # two personas take part: two places left
    cohort.save()
    people = make_applicants(cohort, 3)
    before = snapshot(cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(cohort), bulk(people))
    assert snapshot(cohort) == before
    [refusal] = response.context["refusals"]
    assert refusal.enrolment == people[2]
    assert "Kullet er fullt (4 av 4 plasser)" in refusal.messages[0]


def test_a_date_in_the_future_is_refused(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk(people, on="2026-09-16"))
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["on"] == ["Datoen kan ikke være fram i tid."]
    assert snapshot(personas.cohort) == before


def test_a_date_before_everyones_previous_status_is_refused_per_person(client, personas):
    people = make_applicants(personas.cohort, 2)  # assessed 18.07.2026
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk(people, on="2026-07-01", late_reason=LATE))
    assert snapshot(personas.cohort) == before
    assert [r.messages for r in response.context["refusals"]] == [
        ["Datoen kan ikke være før forrige statusendring (18.07.2026)."]
    ] * 2


def test_a_back_dated_action_needs_a_reason(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk(people, on=LAST_MONTH.isoformat()))
    assert response.context["bulk_form"].errors["late_reason"] == [
        "Skriv hvorfor statusendringen registreres med en dato tilbake i tid."
    ]
    assert snapshot(personas.cohort) == before


def test_an_empty_selection_is_refused(client, personas):
    make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk([]))
    assert response.status_code == 200
    assert response.context["bulk_form"].errors["enrolments"] == ["Velg minst én person."]
    assert "Velg minst én person." in response.content.decode()
    assert snapshot(personas.cohort) == before


@pytest.mark.parametrize("action", ["FULLFORT", "FEILREGISTRERT", "sletting", ""])
def test_an_unknown_action_is_refused(client, personas, action):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk(people, to=action))
    expected = "Velg en handling." if action == "" else "Ukjent handling."
    assert response.context["bulk_form"].errors["to"] == [expected]
    assert snapshot(personas.cohort) == before


def test_refusing_needs_a_coded_reason_and_records_it(client, personas):
    people = make_applicants(personas.cohort, 2)
    before = snapshot(personas.cohort)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.cohort), bulk(people, to=Status.IKKE_AKTUELL))
    assert response.context["bulk_form"].errors["reason"] == ["Velg en årsak."]
    assert snapshot(personas.cohort) == before
    response = client.post(
        url(personas.cohort),
        bulk(people, to=Status.IKKE_AKTUELL, reason=EndingReason.COHORT_FULL),
    )
    assert response.status_code == 302
    for e in people:
        current = e.history.get(valid_to__isnull=True)
        assert (current.status, current.reason) == (Status.IKKE_AKTUELL, EndingReason.COHORT_FULL)


def test_assessing_wait_listing_and_starting_in_bulk(client, personas):
    cohort = personas.cohort
    applied = make_applicants(cohort, 2, status=Status.SOKT_INN)
    assessed = make_applicants(cohort, 2)
    admitted = make_applicants(cohort, 2, status=Status.VENTER_PA_OPPSTART)
    client.force_login(personas.coordinator)
    for people, to in (
        (applied, Status.VURDERES),
        (assessed, Status.VENTELISTE),
        (admitted, Status.DELTAR),
    ):
        response = client.post(url(cohort), bulk(people, to=to, on="2026-08-17", late_reason=LATE))
        assert response.status_code == 302, response.context["bulk_form"].errors
        for e in people:
            e.refresh_from_db()
            assert e.status == to
    assert [e.waitlist_position for e in assessed] == [1, 2]  # in the order shown


def test_a_protected_participant_is_neither_offered_nor_actionable(client, personas):
    from brobygger.accesslog.protection import participant_protect
    from brobygger.accounts.models import Role
    from brobygger.enrolments.models import ProtectionReason
    from brobygger.testing import make_user

    cohort = personas.cohort
    visible = make_applicants(cohort, 1)[0]
    hidden = make_applicants(cohort, 1)[0]
    nora = make_user("nora", role=Role.COORDINATOR, org=personas.bergen)
    participant_protect(
        participant=hidden.participant, by=nora, reason=ProtectionReason.SAME_SERVICE
    )
    client.force_login(personas.coordinator)
    page = client.get(url(cohort)).content.decode()
    assert f'value="{visible.pk}" id="pick-{visible.pk}"' in page
    assert f'id="pick-{hidden.pk}"' not in page
    before = snapshot(cohort)
    response = client.post(url(cohort), bulk([visible, hidden]))
    assert response.context["bulk_form"].errors["enrolments"] == [
        "En av de valgte kan ikke velges her. Last siden på nytt."
    ]
    assert hidden.participant.full_name not in response.content.decode()
    assert snapshot(cohort) == before


@pytest.mark.parametrize("size", [3, 12])
def test_the_query_count_grows_by_a_fixed_amount_per_person(
    client, personas, django_assert_num_queries, size
):
    people = make_applicants(personas.cohort, size)
    client.force_login(personas.coordinator)
    # Fixed (7): session, user, memberships, the cohort, the chosen enrolments (one query),
    # and the bulk transaction's savepoint and release.
    # Per person (11), one enrolment_transition, the same as one at a time: savepoint, cohort
    # and enrolment locked, places taken, previous change, close it, new row, save status,
    # the owner organisation and the audit event, release. The actor's roles are the ones the
    # access check read (issue 16: no lookup per person).
    # The count may grow per person only by this fixed amount: 3 -> 40, 12 -> 139.
    with django_assert_num_queries(7 + 11 * size):
        response = client.post(
            url(personas.cohort), bulk(people, on=LAST_MONTH.isoformat(), late_reason=LATE)
        )
    assert response.status_code == 302
    assert StatusChange.objects.filter(valid_from=LAST_MONTH).count() == size
