"""GET /kalender/<token>.ics: the public, secret calendar feed of a participant's timetable."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse

from brobygger.accounts.models import Membership, Role
from brobygger.calendarfeed.services import calendar_feed_create, calendar_feed_revoke
from brobygger.calendarfeed.tests.factories import TODAY, cancel, sessions_from
from brobygger.calendarfeed.tokens import new_token
from brobygger.core.logfilters import redact
from brobygger.testing import make_cohort, make_enrolment, make_participant, make_user

OSLO = ZoneInfo("Europe/Oslo")


def _url(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def _events(response) -> dict[str, icalendar.Component]:  # type: ignore[no-untyped-def]
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_url_has_the_token_and_the_ics_suffix():
    assert _url("abc") == "/kalender/abc.ics"


def test_a_valid_token_gives_the_cohorts_sessions_as_icalendar(client, personas):
    first, second = sessions_from(personas.cohort, TODAY, 2)
    cancel(second, by=personas.coordinator)
    token = calendar_feed_create(by=personas.participant_user).token

    response = client.get(_url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    assert sorted(events) == [f"session-{first.pk}@brobygger", f"session-{second.pk}@brobygger"]
    planned = events[f"session-{first.pk}@brobygger"]
    assert planned.decoded("dtstart") == dt.datetime(2026, 9, 15, 9, tzinfo=OSLO)
    assert planned.decoded("dtend") == dt.datetime(2026, 9, 15, 12, tzinfo=OSLO)
    assert str(planned.decoded("dtstart").tzinfo) == "Europe/Oslo"
    assert str(planned["summary"]) == f"{first.topic} ({personas.cohort.name})"
    assert str(planned["location"]) == personas.cohort.place
    assert str(planned["status"]) == "CONFIRMED"
    cancelled = events[f"session-{second.pk}@brobygger"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["summary"]).startswith("Avlyst: ")
    assert b"TZID:Europe/Oslo" in response.content  # the VTIMEZONE a client needs


def test_the_uid_stays_the_same_when_a_session_is_cancelled(client, personas):
    (session,) = sessions_from(personas.cohort, TODAY, 1)
    token = calendar_feed_create(by=personas.participant_user).token
    before = _events(client.get(_url(token)))
    cancel(session, by=personas.coordinator)
    after = _events(client.get(_url(token)))
    assert list(before) == list(after) == [f"session-{session.pk}@brobygger"]


def test_the_feed_carries_nothing_personal(client, personas):
    sessions_from(personas.cohort, TODAY, 2)
    cancel(personas.cohort.sessions.first(), by=personas.coordinator)
    personas.cohort.sessions.update(teacher=personas.teacher)
    token = calendar_feed_create(by=personas.participant_user).token

    body = client.get(_url(token)).content.decode()

    participant = personas.enrolment.participant
    for word in (
        participant.first_name,
        participant.last_name,
        personas.participant_user.username,
        personas.teacher.last_name,
        "Ulla",  # the teacher's first name, and in the cancellation's reason
        "syk",
    ):
        assert word not in body


def test_another_participants_sessions_are_never_in_the_feed(client, personas):
    mine = sessions_from(personas.cohort, TODAY, 1)
    later = make_cohort(personas.version, start=dt.date(2027, 1, 4))
    user = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    make_enrolment(later, participant=make_participant("Ola", user=user))
    theirs = sessions_from(later, dt.date(2027, 1, 5), 2)
    stavanger = sessions_from(personas.other_cohort, TODAY, 2)
    token = calendar_feed_create(by=personas.participant_user).token
    their_token = calendar_feed_create(by=user).token

    assert set(_events(client.get(_url(token)))) == {f"session-{s.pk}@brobygger" for s in mine}
    assert set(_events(client.get(_url(their_token)))) == {
        f"session-{s.pk}@brobygger" for s in theirs
    }
    body = client.get(_url(token)).content.decode()
    assert all(s.topic not in body for s in theirs + stavanger)


def test_a_revoked_token_is_404(client, personas):
    sessions_from(personas.cohort, TODAY, 1)
    token = calendar_feed_create(by=personas.participant_user).token
    calendar_feed_revoke(by=personas.participant_user)
    assert client.get(_url(token)).status_code == 404


def test_a_renewed_token_replaces_the_old(client, personas):
    old = calendar_feed_create(by=personas.participant_user).token
    new = calendar_feed_create(by=personas.participant_user).token
    assert client.get(_url(old)).status_code == 404
    assert client.get(_url(new)).status_code == 200


def test_an_unknown_or_overlong_token_is_404(client, personas):
    calendar_feed_create(by=personas.participant_user)
    assert client.get(_url(new_token())).status_code == 404
    assert client.get(_url("x" * 200)).status_code == 404


def test_the_feed_stops_when_the_owner_is_no_longer_a_participant(client, personas):
    token = calendar_feed_create(by=personas.participant_user).token
    Membership.objects.filter(user=personas.participant_user).update(ends_on=TODAY)
    assert client.get(_url(token)).status_code == 404


def test_the_feed_stops_when_the_owner_is_deactivated(client, personas):
    token = calendar_feed_create(by=personas.participant_user).token
    personas.participant_user.is_active = False
    personas.participant_user.save(update_fields=["is_active"])
    assert client.get(_url(token)).status_code == 404


def test_wrong_method_is_405(client, personas):
    token = calendar_feed_create(by=personas.participant_user).token
    assert client.post(_url(token)).status_code == 405


def test_the_feed_needs_no_login_and_is_not_cached(client, personas):
    token = calendar_feed_create(by=personas.participant_user).token
    response = client.get(_url(token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_token_is_blanked_in_log_lines():
    token = new_token()
    line = f"Not Found: /kalender/{token}.ics"
    assert redact(line) == "Not Found: /kalender/[fjernet]"


def test_the_feed_has_a_fixed_number_of_queries(client, personas, django_assert_num_queries):
    sessions_from(personas.cohort, TODAY, 2)
    token = calendar_feed_create(by=personas.participant_user).token
    # The feed with its owner, the owner's memberships (the role check), the memberships again
    # (own_enrolments), the sessions.
    with django_assert_num_queries(4):
        assert len(_events(client.get(_url(token)))) == 2
    sessions_from(personas.cohort, TODAY + dt.timedelta(days=2), 30)
    with django_assert_num_queries(4):
        assert len(_events(client.get(_url(token)))) == 32
