"""A programme year in Chromium (issue 13): an applicant applies online, the coordinator admits
twelve in one bulk action dated last month and starts them on the cohort's first day, the
teacher fills the term in the attendance matrix, and a participant sees the timetable and
downloads the calendar feed.

The twelve earlier applicants and the term's sessions are set up in the database (they are
the subject of other journeys); everything after that is clicked.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.attendance.models import AttendanceRecord
from brobygger.core.tests.journey_helpers import (
    journey_people,
    login_page,
    monday_on_or_before,
    screenshot,
)
from brobygger.enrolments.models import Enrolment, Status, StatusChange
from brobygger.testing import make_cohort, make_enrolment, make_participant, make_session

pytestmark = pytest.mark.browser

APPLICANT = ("Aslak", "Nettsøker", "aslak.nettsoker@example.org")


def test_a_programme_year_from_online_application_to_the_timetable(
    browser_page, live_server, tmp_path
):
    people = journey_people()
    today = timezone.localdate()
    start = monday_on_or_before(today - dt.timedelta(days=28))
    cohort = make_cohort(
        people.version,
        start=start,
        weeks=30,
        coordinators=[people.coordinator],
        teachers=[people.teacher],
    )
    cohort.applications_open = True
    cohort.application_deadline = today + dt.timedelta(days=14)
    cohort.save(update_fields=["applications_open", "application_deadline"])
    # The term so far: Monday and Tuesday in each of the cohort's first three weeks.
    sessions = [
        make_session(cohort, date=start + dt.timedelta(weeks=w, days=d), teacher=people.teacher)
        for w in range(3)
        for d in (0, 1)
    ]
    # Twelve applied before the start and have been assessed; Dina has a login.
    dina = make_participant("Dina", "Deltaker", user=people.participant_user)
    twelve = [make_enrolment(cohort, participant=dina, status=Status.VURDERES)] + [
        make_enrolment(
            cohort, participant=make_participant(f"Person{i:02d}"), status=Status.VURDERES
        )
        for i in range(1, 12)
    ]

    # 1. The applicant finds the open cohort, verifies the e-mail address and applies.
    applicant = browser_page
    applicant.goto("/sok/")
    applicant.get_by_role("link", name=re.compile(cohort.name)).first.click()
    applicant.get_by_label("E-postadresse").fill(APPLICANT[2])
    applicant.get_by_role("button", name="Send lenke").click()
    expect(applicant.get_by_text(APPLICANT[2]).first).to_be_visible()
    link = re.search(r"https?://\S+/sok/bekreft/\S+/", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    applicant.goto(link.group(0))
    applicant.get_by_role("button", name="Bekreft og gå videre").click()
    applicant.get_by_label("Fornavn").fill(APPLICANT[0])
    applicant.get_by_label("Etternavn").fill(APPLICANT[1])
    applicant.get_by_label("Telefon").fill("41234567")
    applicant.get_by_label("Bostedskommune").select_option(label="Bergen (4601)")
    applicant.get_by_label("Hvorfor vil du være med?").fill(
        "Jeg vil bruke erfaringen min til å hjelpe andre."
    )
    applicant.get_by_label(re.compile("Jeg samtykker")).check()
    applicant.get_by_role("button", name="Send søknaden").click()
    expect(applicant.get_by_text("Søkt inn").first).to_be_visible()
    screenshot(applicant, "year-01-applied.png")
    online = Enrolment.objects.get(participant__last_name=APPLICANT[1])
    assert online.status == Status.SOKT_INN and online.cohort_id == cohort.pk

    # 2. The coordinator sees the online application and admits the twelve in one bulk
    # action dated last month, then starts them on the cohort's first day.
    coord = login_page(applicant, live_server.url, "koordinator")
    coord.goto(f"/kull/{cohort.pk}/soknader/")
    expect(coord.get_by_text("Søknad på nett")).to_be_visible()
    admitted_on = start - dt.timedelta(days=7)

    def bulk(label: str, on: dt.date, status: str) -> None:
        for enrolment in twelve:
            coord.get_by_label(f"Velg {enrolment.participant.full_name}", exact=True).check()
        coord.locator("#bulk_to").select_option(label=label)
        coord.locator("#bulk_on").fill(on.isoformat())
        coord.locator("#bulk_late_reason").fill("Registrert etter at det skjedde.")
        coord.get_by_role("button", name="Utfør for valgte").click()
        expect(
            coord.get_by_text(f"12 personer har fått status «{status}» fra {on:%d.%m.%Y}.")
        ).to_be_visible()

    bulk("Ta opp", admitted_on, "Tatt opp, venter på oppstart")
    bulk("Start deltakelse", start, "Deltar")
    screenshot(coord, "year-02-admitted.png")
    assert set(
        StatusChange.objects.filter(
            enrolment__in=twelve, status=Status.VENTER_PA_OPPSTART
        ).values_list("valid_from", flat=True)
    ) == {admitted_on}
    assert Enrolment.objects.filter(cohort=cohort, status=Status.DELTAR).count() == 12
    online.refresh_from_db()
    assert online.status == Status.SOKT_INN  # not ticked, not moved

    # 3. The teacher fills the term in the attendance matrix: everyone present, but one
    # person absent with a valid reason on the first day.
    teacher = login_page(applicant, live_server.url, "underviser")
    teacher.goto(f"/kull/{cohort.pk}/oppmote/?fra={start.isoformat()}&til={today.isoformat()}")
    selects = teacher.locator("table select")
    assert selects.count() == 12 * len(sessions)
    for i in range(selects.count()):
        select = selects.nth(i)
        options = select.locator("option").all_text_contents()
        wanted = "Gyldig fravær" if i == 0 and "Gyldig fravær" in options else "Til stede"
        select.select_option(label=wanted)
    teacher.get_by_role("button", name="Lagre oppmøte").click()
    expect(teacher.get_by_role("status").first).to_be_visible()
    screenshot(teacher, "year-03-matrix.png")
    assert AttendanceRecord.objects.filter(session__cohort=cohort).count() == 12 * len(sessions)

    # 4. Dina sees her timetable and downloads the calendar feed.
    participant = login_page(applicant, live_server.url, "deltaker")
    participant.goto("/meg/timeplan/")
    expect(
        participant.get_by_role("heading", name="Timeplanen i din egen kalender")
    ).to_be_visible()
    participant.get_by_role("button", name="Lag kalenderlenke").click()
    feed_url = participant.locator("#feed-url").inner_text()
    response = participant.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body.count("BEGIN:VEVENT") == len(sessions)
    assert "Dina" not in body and "Deltaker" not in body  # the sessions, not the person
    screenshot(participant, "year-04-timetable.png")
    assert applicant.csp_violations == []  # type: ignore[attr-defined]
