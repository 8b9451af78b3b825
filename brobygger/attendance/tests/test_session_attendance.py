from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.attendance.models import AttendanceRecord, AttendanceRevision
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.tests.factories import (
    TODAY,
    make_held_session,
    make_on_leave,
    record,
    week,
)
from brobygger.core.models import AuditEvent
from brobygger.core.verify import verify_all
from brobygger.enrolments.models import Status
from brobygger.testing import (
    make_cohort,
    make_enrolment,
    make_participant,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def session(personas):
    return make_held_session(personas.cohort, on=week(6), hours=3, topic="Recovery")


def url(session):
    return reverse("session_attendance", args=[session.pk])


def as_user(client, user):
    client.force_login(user)
    return client


def rows(personas, overrides=None):
    """POST data for the two persona enrolments: present unless overridden."""
    data = {}
    for enrolment in (personas.enrolment, personas.other_enrolment):
        status, hours = (overrides or {}).get(enrolment, (A.PRESENT, ""))
        data[f"p{enrolment.pk}-status"] = status
        data[f"p{enrolment.pk}-hours"] = hours
    return data


# Who may use the page


def test_anonymous_is_sent_to_login(client, session):
    for method in (client.get, client.post):
        response = method(url(session))
        assert response.status_code == 302
        assert "/konto/login" in response["Location"]


def test_the_other_organisations_coordinator_gets_404(client, personas, session):
    as_user(client, personas.other_coordinator)
    assert client.get(url(session)).status_code == 404
    assert client.post(url(session), rows(personas)).status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_a_teacher_of_another_cohort_gets_404(client, personas):
    other_teacher = make_user(role=Role.TEACHER, org=personas.bergen)
    make_cohort(personas.version, teachers=[other_teacher])
    session = make_held_session(personas.cohort, on=week(6))
    as_user(client, other_teacher)
    assert client.get(url(session)).status_code == 404
    # ...and the persona teacher cannot reach a cohort they do not teach either.
    foreign = make_held_session(make_cohort(personas.version), on=week(6))
    as_user(client, personas.teacher)
    assert client.get(url(foreign)).status_code == 404


@pytest.mark.parametrize("persona", ["participant_user", "caseworker", "supervisor"])
def test_roles_that_do_not_take_attendance_get_403(client, personas, session, persona):
    as_user(client, getattr(personas, persona))
    assert client.get(url(session)).status_code == 403
    assert client.post(url(session), rows(personas)).status_code == 403
    assert not AttendanceRecord.objects.exists()


def test_other_methods_get_405(client, personas, session):
    as_user(client, personas.teacher)
    assert client.put(url(session)).status_code == 405
    assert client.delete(url(session)).status_code == 405


# The grid


def test_the_grid_lists_who_takes_part_sorted_by_name_with_leave_marked(client, personas, session):
    on_leave = make_on_leave(personas.cohort, participant=make_participant("Ane", "Aasen"))
    make_enrolment(
        personas.cohort, participant=make_participant("Sofie", "Søker"), status=Status.SOKT_INN
    )
    as_user(client, personas.teacher)

    response = client.get(url(session))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sofie Søker" not in html
    names = [r.enrolment.participant.full_name for r in response.context["grid"].rows]
    assert names == ["Ane Aasen", "Dag Deltakersen", "Dina Deltakersen"]
    assert "<legend" in html and "Permisjon" in html
    # On leave defaults to excused; the others have no choice made yet.
    assert f'id="id_p{on_leave.pk}-status_2" value="excused" checked' in html
    assert 'value="present" checked' not in html
    assert html.count('type="radio"') == 3 * 4
    assert "Oppmøtet er ikke registrert ennå." in html


def test_a_coordinator_can_open_the_grid(client, personas, session):
    as_user(client, personas.coordinator)
    assert client.get(url(session)).status_code == 200


def test_saving_records_everyone_and_redirects_with_a_message(client, personas, session):
    as_user(client, personas.teacher)
    data = rows(personas, {personas.other_enrolment: (A.PARTIAL, "1,5")})

    response = client.post(url(session), data)

    assert response.status_code == 302
    assert response["Location"] == url(session)
    stored = {
        r.enrolment_id: (r.status, r.hours, r.recorded_by) for r in AttendanceRecord.objects.all()
    }
    assert stored == {
        personas.enrolment.pk: (A.PRESENT, Decimal("3.00"), personas.teacher),
        personas.other_enrolment.pk: (A.PARTIAL, Decimal("1.50"), personas.teacher),
    }
    page = client.get(url(session)).content.decode()
    assert "Oppmøtet er lagret." in page
    assert "Sist lagret av Ulla" in page
    assert "30. september 2026 kl. 14:00" in page  # shown in Oslo time


def test_saving_with_htmx_returns_the_grid_partial(client, personas, session):
    as_user(client, personas.teacher)
    response = client.post(url(session), rows(personas), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="attendance-grid"' in html
    assert "Oppmøtet er lagret." in html
    assert AttendanceRecord.objects.count() == 2
    assert 'value="present" checked' in html


def test_a_correction_through_the_grid_keeps_a_revision_and_an_audit_event(
    client, personas, session
):
    record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(session, personas.other_enrolment, A.PRESENT, by=personas.teacher)
    as_user(client, personas.coordinator)

    response = client.post(url(session), rows(personas, {personas.enrolment: (A.EXCUSED, "")}))

    assert response.status_code == 302
    changed = AttendanceRecord.objects.get(enrolment=personas.enrolment)
    assert (changed.status, changed.hours, changed.recorded_by) == (
        A.EXCUSED,
        Decimal("0.00"),
        personas.coordinator,
    )
    revision = AttendanceRevision.objects.get()
    assert (revision.record, revision.status, revision.recorded_by) == (
        changed,
        A.PRESENT,
        personas.teacher,
    )
    assert AuditEvent.objects.get(action="attendance_correct").changes["status"] == [
        "present",
        "excused",
    ]
    page = client.get(url(session)).content.decode()
    assert "1 tidligere verdi er tatt vare på." in page


def test_a_save_from_a_grid_loaded_before_another_change_is_refused(client, personas, session):
    """Issue 10, finding 12 (ADR 0014): two people open the grid; the first corrects a row;
    the second's save, made from what they saw, is refused with what changed, nothing lost.
    The grid htmx shows again carries the fresh version: saving it on purpose works."""
    record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(session, personas.other_enrolment, A.PRESENT, by=personas.teacher)
    as_user(client, personas.teacher)
    token = client.get(url(session)).context["grid_form"]["edit_token"].value()
    assert token
    # "Mark all present" is only a suggestion: the page goes on carrying the loaded token.
    suggested = client.post(url(session), {"action": "mark_all_present", "edit_token": token})
    assert suggested.context["grid_form"]["edit_token"].value() == token
    as_user(client, personas.coordinator)
    excused = rows(personas, {personas.enrolment: (A.EXCUSED, "")})
    assert client.post(url(session), {**excused, "edit_token": token}).status_code == 302

    as_user(client, personas.teacher)
    partial = rows(personas, {personas.other_enrolment: (A.PARTIAL, "1,5")})
    response = client.post(url(session), {**partial, "edit_token": token}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="attendance-grid"' in html
    name = str(personas.enrolment.participant)
    assert (
        f"Noen andre har lagret endringer mens du redigerte: Oppmøtet til {name} (endret)."
    ) in html
    statuses = dict(AttendanceRecord.objects.values_list("enrolment_id", "status"))
    assert statuses == {personas.enrolment.pk: A.EXCUSED, personas.other_enrolment.pk: A.PRESENT}
    assert AttendanceRevision.objects.count() == 1
    assert html.count("Ingenting er lagret.") == 1
    assert 'value="1,5"' in html  # the teacher's input is kept
    fresh = response.context["grid_form"].data["edit_token"]
    assert fresh != token and f'value="{fresh}"' in html
    response = client.post(url(session), {**partial, "edit_token": fresh}, HTTP_HX_REQUEST="true")
    assert "Oppmøtet er lagret." in response.content.decode()
    other = AttendanceRecord.objects.get(enrolment=personas.other_enrolment)
    assert (other.status, other.hours) == (A.PARTIAL, Decimal("1.50"))
    # Saved on purpose: the teacher's whole grid as posted, the first row included.
    assert AttendanceRecord.objects.get(enrolment=personas.enrolment).status == A.PRESENT


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "Timer kan ikke være negative."),
        ("25", "Timer kan ikke være mer enn 24."),
        ("3", "Delvis oppmøte må være mindre enn øktens 3 timer."),
        ("", "Skriv inn hvor mange timer deltakeren var til stede."),
        ("en og en halv", "Skriv timer som et tall, for eksempel 1,5."),
    ],
)
def test_bad_hours_show_a_message_on_the_row_and_save_nothing(
    client, personas, session, hours, message
):
    as_user(client, personas.teacher)
    data = rows(personas, {personas.other_enrolment: (A.PARTIAL, hours)})

    response = client.post(url(session), data)

    assert response.status_code == 200
    html = response.content.decode()
    field = f"id_p{personas.other_enrolment.pk}-hours"
    assert (
        f'<div class="ds-validation-message" data-color="danger" id="{field}_error">{message}'
        in html
    )
    assert f'href="#{field}">Dag Deltakersen: {message}' in html
    assert "Ingenting er lagret." in html
    assert not AttendanceRecord.objects.exists()  # the valid row is not saved either


def test_a_missing_choice_is_shown_and_nothing_is_saved(client, personas, session):
    as_user(client, personas.teacher)
    data = rows(personas)
    del data[f"p{personas.enrolment.pk}-status"]
    response = client.post(url(session), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Dina Deltakersen: Velg oppmøte." in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_hours_with_a_full_status_are_questioned_when_javascript_is_off(client, personas, session):
    as_user(client, personas.teacher)
    data = rows(personas, {personas.enrolment: (A.PRESENT, "2")})
    response = client.post(url(session), data)
    assert "Timer fylles bare ut ved delvis oppmøte." in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_mark_all_present_fills_in_the_form_but_saves_nothing(client, personas, session):
    on_leave = make_on_leave(personas.cohort)
    as_user(client, personas.teacher)

    response = client.post(url(session), {"action": "mark_all_present"})

    assert response.status_code == 200
    html = response.content.decode()
    for enrolment in (personas.enrolment, personas.other_enrolment):
        assert f'id="id_p{enrolment.pk}-status_0" value="present" checked' in html
    assert f'id="id_p{on_leave.pk}-status_2" value="excused" checked' in html
    assert "Se over, endre dem som ikke kom, og lagre." in html
    assert not AttendanceRecord.objects.exists()


def test_a_cancelled_session_refuses_attendance(client, personas):
    session = make_held_session(personas.cohort, on=week(6), cancelled=True)
    as_user(client, personas.teacher)
    page = client.get(url(session)).content.decode()
    assert "Økten er avlyst." in page
    assert "Underviser syk" in page
    assert "Lagre oppmøte" not in page
    response = client.post(url(session), rows(personas))
    assert "Økten er avlyst." in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_session_in_the_future_refuses_attendance(client, personas):
    session = make_held_session(personas.cohort, on=week(7))
    as_user(client, personas.teacher)
    page = client.get(url(session)).content.decode()
    assert "Du kan ikke registrere oppmøte før økten har vært." in page
    assert "Lagre oppmøte" not in page
    client.post(url(session), rows(personas))
    assert not AttendanceRecord.objects.exists()


def test_the_grid_shows_each_participants_hours_and_warnings(client, personas):
    earlier = [make_held_session(personas.cohort, on=week(n)) for n in (1, 2, 3)]
    for s in earlier:
        record(s, personas.enrolment, A.UNEXCUSED, by=personas.teacher)
    record(earlier[0], personas.other_enrolment, A.PRESENT, by=personas.teacher)
    session = make_held_session(personas.cohort, on=week(6))
    as_user(client, personas.teacher)
    html = client.get(url(session)).content.decode()
    assert "3 av 12 timer så langt (krav 180)." in html
    assert "Fravær: 0 gyldig, 3 ugyldig." in html
    assert html.count("Fravær tre ganger på rad.") == 1


def _grid_with(personas, n):
    cohort = make_cohort(personas.version, capacity=30, teachers=[personas.teacher])
    enrolments = [make_enrolment(cohort) for _ in range(n)]
    earlier = make_held_session(cohort, on=week(1))
    session = make_session(cohort, date=week(6))
    for s in (earlier, session):
        for e in enrolments:
            record(s, e, A.PRESENT, by=personas.teacher)
    return session


@pytest.mark.parametrize("n", [2, 20])
def test_the_grid_takes_the_same_number_of_queries_for_2_and_20(
    client, personas, django_assert_num_queries, n
):
    session = _grid_with(personas, n)
    as_user(client, personas.teacher)
    # 9 + 1 (issue 10): the read-log entries, one per participant shown, in one INSERT.
    with django_assert_num_queries(10):
        response = client.get(url(session))
    assert len(response.context["grid"].rows) == n
    assert AccessEvent.objects.filter(actor=personas.teacher).count() == n


def _save_all(client, personas, session, enrolments, status):
    client.force_login(personas.teacher)
    token = client.get(url(session)).context["grid_form"].initial["edit_token"]
    data = {"edit_token": token}
    for e in enrolments:
        data[f"p{e.pk}-status"] = status
        data[f"p{e.pk}-hours"] = ""
    return data


@pytest.mark.parametrize("n", [2, 25])
def test_saving_a_grid_takes_the_same_number_of_queries_for_2_and_25(
    client, personas, django_assert_num_queries, n
):
    """Issue 16: a grid of 25 was 262 queries (a full_clean, an INSERT and a roles lookup
    for the audit row, per row). Now: one INSERT of records, one of audit rows, and the roles
    the access check read."""
    cohort = make_cohort(personas.version, capacity=30, teachers=[personas.teacher])
    enrolments = [make_enrolment(cohort) for _ in range(n)]
    session = make_held_session(cohort, on=week(6))
    data = _save_all(client, personas, session, enrolments, A.PRESENT)
    with django_assert_num_queries(15):
        assert client.post(url(session), data).status_code == 302
    assert AttendanceRecord.objects.filter(session=session).count() == n
    events = AuditEvent.objects.filter(action="create", object_type="attendance.attendancerecord")
    assert events.count() == n
    assert {e.actor_roles for e in events} == {f"teacher@{personas.bergen.pk}"}


@pytest.mark.parametrize("n", [2, 25])
def test_correcting_a_grid_takes_the_same_number_of_queries_for_2_and_25(
    client, personas, django_assert_num_queries, n
):
    cohort = make_cohort(personas.version, capacity=30, teachers=[personas.teacher])
    enrolments = [make_enrolment(cohort) for _ in range(n)]
    session = make_held_session(cohort, on=week(6))
    for e in enrolments:
        record(session, e, A.PRESENT, by=personas.teacher)
    data = _save_all(client, personas, session, enrolments, A.UNEXCUSED)
    # + the revisions' INSERT and one UPDATE for every corrected record.
    with django_assert_num_queries(16):
        assert client.post(url(session), data).status_code == 302
    assert set(AttendanceRecord.objects.filter(session=session).values_list("status")) == {
        (A.UNEXCUSED,)
    }
    assert AttendanceRevision.objects.filter(record__session=session).count() == n
    changes = AuditEvent.objects.filter(action="attendance_correct").values_list(
        "changes", flat=True
    )
    assert list(changes) == [{"hours": ["3.00", "0.00"], "status": ["present", "unexcused"]}] * n
    # Written in one INSERT, each audit row still has its own link in the hash chain (ADR 0013).
    reports = verify_all()
    assert all(report.problem_count == 0 for report in reports), [r.problems for r in reports]
    seqs = sorted(AuditEvent.objects.values_list("chain_seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_the_grid_writes_one_read_log_entry_per_participant_shown(client, personas, session):
    """Issue 10: the grid shows names, hours and (excused or not) absence; each person sees
    that the teacher opened it (ADR 0009, amendment 1)."""
    as_user(client, personas.teacher)
    assert client.get(url(session)).status_code == 200
    events = list(AccessEvent.objects.order_by("participant_id"))
    assert sorted(e.participant_id for e in events) == sorted(
        [personas.enrolment.participant_id, personas.other_enrolment.participant_id]
    )
    for event in events:
        assert event.actor == personas.teacher and event.actor_role == Role.TEACHER
        assert event.shown.startswith("Oppmøteliste for økten") and "fravær" in event.shown
        assert event.request_id and event.path == url(session)


def test_a_refused_save_shown_again_is_a_read_and_a_saved_one_is_not(client, personas, session):
    as_user(client, personas.teacher)
    bad = rows(personas, {personas.enrolment: (A.PRESENT, "ikke-et-tall")})
    response = client.post(url(session), bad)
    assert response.status_code == 200 and "Deltakersen" in response.content.decode()
    assert AccessEvent.objects.count() == 2
    response = client.post(url(session), rows(personas))
    assert response.status_code == 302
    assert AccessEvent.objects.count() == 2  # the redirect's GET logs itself
