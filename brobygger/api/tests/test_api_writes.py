"""The writes: a participant's contact data, an enrolment's status, a session's attendance.
Each needs its write scope, is 404 outside the client's organisation, needs `If-Match` with
the ETag from a GET (missing 428, stale 412, fresh 200), goes through the app's audited
service with the audit row naming the client, and saves nothing when refused."""

import datetime as dt

import pytest

from brobygger.accesslog.models import AccessEvent
from brobygger.api.tests.factories import bearer, every_scope, make_client
from brobygger.attendance.models import AttendanceRecord, AttendanceStatus
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.testing import make_session

pytestmark = pytest.mark.django_db

TODAY = "2026-10-01 12:00:00+02:00"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def bergen_client(personas):
    return make_client(
        personas.bergen, personas.coordinator, name="Bergen fagsystem", scopes=every_scope()
    )


@pytest.fixture
def stavanger_client(personas):
    return make_client(personas.stavanger, personas.other_coordinator, scopes=every_scope())


def etag_of(client, url, issued):
    response = client.get(url, **bearer(issued))
    assert response.status_code == 200, response.content
    etag = response["ETag"]
    assert etag.startswith('"v1.') and etag.endswith('"')
    return etag


def patch(client, url, issued, body, etag=None, **headers):
    if etag is not None:
        headers["HTTP_IF_MATCH"] = etag
    return client.patch(url, body, content_type="application/json", **bearer(issued), **headers)


def put(client, url, issued, body, etag=None):
    headers = {"HTTP_IF_MATCH": etag} if etag is not None else {}
    return client.put(url, body, content_type="application/json", **bearer(issued), **headers)


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


def client_audit(issued, **filters):
    return AuditEvent.objects.filter(actor_roles__contains="Bergen fagsystem", **filters)


# --- participant contact data --------------------------------------------------------------


@pytest.fixture
def participant_url(personas):
    return f"/api/v1/participants/{personas.enrolment.participant_id}/"


def test_the_etag_is_the_same_for_the_same_state(client, bergen_client, participant_url):
    assert etag_of(client, participant_url, bergen_client) == etag_of(
        client, participant_url, bergen_client
    )


def test_a_fresh_etag_updates_the_contact_data_audited_as_the_client(
    client, personas, bergen_client, participant_url
):
    etag = etag_of(client, participant_url, bergen_client)
    body = {"email": "dina@example.test", "phone": "+47 400 00 000", "municipality_number": "1103"}
    response = patch(client, participant_url, bergen_client, body, etag)
    assert response.status_code == 200, response.content
    assert response.json()["email"] == "dina@example.test"
    assert response["ETag"] != etag
    participant = Participant.objects.get(pk=personas.enrolment.participant_id)
    assert (participant.email, participant.phone, participant.municipality_id) == (
        "dina@example.test",
        "+47 400 00 000",
        "1103",
    )
    event = client_audit(bergen_client, object_type="enrolments.participant").get()
    assert event.action == "update"
    assert event.actor == bergen_client.client.user
    assert event.actor_roles == f"api_client «Bergen fagsystem»@{personas.bergen.pk}"
    assert set(event.changes) == {"email", "phone", "municipality_id"}
    assert "dina@example.test" not in str(event.changes)  # personal: redacted
    # The response showed the participant: in their read log.
    assert AccessEvent.objects.filter(participant=participant).count() == 2


def test_only_the_fields_sent_are_changed(client, personas, bergen_client, participant_url):
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(phone="12345678")
    etag = etag_of(client, participant_url, bergen_client)
    assert patch(client, participant_url, bergen_client, {"email": "a@b.no"}, etag).status_code == (
        200
    )
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == "12345678"


def test_a_stale_etag_is_412_and_saves_nothing(client, personas, bergen_client, participant_url):
    etag = etag_of(client, participant_url, bergen_client)
    assert patch(client, participant_url, bergen_client, {"phone": "111"}, etag).status_code == 200
    body = assert_problem(
        patch(client, participant_url, bergen_client, {"phone": "222"}, etag), 412
    )
    assert "Ingenting er lagret" in body["detail"]
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == "111"
    assert client_audit(bergen_client).count() == 1


def test_a_missing_if_match_is_428(client, personas, bergen_client, participant_url):
    for etag in (None, "", "*"):
        body = assert_problem(
            patch(client, participant_url, bergen_client, {"phone": "1"}, etag), 428
        )
        assert "If-Match" in body["detail"]
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == ""
    assert not client_audit(bergen_client).exists()


@pytest.mark.parametrize(
    "etag", ['"v1.forged"', "v1.unquoted", 'W/"v1.x"', '"a", "b"', '""', '"edit-token"']
)
def test_a_wrong_or_weak_etag_is_412(client, personas, bergen_client, participant_url, etag):
    assert_problem(patch(client, participant_url, bergen_client, {"phone": "1"}, etag), 412)
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == ""


def test_another_records_etag_is_412(client, personas, bergen_client, participant_url):
    other = etag_of(
        client, f"/api/v1/participants/{personas.other_enrolment.participant_id}/", bergen_client
    )
    assert_problem(patch(client, participant_url, bergen_client, {"phone": "1"}, other), 412)


def test_another_organisations_participant_is_404(
    client, personas, bergen_client, stavanger_client, participant_url
):
    etag = etag_of(client, participant_url, bergen_client)
    assert_problem(patch(client, participant_url, stavanger_client, {"phone": "1"}, etag), 404)
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == ""


def test_writing_needs_the_write_scope(client, personas, participant_url):
    reader = make_client(personas.bergen, personas.coordinator, scopes=["participants:read"])
    etag = etag_of(client, participant_url, reader)
    body = assert_problem(patch(client, participant_url, reader, {"phone": "1"}, etag), 403)
    assert "participants:write" in body["detail"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"email": "ikke-en-adresse"}, "email", None),
        ({"municipality_number": "9999"}, "municipality_number", "Ukjent kommunenummer: 9999."),
    ],
)
def test_bad_contact_data_is_400_by_field_and_saves_nothing(
    client, personas, bergen_client, participant_url, body, field, message
):
    etag = etag_of(client, participant_url, bergen_client)
    problem = assert_problem(patch(client, participant_url, bergen_client, body, etag), 400)
    assert [e["loc"] for e in problem["errors"]] == [["body", field]]
    if message:
        assert problem["errors"][0]["msg"] == message
    participant = Participant.objects.get(pk=personas.enrolment.participant_id)
    assert (participant.email, participant.municipality_id) == ("", None)
    assert not client_audit(bergen_client).exists()


def test_problems_follow_accept_language(client, personas, bergen_client):
    url = "/api/v1/participants/999999/"
    assert client.get(url, **bearer(bergen_client)).json()["title"] == "Finnes ikke"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **bearer(bergen_client)).json()
    assert english["title"] == "Not found"
    nynorsk = client.get(url, HTTP_ACCEPT_LANGUAGE="nn", **bearer(bergen_client)).json()
    assert nynorsk["title"] == "Finst ikkje"


# --- enrolment status -----------------------------------------------------------------------


@pytest.fixture
def enrolment_url(personas):
    return f"/api/v1/enrolments/{personas.enrolment.pk}/"


def test_a_status_change_goes_through_the_service_as_the_client(
    client, personas, bergen_client, enrolment_url
):
    etag = etag_of(client, enrolment_url, bergen_client)
    response = patch(client, enrolment_url, bergen_client, {"status": "PERMISJON"}, etag)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.PERMISJON
    assert body["history"][-1] == {
        **body["history"][-1],
        "status": "PERMISJON",
        "valid_from": "2026-10-01",
        "valid_to": None,
    }
    assert response["ETag"] != etag
    change = StatusChange.objects.get(enrolment=personas.enrolment, status=Status.PERMISJON)
    assert change.created_by == bergen_client.client.user
    event = client_audit(bergen_client, action="status_change").get()
    assert event.changes["status"] == [Status.DELTAR, Status.PERMISJON]
    assert event.actor == bergen_client.client.user


def test_a_status_change_from_a_stale_etag_is_412(client, personas, bergen_client, enrolment_url):
    etag = etag_of(client, enrolment_url, bergen_client)
    assert patch(
        client, enrolment_url, bergen_client, {"status": "PERMISJON"}, etag
    ).status_code == (200)
    # Back to DELTAR by someone else: the status is what the ETag saw, the history is not.
    fresh = etag_of(client, enrolment_url, bergen_client)
    assert patch(client, enrolment_url, bergen_client, {"status": "DELTAR"}, fresh).status_code == (
        200
    )
    body = assert_problem(
        patch(client, enrolment_url, bergen_client, {"status": "PERMISJON"}, etag), 412
    )
    assert "Statushistorikk" in body["detail"]
    assert Enrolment.objects.get(pk=personas.enrolment.pk).status == Status.DELTAR


def test_a_status_change_without_if_match_is_428(client, personas, bergen_client, enrolment_url):
    assert_problem(patch(client, enrolment_url, bergen_client, {"status": "PERMISJON"}), 428)
    assert Enrolment.objects.get(pk=personas.enrolment.pk).status == Status.DELTAR


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"status": "SOKT_INN"}, "__all__", "Kan ikke endre status fra «Deltar» til «Søkt inn»."),
        ({"status": "AVBRUTT"}, "reason", "Velg en årsak."),
        ({"status": "PERMISJON", "valid_from": "2026-12-24"}, "on", None),
        ({"status": "FULLFORT"}, "__all__", None),
    ],
)
def test_a_refused_status_change_is_400_and_saves_nothing(
    client, personas, bergen_client, enrolment_url, body, field, message
):
    etag = etag_of(client, enrolment_url, bergen_client)
    problem = assert_problem(patch(client, enrolment_url, bergen_client, body, etag), 400)
    assert field in [e["loc"][-1] for e in problem["errors"]]
    if message:
        assert message in problem["detail"]
    assert Enrolment.objects.get(pk=personas.enrolment.pk).status == Status.DELTAR
    assert not client_audit(bergen_client).exists()


def test_an_unknown_status_is_400(client, personas, bergen_client, enrolment_url):
    etag = etag_of(client, enrolment_url, bergen_client)
    assert_problem(patch(client, enrolment_url, bergen_client, {"status": "BOGUS"}, etag), 400)


def test_another_organisations_enrolment_is_404(
    client, personas, stavanger_client, bergen_client, enrolment_url
):
    etag = etag_of(client, enrolment_url, bergen_client)
    assert_problem(
        patch(client, enrolment_url, stavanger_client, {"status": "PERMISJON"}, etag), 404
    )
    assert Enrolment.objects.get(pk=personas.enrolment.pk).status == Status.DELTAR


def test_a_status_change_needs_the_write_scope(client, personas, enrolment_url):
    reader = make_client(personas.bergen, personas.coordinator, scopes=["enrolments:read"])
    etag = etag_of(client, enrolment_url, reader)
    assert_problem(patch(client, enrolment_url, reader, {"status": "PERMISJON"}, etag), 403)


# --- attendance -----------------------------------------------------------------------------


@pytest.fixture
def session(personas):
    return make_session(personas.cohort, date=dt.date(2026, 9, 1))


def attendance_url(session):
    return f"/api/v1/sessions/{session.pk}/attendance/"


def test_the_attendance_of_a_session_lists_the_grid_and_logs_the_reads(
    client, personas, bergen_client, session
):
    response = client.get(attendance_url(session), **bearer(bergen_client))
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert {r["enrolment_id"] for r in rows} == {personas.enrolment.pk, personas.other_enrolment.pk}
    assert all(r["status"] is None for r in rows)
    assert AccessEvent.objects.filter(path=attendance_url(session)).count() == 2


def test_recording_attendance_with_a_fresh_etag(client, personas, bergen_client, session):
    url = attendance_url(session)
    etag = etag_of(client, url, bergen_client)
    body = {
        "records": [
            {"enrolment_id": personas.enrolment.pk, "status": "present"},
            {"enrolment_id": personas.other_enrolment.pk, "status": "partial", "hours": "1,5"},
        ]
    }
    response = put(client, url, bergen_client, body, etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    records = {r.enrolment_id: r for r in AttendanceRecord.objects.filter(session=session)}
    assert records[personas.enrolment.pk].status == AttendanceStatus.PRESENT
    assert str(records[personas.other_enrolment.pk].hours) == "1.50"
    assert {r.recorded_by for r in records.values()} == {bergen_client.client.user}
    assert client_audit(bergen_client, object_type="attendance.attendancerecord").count() == 2


def test_recording_from_a_stale_etag_is_412_and_saves_nothing(
    client, personas, bergen_client, session
):
    url = attendance_url(session)
    etag = etag_of(client, url, bergen_client)
    first = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    assert put(client, url, bergen_client, first, etag).status_code == 200
    second = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "unexcused"}]}
    assert_problem(put(client, url, bergen_client, second, etag), 412)
    assert AttendanceRecord.objects.get(session=session).status == AttendanceStatus.PRESENT


def test_a_stale_etag_for_other_rows_does_not_refuse_this_one(
    client, personas, bergen_client, session
):
    """The version is per participant on the grid (ADR 0014): someone else's row recorded in
    between does not refuse a save of another's."""
    url = attendance_url(session)
    etag = etag_of(client, url, bergen_client)
    mine = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    theirs = {"records": [{"enrolment_id": personas.other_enrolment.pk, "status": "excused"}]}
    assert put(client, url, bergen_client, theirs, etag).status_code == 200
    assert put(client, url, bergen_client, mine, etag).status_code == 200


def test_recording_without_if_match_is_428(client, personas, bergen_client, session):
    body = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    assert_problem(put(client, attendance_url(session), bergen_client, body), 428)
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"enrolment_id": 999999, "status": "present"}], "ikke med på oppmøtelisten"),
        ([{"enrolment_id": 0, "status": "present"}], None),
        ([{"enrolment_id": 1, "status": "sleeping"}], None),
        ([{"enrolment_id": 1, "status": "partial", "hours": "lots"}], None),
        ([], None),
    ],
)
def test_bad_attendance_is_400_and_saves_nothing(
    client, personas, bergen_client, session, records, message
):
    url = attendance_url(session)
    etag = etag_of(client, url, bergen_client)
    body = assert_problem(put(client, url, bergen_client, {"records": records}, etag), 400)
    if message:
        assert message in body["detail"]
    assert not AttendanceRecord.objects.exists()


def test_the_services_rules_hold(client, personas, bergen_client, session):
    url = attendance_url(session)
    etag = etag_of(client, url, bergen_client)
    body = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "partial"}]}
    problem = assert_problem(put(client, url, bergen_client, body, etag), 400)
    assert "Skriv inn hvor mange timer" in problem["detail"]
    future = make_session(personas.cohort, date=dt.date(2026, 12, 1))
    etag = etag_of(client, attendance_url(future), bergen_client)
    body = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    problem = assert_problem(put(client, attendance_url(future), bergen_client, body, etag), 400)
    assert "før økten har vært" in problem["detail"]
    assert not AttendanceRecord.objects.exists()


def test_another_organisations_session_is_404(client, personas, stavanger_client, session):
    url = attendance_url(session)
    assert_problem(client.get(url, **bearer(stavanger_client)), 404)
    body = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    assert_problem(put(client, url, stavanger_client, body, '"v1.x"'), 404)
    assert not AttendanceRecord.objects.exists()
    assert not AccessEvent.objects.exists()


def test_recording_needs_the_write_scope(client, personas, session):
    reader = make_client(personas.bergen, personas.coordinator, scopes=["attendance:read"])
    etag = etag_of(client, attendance_url(session), reader)
    body = {"records": [{"enrolment_id": personas.enrolment.pk, "status": "present"}]}
    assert_problem(put(client, attendance_url(session), reader, body, etag), 403)
    assert not AttendanceRecord.objects.exists()


def test_the_session_attendance_keeps_a_fixed_query_count(
    client, personas, bergen_client, session, django_assert_num_queries
):
    from brobygger.testing import make_enrolment, make_participant

    url = attendance_url(session)
    client.get(url, **bearer(bergen_client))
    with django_assert_num_queries(14):
        assert len(client.get(url, **bearer(bergen_client)).json()["rows"]) == 2
    for n in range(3):
        make_enrolment(personas.cohort, participant=make_participant(f"Q{n}"))
    with django_assert_num_queries(14):
        assert len(client.get(url, **bearer(bergen_client)).json()["rows"]) == 5


def test_of_twenty_writes_from_one_etag_exactly_one_is_applied(
    client, personas, bergen_client, participant_url
):
    etag = etag_of(client, participant_url, bergen_client)
    codes = [
        patch(client, participant_url, bergen_client, {"phone": f"4000{n:04d}"}, etag).status_code
        for n in range(20)
    ]
    assert sorted(codes) == [200] + [412] * 19
    assert Participant.objects.get(pk=personas.enrolment.participant_id).phone == "40000000"
    assert client_audit(bergen_client).count() == 1


def test_the_etag_is_sent_and_the_response_is_still_not_stored(
    client, bergen_client, participant_url
):
    response = client.get(participant_url, **bearer(bergen_client))
    assert response["ETag"]
    assert response["Cache-Control"] == "no-store"


def test_the_document_names_the_etag_and_if_match(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    for path, method in [
        ("/api/v1/participants/{participant_id}/", "patch"),
        ("/api/v1/enrolments/{enrolment_id}/", "patch"),
        ("/api/v1/sessions/{session_id}/attendance/", "put"),
    ]:
        operation = spec["paths"][path][method]
        assert "If-Match" in [p["name"] for p in operation["parameters"]]
        assert {"412", "428"} <= operation["responses"].keys()
        assert "ETag" in operation["responses"]["200"]["headers"]
        assert "ETag" in spec["paths"][path]["get"]["responses"]["200"]["headers"]
