"""The cohort attendance matrix: participants × sessions for a term, saved in one POST through
the grid's service (issue 13)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.protection import participant_protect
from brobygger.accounts.models import Role
from brobygger.attendance.forms import cell_name
from brobygger.attendance.matrix import default_term, term_for
from brobygger.attendance.models import AttendanceRecord, AttendanceRevision
from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.tests.factories import TODAY, make_held_session, record, week
from brobygger.enrolments.models import ProtectionReason, Status
from brobygger.testing import make_cohort, make_enrolment, make_participant, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):  # Wednesday 30 September 2026
        yield


def url(cohort, **query):
    base = reverse("cohort_attendance", args=[cohort.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def as_user(client, user):
    client.force_login(user)
    return client


def token(response):
    return response.context["form"]["edit_token"].value()


@pytest.fixture
def held(personas):
    """Two held sessions in the autumn term and one not yet held."""
    return [
        make_held_session(personas.cohort, on=week(1)),
        make_held_session(personas.cohort, on=week(2)),
    ]


@pytest.fixture
def future(personas):
    return make_held_session(personas.cohort, on=week(8))  # 12 October 2026


def cells(personas, sessions, status=A.PRESENT):
    return {
        cell_name(s, e): status
        for s in sessions
        for e in (personas.enrolment, personas.other_enrolment)
    }


# The term


def test_the_default_term_is_the_half_year_of_today_inside_the_cohort():
    assert term_for(dt.date(2026, 9, 30)) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert term_for(dt.date(2027, 3, 1)) == (dt.date(2027, 1, 1), dt.date(2027, 6, 30))


def test_a_finished_cohort_opens_on_its_last_term(personas):
    cohort = make_cohort(personas.version, start=dt.date(2024, 8, 19), weeks=44)
    assert default_term(cohort=cohort, today=dt.date(2026, 9, 30)) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )


# Who may use the page


def test_anonymous_is_sent_to_login(client, personas):
    for method in (client.get, client.post):
        response = method(url(personas.cohort))
        assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_a_teacher_of_another_cohort_gets_404(client, personas, held):
    stranger = make_user(role=Role.TEACHER, org=personas.bergen)
    make_cohort(personas.version, teachers=[stranger])
    as_user(client, stranger)
    assert client.get(url(personas.cohort)).status_code == 404
    assert client.post(url(personas.cohort), cells(personas, held)).status_code == 404
    as_user(client, personas.other_teacher)
    assert client.get(url(personas.cohort)).status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_the_other_organisations_coordinator_gets_404(client, personas, held):
    as_user(client, personas.other_coordinator)
    assert client.get(url(personas.cohort)).status_code == 404


@pytest.mark.parametrize("persona", ["participant_user", "caseworker", "supervisor"])
def test_roles_that_do_not_take_attendance_get_403(client, personas, held, persona):
    as_user(client, getattr(personas, persona))
    assert client.get(url(personas.cohort)).status_code == 403
    assert client.post(url(personas.cohort), cells(personas, held)).status_code == 403


def test_other_methods_get_405(client, personas):
    as_user(client, personas.teacher)
    assert client.put(url(personas.cohort)).status_code == 405


# What it shows


def test_it_shows_the_cohorts_participants_and_the_terms_sessions(client, personas, held, future):
    make_enrolment(
        personas.cohort, participant=make_participant("Sofie", "Søker"), status=Status.SOKT_INN
    )
    make_held_session(personas.cohort, on=dt.date(2026, 6, 1))  # the spring term
    make_held_session(make_cohort(personas.version), on=week(1))  # another cohort
    response = as_user(client, personas.coordinator).get(url(personas.cohort))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.sessions == [*held, future]
    names = [row.enrolment.participant.full_name for row in matrix.rows]
    assert names == ["Dag Deltakersen", "Dina Deltakersen"]
    assert "Sofie Søker" not in response.content.decode()
    # Another range on request.
    response = client.get(url(personas.cohort, fra="2026-08-24", til="2026-08-30"))
    assert response.context["matrix"].sessions == [held[0]]


def test_every_select_is_labelled_with_name_and_date_and_headers_are_scoped(client, personas, held):
    html = as_user(client, personas.teacher).get(url(personas.cohort)).content.decode()
    selects = re.findall(r'<select[^>]*id="([^"]+)"', html)
    assert len(selects) == 4
    for session in held:
        for enrolment in (personas.enrolment, personas.other_enrolment):
            cell = f"id_{cell_name(session, enrolment)}"
            label = f"Oppmøte for {enrolment.participant} {session.date:%d.%m.%Y}"
            assert f'<label class="visually-hidden" for="{cell}">{label}</label>' in html
    assert html.count('<th scope="col">') == 3  # the name column and two sessions
    assert '<th scope="row">Dina Deltakersen' in html
    assert '<th scope="row">Dag Deltakersen' in html


def test_a_session_not_held_yet_has_no_select(client, personas, future):
    html = as_user(client, personas.teacher).get(url(personas.cohort)).content.decode()
    assert f'id="id_{cell_name(future, personas.enrolment)}"' not in html
    assert "Du kan ikke registrere oppmøte før økten har vært." in html


def test_protected_participants_are_left_out(client, personas, held):
    nora = make_user("nora", role=Role.COORDINATOR, org=personas.bergen)
    record(held[0], personas.enrolment, A.PRESENT, by=personas.teacher)
    participant_protect(
        participant=personas.enrolment.participant, by=nora, reason=ProtectionReason.SAME_SERVICE
    )
    for user in (personas.teacher, personas.coordinator):
        response = as_user(client, user).get(url(personas.cohort))
        html = response.content.decode()
        assert "Dina Deltakersen" not in html and "Dag Deltakersen" in html
        assert response.context["matrix"].records == {}
    response = client.post(url(personas.cohort), cells(personas, held))
    # Dina's cells are not on the form: only Dag's are saved.
    assert response.status_code == 302
    assert set(AttendanceRecord.objects.values_list("enrolment_id", flat=True)) == {
        personas.enrolment.pk,
        personas.other_enrolment.pk,
    }
    assert AttendanceRecord.objects.filter(enrolment=personas.enrolment).count() == 1


def test_it_writes_one_read_log_entry_per_participant_shown(client, personas, held):
    as_user(client, personas.teacher).get(url(personas.cohort))
    events = list(AccessEvent.objects.all())
    assert sorted(e.participant_id for e in events) == sorted(
        [personas.enrolment.participant_id, personas.other_enrolment.participant_id]
    )
    for event in events:
        assert event.actor == personas.teacher and event.shown.startswith("Oppmøtematrise")


# Saving


def test_saving_several_cells_writes_records_and_corrections_keep_revisions(client, personas, held):
    record(held[0], personas.enrolment, A.UNEXCUSED, by=personas.coordinator)
    as_user(client, personas.teacher)
    data = cells(personas, held) | {"edit_token": token(client.get(url(personas.cohort)))}
    data[cell_name(held[1], personas.other_enrolment)] = A.EXCUSED

    response = client.post(url(personas.cohort), data)

    assert response.status_code == 302 and response["Location"] == url(personas.cohort)
    stored = {
        (r.session_id, r.enrolment_id): (r.status, r.hours) for r in AttendanceRecord.objects.all()
    }
    assert stored == {
        (held[0].pk, personas.enrolment.pk): (A.PRESENT, held[0].hours),
        (held[0].pk, personas.other_enrolment.pk): (A.PRESENT, held[0].hours),
        (held[1].pk, personas.enrolment.pk): (A.PRESENT, held[1].hours),
        (held[1].pk, personas.other_enrolment.pk): (A.EXCUSED, 0),
    }
    (revision,) = AttendanceRevision.objects.all()
    assert revision.status == A.UNEXCUSED and revision.replaced_by == personas.teacher
    assert "4 registreringer" in client.get(response["Location"]).content.decode()


def test_blank_cells_stay_unrecorded(client, personas, held):
    as_user(client, personas.teacher)
    data = {cell_name(held[0], personas.enrolment): A.PRESENT}
    assert client.post(url(personas.cohort), data).status_code == 302
    assert AttendanceRecord.objects.count() == 1


def test_a_cell_for_a_session_not_held_yet_is_refused_and_nothing_is_saved(
    client, personas, held, future
):
    as_user(client, personas.teacher)
    bad = cell_name(future, personas.enrolment)
    response = client.post(url(personas.cohort), cells(personas, held) | {bad: A.PRESENT})
    assert response.status_code == 200
    assert not AttendanceRecord.objects.exists()
    html = response.content.decode()
    assert f'id="id_{bad}_error">Du kan ikke registrere oppmøte før økten har vært.' in html
    assert "Ingenting er lagret" in html
    # The teacher's other choices are kept on the page.
    kept = cell_name(held[0], personas.enrolment)
    assert re.search(rf'name="{kept}"[^>]*>.*?<option value="present" selected', html, re.S)


def test_a_recorded_cell_cannot_be_emptied(client, personas, held):
    record(held[0], personas.enrolment, A.PRESENT, by=personas.teacher)
    as_user(client, personas.teacher)
    data = cells(personas, held) | {cell_name(held[0], personas.enrolment): ""}
    data[cell_name(held[1], personas.other_enrolment)] = "nonsense"
    response = client.post(url(personas.cohort), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "kan ikke tømmes" in html and "Velg oppmøte fra listen." in html
    assert AttendanceRecord.objects.count() == 1


def test_a_save_from_an_older_version_is_refused_and_can_then_be_saved_on_purpose(
    client, personas, held
):
    as_user(client, personas.teacher)
    loaded = token(client.get(url(personas.cohort)))
    record(held[0], personas.enrolment, A.UNEXCUSED, by=personas.coordinator)
    data = cells(personas, held) | {"edit_token": loaded}

    response = client.post(url(personas.cohort), data)

    assert response.status_code == 200
    assert "Noen andre har lagret endringer" in response.content.decode()
    assert AttendanceRecord.objects.count() == 1  # the coordinator's record only
    data["edit_token"] = token(response)
    assert client.post(url(personas.cohort), data).status_code == 302
    assert AttendanceRecord.objects.count() == 4


def test_a_tampered_token_is_refused(client, personas, held):
    as_user(client, personas.teacher)
    response = client.post(url(personas.cohort), cells(personas, held) | {"edit_token": "x"})
    assert response.status_code == 200 and not AttendanceRecord.objects.exists()
    assert "kunne ikke kontrolleres" in response.content.decode()


def test_a_partial_record_is_kept_when_saved_unchanged(client, personas, held):
    record(held[0], personas.enrolment, A.PARTIAL, "1.5", by=personas.teacher)
    as_user(client, personas.teacher)
    html = client.get(url(personas.cohort)).content.decode()
    assert "Delvis til stede (1,5 t)" in html
    data = cells(personas, held) | {cell_name(held[0], personas.enrolment): A.PARTIAL}
    assert client.post(url(personas.cohort), data).status_code == 302
    kept = AttendanceRecord.objects.get(session=held[0], enrolment=personas.enrolment)
    assert kept.status == A.PARTIAL and str(kept.hours) == "1.50"
    assert not AttendanceRevision.objects.exists()


# Query counts


def _matrix(personas, people, sessions):
    enrolments = [personas.enrolment, personas.other_enrolment]
    enrolments += [make_enrolment(personas.cohort) for _ in range(people - 2)]
    held = [
        make_held_session(personas.cohort, on=week(0) + dt.timedelta(days=i))
        for i in range(sessions)
    ]
    return enrolments, held


# GET: 8 whatever the size: session, user, roles, the cohort, sessions, records, enrolments,
# and the read log's one INSERT. POST: the same 7 reads and the save's savepoint (2), then the
# grid's service per session: its savepoint and two locks, one INSERT of its new records and
# one of their audit events, with the roles the access check read (issue 16; it was 10 more per
# record). So 9 + 6 per session, whatever the number of people: 3×4 and 10×12.
@pytest.mark.parametrize(
    ("people", "sessions", "get", "post"),
    [(3, 4, 8, 9 + 6 * 4), (10, 12, 8, 9 + 6 * 12)],
)
def test_the_query_counts_are_pinned(
    client, personas, django_assert_num_queries, people, sessions, get, post
):
    enrolments, held = _matrix(personas, people, sessions)
    as_user(client, personas.teacher)
    with django_assert_num_queries(get):
        response = client.get(url(personas.cohort))
    assert len(response.context["matrix"].rows) == people
    data = {cell_name(s, e): A.PRESENT for s in held for e in enrolments}
    data["edit_token"] = token(response)
    with django_assert_num_queries(post):
        assert client.post(url(personas.cohort), data).status_code == 302
    assert AttendanceRecord.objects.count() == people * sessions
    # Saved again unchanged: nothing reaches the service, the same 9 at either size.
    data["edit_token"] = token(client.get(url(personas.cohort)))
    with django_assert_num_queries(9):
        assert client.post(url(personas.cohort), data).status_code == 302
    assert not AttendanceRevision.objects.exists()
