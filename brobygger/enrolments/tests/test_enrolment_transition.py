import datetime as dt

import pytest
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import EndingReason, Status, StatusChange
from brobygger.testing import make_enrolment

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False)

TODAY = "2026-09-01"


def url(enrolment):
    return reverse("enrolment_transition", args=[enrolment.pk])


def applications_url(cohort):
    return reverse("cohort_applications", args=[cohort.pk])


def test_anonymous_is_sent_to_login(client, personas):
    response = client.post(url(personas.enrolment), {"to": Status.PERMISJON, "on": TODAY})
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_coordinator_gets_404_and_nothing_changes(client, personas):
    client.force_login(personas.other_coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.PERMISJON, "on": TODAY})
    assert response.status_code == 404
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_participant_and_caseworker_cannot_post_transitions(client, personas):
    for user in (personas.participant_user, personas.caseworker):
        client.force_login(user)
        response = client.post(url(personas.enrolment), {"to": Status.PERMISJON, "on": TODAY})
        assert response.status_code == 403
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_get_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(url(personas.enrolment)).status_code == 405


def test_admitting_redirects_back_to_the_safe_next_page(client, personas):
    applicant = make_enrolment(personas.cohort, status=Status.VURDERES)
    client.force_login(personas.coordinator)
    response = client.post(
        url(applicant),
        {"to": Status.VENTER_PA_OPPSTART, "on": TODAY, "next": applications_url(personas.cohort)},
    )
    assert response.status_code == 302
    assert response["Location"] == applications_url(personas.cohort)
    applicant.refresh_from_db()
    assert applicant.status == Status.VENTER_PA_OPPSTART
    latest = applicant.history.get(valid_to__isnull=True)
    assert (latest.status, latest.valid_from, latest.created_by) == (
        Status.VENTER_PA_OPPSTART,
        dt.date(2026, 9, 1),
        personas.coordinator,
    )
    assert AuditEvent.objects.filter(
        action="status_change", object_id=str(applicant.pk), actor=personas.coordinator
    ).exists()


def test_an_unsafe_next_falls_back_to_the_participant_page(client, personas):
    applicant = make_enrolment(personas.cohort, status=Status.SOKT_INN)
    client.force_login(personas.coordinator)
    response = client.post(
        url(applicant), {"to": Status.VURDERES, "on": TODAY, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[applicant.pk])


def test_a_full_cohort_refuses_admission_with_the_message_and_saves_nothing(client, personas):
    cohort = personas.cohort
    cohort.capacity = 2  # the two personas hold both places
    cohort.save()
    applicant = make_enrolment(cohort, status=Status.VURDERES)
    changes = StatusChange.objects.count()
    client.force_login(personas.coordinator)
    response = client.post(
        url(applicant),
        {"to": Status.VENTER_PA_OPPSTART, "on": TODAY, "next": applications_url(cohort)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kullet er fullt (2 av 2 plasser). Sett søkeren på venteliste." in page
    assert response.context["offer_waitlist"] is True
    assert 'value="VENTELISTE"' in page
    applicant.refresh_from_db()
    assert applicant.status == Status.VURDERES
    assert StatusChange.objects.count() == changes


def test_the_offered_waiting_list_button_works(client, personas):
    cohort = personas.cohort
    cohort.capacity = 2
    cohort.save()
    applicant = make_enrolment(cohort, status=Status.VURDERES)
    client.force_login(personas.coordinator)
    response = client.post(url(applicant), {"to": Status.VENTELISTE, "on": TODAY})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert (applicant.status, applicant.waitlist_position) == (Status.VENTELISTE, 1)


def test_the_full_cohort_message_with_the_real_capacity(client, personas):
    cohort = personas.cohort  # capacity 17: 2 personas + 15 admitted
    for _ in range(15):
        make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART)
    applicant = make_enrolment(cohort, status=Status.VENTELISTE)
    client.force_login(personas.coordinator)
    response = client.post(url(applicant), {"to": Status.VENTER_PA_OPPSTART, "on": TODAY})
    assert "Kullet er fullt (17 av 17 plasser). Sett søkeren på venteliste." in (
        response.content.decode()
    )
    applicant.refresh_from_db()
    assert applicant.status == Status.VENTELISTE


def test_a_forbidden_transition_gives_the_message(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.SOKT_INN, "on": TODAY})
    assert response.status_code == 200
    assert "Kan ikke endre status fra «Deltar» til «Søkt inn»." in response.content.decode()
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_a_missing_reason_is_shown_next_to_the_field(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.AVBRUTT, "on": TODAY})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["reason"] == ["Velg en årsak."]
    page = response.content.decode()
    assert 'id="status_reason_error"' in page
    assert 'aria-describedby="status_reason_helptext status_reason_error"' in page
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_reason_text_only_with_other(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"to": Status.AVBRUTT, "on": TODAY, "reason": EndingReason.ILLNESS, "reason_text": "x"},
    )
    assert "reason_text" in response.context["form"].errors
    response = client.post(
        url(personas.enrolment),
        {
            "to": Status.AVBRUTT,
            "on": TODAY,
            "reason": EndingReason.OTHER,
            "reason_text": "Flyttet ut av landet",
        },
    )
    assert response.status_code == 302
    latest = personas.enrolment.history.get(valid_to__isnull=True)
    assert (latest.status, latest.reason, latest.reason_text) == (
        Status.AVBRUTT,
        EndingReason.OTHER,
        "Flyttet ut av landet",
    )


def test_registered_in_error_needs_a_note(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.FEILREGISTRERT, "on": TODAY})
    assert response.context["form"].errors["note"]
    response = client.post(
        url(personas.enrolment),
        {"to": Status.FEILREGISTRERT, "on": TODAY, "note": "Registrert på feil kull"},
    )
    assert response.status_code == 302
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.FEILREGISTRERT


def test_a_date_before_the_last_change_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.PERMISJON, "on": "2020-01-01"})
    assert response.context["form"].errors["on"]


# Status dates set back in time, for history registered late.
LATE = "Permisjonen ble meldt muntlig, registreres nå."


def test_a_back_dated_change_needs_a_reason(client, personas):
    before = StatusChange.objects.count()
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"to": Status.PERMISJON, "on": "2026-08-24"})
    assert response.status_code == 200
    assert response.context["form"].errors["late_reason"] == [
        "Skriv hvorfor statusendringen registreres med en dato tilbake i tid."
    ]
    assert "Skriv hvorfor statusendringen registreres" in response.content.decode()
    assert StatusChange.objects.count() == before


def test_a_back_dated_change_with_a_reason_dates_the_rows_and_keeps_the_reason(client, personas):
    enrolment = personas.enrolment  # taking part since 17.08.2026
    client.force_login(personas.coordinator)
    response = client.post(
        url(enrolment), {"to": Status.PERMISJON, "on": "2026-08-24", "late_reason": LATE}
    )
    assert response.status_code == 302
    current = enrolment.history.get(valid_to__isnull=True)
    assert (current.status, current.valid_from) == (Status.PERMISJON, dt.date(2026, 8, 24))
    assert current.late_reason == LATE
    previous = enrolment.history.get(status=Status.DELTAR)
    assert previous.valid_to == dt.date(2026, 8, 24)
    event = AuditEvent.objects.filter(action="status_change", object_id=str(enrolment.pk)).latest(
        "id"
    )
    assert event.actor == personas.coordinator
    assert event.changes["status"] == [Status.DELTAR, Status.PERMISJON]
    assert "registered_on" in event.changes  # back-dated; the text stays on the row
    assert LATE not in str(event.changes)
    page = client.get(reverse("enrolment_detail", args=[enrolment.pk])).content.decode()
    assert f"Registrert 01.09.2026: {LATE}" in page


def test_a_change_dated_today_needs_no_reason_and_keeps_none(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment), {"to": Status.PERMISJON, "on": TODAY, "late_reason": LATE}
    )
    assert response.status_code == 302
    current = personas.enrolment.history.get(valid_to__isnull=True)
    assert current.late_reason == ""
    event = AuditEvent.objects.filter(action="status_change").latest("id")
    assert "registered_on" not in event.changes


def test_a_date_in_the_future_is_refused(client, personas):
    before = StatusChange.objects.count()
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment), {"to": Status.PERMISJON, "on": "2026-09-02", "late_reason": LATE}
    )
    assert response.context["form"].errors["on"] == ["Datoen kan ikke være fram i tid."]
    assert StatusChange.objects.count() == before
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_a_back_dated_change_before_the_previous_one_gets_a_clear_message(client, personas):
    before = StatusChange.objects.count()
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment), {"to": Status.PERMISJON, "on": "2026-08-10", "late_reason": LATE}
    )
    assert response.context["form"].errors["on"] == [
        "Datoen kan ikke være før forrige statusendring (17.08.2026)."
    ]
    assert StatusChange.objects.count() == before
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR


def test_htmx_gets_the_panel_back(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"to": Status.PERMISJON, "on": TODAY, "next": "/deltakelser/1/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="enrolment-panel-{personas.enrolment.pk}"' in page
    assert "Status er endret til «Permisjon»." in page
    assert "<html" not in page
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.PERMISJON


def test_htmx_errors_come_back_in_the_panel(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment), {"to": Status.AVBRUTT, "on": TODAY}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Velg en årsak." in page
    assert f'id="enrolment-panel-{personas.enrolment.pk}"' in page


def test_withdrew_of_own_accord_is_a_coded_reason_recorded_and_shown(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert f'<option value="{EndingReason.WITHDREW}">Trakk seg</option>' in page
    response = client.post(
        url(personas.enrolment),
        {"to": Status.AVBRUTT, "on": TODAY, "reason": EndingReason.WITHDREW},
    )
    assert response.status_code == 302
    latest = personas.enrolment.history.get(valid_to__isnull=True)
    assert (latest.status, latest.reason, latest.reason_text) == (
        Status.AVBRUTT,
        "WITHDREW",
        "",
    )
    page = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert "<td>Trakk seg</td>" in page


def test_withdrew_takes_no_free_text(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"to": Status.AVBRUTT, "on": TODAY, "reason": EndingReason.WITHDREW, "reason_text": "x"},
    )
    assert "reason_text" in response.context["form"].errors
    personas.enrolment.refresh_from_db()
    assert personas.enrolment.status == Status.DELTAR
