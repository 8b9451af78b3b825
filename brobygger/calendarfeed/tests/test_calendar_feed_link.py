"""POST /meg/timeplan/lenke/ (make or renew) and /meg/timeplan/lenke/slett/ (revoke)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.calendarfeed.models import CalendarFeed
from brobygger.calendarfeed.services import calendar_feed_create
from brobygger.calendarfeed.tokens import digest
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.testing import make_cohort, make_enrolment, make_user

CREATE = "/meg/timeplan/lenke/"
REVOKE = "/meg/timeplan/lenke/slett/"
PAGE = "/meg/timeplan/"


def _token_from(html: str) -> str:
    start = html.index("/kalender/") + len("/kalender/")
    return html[start : html.index(".ics", start)]


def test_the_url_names():
    assert reverse("my_calendar_feed_create") == CREATE
    assert reverse("my_calendar_feed_revoke") == REVOKE


def test_anonymous_is_sent_to_login(client, personas):
    for url in (CREATE, REVOKE):
        response = client.post(url)
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]


def test_get_is_405(client, personas):
    client.force_login(personas.participant_user)
    assert client.get(CREATE).status_code == 405
    assert client.get(REVOKE).status_code == 405


def test_staff_are_refused_and_get_no_feed(client, personas):
    for user in (personas.coordinator, personas.teacher, personas.admin):
        client.force_login(user)
        assert client.post(CREATE).status_code == 403
        assert client.post(REVOKE).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_service_refuses_someone_without_a_place_on_a_cohort(personas):
    with pytest.raises(ValidationError):
        calendar_feed_create(by=personas.coordinator)
    applicant = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    enrolment = make_enrolment(
        make_cohort(personas.version, start=dt.date(2027, 1, 4)), status=Status.SOKT_INN
    )
    enrolment.participant.user = applicant
    enrolment.participant.save(update_fields=["user"])
    with pytest.raises(ValidationError):
        calendar_feed_create(by=applicant)
    assert not CalendarFeed.objects.exists()


def test_an_applicant_is_told_why_there_is_no_link(client, personas):
    applicant = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    client.force_login(applicant)
    response = client.post(CREATE, follow=True)
    assert "Du har ingen timeplan ennå" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_the_participant_makes_a_link_and_sees_it_once(client, personas):
    client.force_login(personas.participant_user)
    assert "Lag kalenderlenke" in client.get(PAGE).content.decode()

    response = client.post(CREATE)

    assert response.status_code == 200
    html = response.content.decode()
    token = _token_from(html)
    assert len(token) == 43
    assert "webcal://testserver/kalender/" in html
    feed = CalendarFeed.objects.get()
    assert feed.user == personas.participant_user
    assert feed.token_hash == digest(token)  # only the hash is stored
    assert token not in str(list(CalendarFeed.objects.values()))
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 200
    later = client.get(PAGE).content.decode()
    assert token not in later
    assert "Du har en kalenderlenke, laget 15.09.2026." in later
    assert "Lag ny lenke" in later
    event = AuditEvent.objects.get(object_type="calendarfeed.calendarfeed", action="create")
    assert event.actor == personas.participant_user
    assert feed.token_hash not in str(event.changes)


def test_lag_ny_lenke_revokes_the_old(client, personas):
    client.force_login(personas.participant_user)
    old = _token_from(client.post(CREATE).content.decode())
    new = _token_from(client.post(CREATE).content.decode())

    assert old != new
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1
    assert CalendarFeed.objects.count() == 2


def test_the_participant_revokes_the_link(client, personas):
    client.force_login(personas.participant_user)
    token = _token_from(client.post(CREATE).content.decode())

    response = client.post(REVOKE, follow=True)

    assert "Kalenderlenken er slettet" in response.content.decode()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    assert "Lag kalenderlenke" in response.content.decode()
    assert AuditEvent.objects.filter(
        object_type="calendarfeed.calendarfeed", action="revoke"
    ).exists()


def test_one_participant_cannot_revoke_anothers_link(client, personas):
    token = calendar_feed_create(by=personas.participant_user).token
    client.force_login(personas.other_participant_user)
    client.post(REVOKE)
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 200
