"""One cohort from end to end in Chromium, every step through the web pages as the right person.

Only the people, their organisations and a short programme version are set up in the database
(see journey_helpers.journey_people); the rest is clicked: the coordinator creates the cohort
and its sessions, registers and admits applicants (the third goes to the waiting list), the
teacher takes attendance, the participant logs practice hours and hands in the assignment, the
supervisor approves the week, the coordinator approves the assignment and confirms completion.
After each step the participant's "what is missing" on /meg/ must have changed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.completion.models import Completion
from brobygger.core.tests.journey_helpers import (
    iso_week,
    journey_people,
    log_in,
    login_page,
    missing_items,
    monday_on_or_before,
    screenshot,
    summary_line,
)
from brobygger.enrolments.models import Enrolment, Participant, Status

pytestmark = pytest.mark.browser

COHORT = "Kull Bryggen"
DINA, PER, VERA = ("Dina", "Deltaker"), ("Per", "Plass"), ("Vera", "Venter")


def _pk_from(url: str, pattern: str) -> int:
    match = re.search(pattern, url)
    assert match, url
    return int(match.group(1))


def test_one_cohort_from_application_to_completion(browser_page, live_server, tmp_path):
    people = journey_people()
    today = timezone.localdate()
    # Sessions and the practice week lie in the past: attendance for future sessions is refused.
    start = monday_on_or_before(today - dt.timedelta(days=60))
    tuesday = start + dt.timedelta(days=1)
    practice_monday = start + dt.timedelta(weeks=2)

    # 1. The coordinator creates the cohort (2 places) and a week of sessions (Mon+Tue, 6 h).
    coord = browser_page
    log_in(coord, "koordinator")
    coord.goto("/kull/ny/")
    coord.get_by_label("Navn på kullet").fill(COHORT)
    coord.get_by_label("Programversjon").select_option(label=str(people.version))
    coord.get_by_label("Startdato").fill(start.isoformat())
    coord.get_by_label("Sluttdato").fill((today + dt.timedelta(days=200)).isoformat())
    coord.get_by_label("Antall plasser").fill("2")
    expect(coord.get_by_label("Kora Kull")).to_be_checked()  # the creator, preselected
    coord.get_by_label("Ulla Lærer").check()
    coord.get_by_role("button", name="Opprett kullet").click()
    expect(coord.get_by_text(f"Kullet «{COHORT}» er opprettet.")).to_be_visible()
    cohort_pk = _pk_from(coord.url, r"/kull/(\d+)/okter/")

    coord.get_by_role("link", name="Ny serie").click()
    coord.get_by_label("Mandag").check()
    coord.get_by_label("Tirsdag").check()
    coord.get_by_label("Fra").fill("09:00")
    coord.get_by_label("Til").fill("12:00")
    coord.get_by_label("Første dato").fill(start.isoformat())
    coord.get_by_label("Antall uker").fill("1")
    coord.get_by_label("Tema eller modul").fill("Egen erfaring som ressurs")
    coord.get_by_label("Underviser").select_option(label="Ulla Lærer")
    coord.get_by_role("button", name="Opprett øktene").click()
    expect(coord.get_by_text("Opprettet 2 økter, 6 timer.")).to_be_visible()
    expect(coord.get_by_text("6 av 6 timer teori er planlagt.")).to_be_visible()

    # 2. Three applications; two admitted up to capacity, the third refused and waitlisted.
    # Dina and Per applied, were assessed and admitted before the cohort started and began on
    # its first day: registered now, each step with the date it happened (a bulk action dated
    # back in time with a reason), so their attendance counts from the cohort's first day.
    applied = start - dt.timedelta(days=30)
    applications = f"/kull/{cohort_pk}/soknader/"
    for first, last in (DINA, PER, VERA):
        coord.goto(applications)
        coord.get_by_role("link", name="Registrer søknad").click()
        coord.get_by_label("Fornavn").fill(first)
        coord.get_by_label("Etternavn").fill(last)
        if (first, last) != VERA:
            coord.get_by_label("Søknadsdato").fill(applied.isoformat())
        coord.get_by_role("button", name="Lagre").click()
        expect(coord.get_by_text("Søknaden er registrert.")).to_be_visible()
    # Setup, not a journey step: the application page registers a new Participant without a
    # login, so the participant's user account is linked to it here.
    Participant.objects.filter(first_name=DINA[0], last_name=DINA[1]).update(
        user=people.participant_user
    )

    def button(label: str, person: tuple[str, str]) -> Any:
        # The name is visually hidden in an absolutely positioned span, which Chromium's
        # accessible name joins with a space: "Ta opp : Vera Venter".
        name = re.compile(rf"^{label}\s?: {person[0]} {person[1]}$")
        return coord.get_by_role("button", name=name)

    def act(label: str, person: tuple[str, str]) -> None:
        button(label, person).click()

    def act_on_both(label: str, status: str, on: dt.date) -> None:
        """The bulk action on Dina and Per, dated `on` (before today, so with a reason)."""
        for first, last in (DINA, PER):
            coord.get_by_label(f"Velg {first} {last}", exact=True).check()
        # The bulk form's fields (auto_id "bulk_%s"): "Handling", "Gjelder fra" and the reason.
        coord.locator("#bulk_to").select_option(label=label)
        coord.locator("#bulk_on").fill(on.isoformat())
        coord.locator("#bulk_late_reason").fill("Registreres etter at det skjedde.")
        coord.get_by_role("button", name="Utfør for valgte").click()
        expect(
            coord.get_by_text(f"2 personer har fått status «{status}» fra {on:%d.%m.%Y}.")
        ).to_be_visible()

    act_on_both("Start vurdering", "Vurderes", applied + dt.timedelta(days=7))
    act("Start vurdering", VERA)
    expect(button("Ta opp", VERA)).to_be_visible()  # the row now offers admission
    act_on_both("Ta opp", "Tatt opp, venter på oppstart", applied + dt.timedelta(days=14))
    expect(coord.get_by_role("heading", name="Tatt opp (2)", exact=True)).to_be_visible()
    expect(coord.get_by_text("Plasser tatt: 2 av 2")).to_be_visible()
    expect(coord.get_by_text("Kullet er fullt (2 av 2 plasser). Nye søkere")).to_be_visible()
    act("Ta opp", VERA)
    expect(
        coord.get_by_text("Kullet er fullt (2 av 2 plasser). Sett søkeren på venteliste.")
    ).to_be_visible()
    coord.get_by_role("button", name="Sett på venteliste").click()
    expect(coord.get_by_role("heading", name="Venteliste (1)")).to_be_visible()
    waitlist = coord.locator("#waitlist")
    expect(waitlist.get_by_role("row", name=re.compile(r"1\s+Vera Venter"))).to_be_visible()
    # They began on the cohort's first day, 60 days ago: a start dated then, so the sessions
    # held since count for them (a session before a participant's start does not).
    act_on_both("Start deltakelse", "Deltar", start)
    expect(coord.get_by_role("heading", name="Tatt opp (0)", exact=True)).to_be_visible()

    # 3. The participant sees everything still missing.
    dina = login_page(coord, live_server.url, "deltaker")
    dina.goto("/meg/")
    expect(dina.get_by_role("heading", name="Hva som gjenstår for deg")).to_be_visible()
    assert summary_line(dina) == "0 av 6 timer, 0 av 1 uker, oppgave ikke levert."
    assert missing_items(dina) == [
        "6 timer teori",
        "1 praksisuke",
        "Skriftlig oppgave er ikke levert",
    ]
    screenshot(dina, "journey_meg_start.png")

    # 4. The teacher takes attendance on both sessions through the grid.
    teacher = login_page(coord, live_server.url, "underviser")
    for day in (start, tuesday):
        teacher.goto("/mine-okter/")
        # "Siste økter" and "Alle økter" both list it: the first is the recent list.
        teacher.get_by_role("link", name=f"Oppmøte {day:%d.%m.%Y}").first.click()
        teacher.get_by_role("button", name="Merk alle til stede").click()
        expect(teacher.get_by_text("Alle som deltar er merket til stede.")).to_be_visible()
        expect(
            teacher.get_by_role("group", name="Dina Deltaker").get_by_label("Til stede", exact=True)
        ).to_be_checked()
        teacher.get_by_role("button", name="Lagre oppmøte").click()
        expect(teacher.get_by_text("Oppmøtet er lagret.")).to_be_visible()
    dina.goto("/meg/")
    assert summary_line(dina) == "6 av 6 timer, 0 av 1 uker, oppgave ikke levert."
    assert missing_items(dina) == ["1 praksisuke", "Skriftlig oppgave er ikke levert"]

    # 5. A placement at 50 %; the participant logs a week, the supervisor approves it.
    coord.goto(f"/kull/{cohort_pk}/")
    coord.get_by_role("link", name="Dina Deltaker").click()
    coord.wait_for_url("**/deltakelser/*/")
    enrolment_pk = _pk_from(coord.url, r"/deltakelser/(\d+)/")
    coord.get_by_role("link", name="Ny praksisplass").click()
    coord.get_by_label("Praksissted").select_option(label=people.host.name)
    coord.get_by_label("Praksisveileder").select_option(label="Pia Paulsen")
    coord.get_by_label("Startdato").fill(practice_monday.isoformat())
    coord.get_by_label("Sluttdato").fill((practice_monday + dt.timedelta(days=4)).isoformat())
    expect(coord.get_by_label("Praksisprosent")).to_have_value("50")
    coord.get_by_role("button", name="Opprett praksisplass").click()
    expect(coord.get_by_text("Praksisplassen er opprettet.")).to_be_visible()

    week = iso_week(practice_monday)
    dina.goto("/meg/timelister/")
    dina.get_by_role("link", name=f"Før timer uke {week}").click()
    for offset, weekday in enumerate(("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")):
        day = practice_monday + dt.timedelta(days=offset)
        dina.get_by_label(f"{weekday} {day:%d.%m.}").fill("4")
    dina.get_by_role("button", name="Send til godkjenning").click()
    expect(dina.get_by_text("Timelisten er sendt til praksisveilederen.")).to_be_visible()
    dina.goto("/meg/")
    expect(
        dina.get_by_text("1 praksisuke venter på godkjenning fra praksisveilederen.")
    ).to_be_visible()
    assert missing_items(dina) == ["1 praksisuke", "Skriftlig oppgave er ikke levert"]

    supervisor = login_page(coord, live_server.url, "praksisveileder")
    supervisor.goto("/praksis/")
    supervisor.get_by_role("link", name=f"Vurder timelisten til Dina Deltaker, uke {week}").click()
    expect(supervisor.get_by_role("cell", name="20", exact=True)).to_be_visible()
    supervisor.get_by_role("button", name="Godkjenn").click()
    expect(supervisor.get_by_text("Timelisten er godkjent. Teller: 20 t")).to_be_visible()
    dina.goto("/meg/")
    assert summary_line(dina) == "6 av 6 timer, 1 av 1 uker, oppgave ikke levert."
    assert missing_items(dina) == ["Skriftlig oppgave er ikke levert"]

    # 6. The participant hands in a PDF; the coordinator approves it.
    pdf = tmp_path / "oppgave.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    dina.goto("/meg/oppgave/")
    dina.get_by_label("Fil").set_input_files(str(pdf))
    dina.get_by_role("button", name="Lever oppgaven").click()
    expect(dina.get_by_text("Oppgaven er levert.")).to_be_visible()
    dina.goto("/meg/")
    assert summary_line(dina) == "6 av 6 timer, 1 av 1 uker, oppgave levert, ikke vurdert ennå."
    assert missing_items(dina) == ["Skriftlig oppgave er levert, men ikke vurdert"]

    coord.goto(f"/deltakelser/{enrolment_pk}/")
    coord.get_by_role("link", name="Vurder forsøk 1").click()
    coord.get_by_label("Godkjent", exact=True).check()
    coord.get_by_role("button", name="Lagre vurdering").click()
    expect(coord.get_by_text("Vurderingen er lagret.")).to_be_visible()
    dina.goto("/meg/")
    assert summary_line(dina) == "6 av 6 timer, 1 av 1 uker, oppgave godkjent."
    assert missing_items(dina) == []
    expect(
        dina.get_by_text("Du oppfyller alle kravene. Koordinatoren bekrefter at du har fullført.")
    ).to_be_visible()

    # 7. The coordinator confirms completion on the participant page.
    expect(coord.get_by_text("Deltakeren oppfyller alle kravene og kan fullføre.")).to_be_visible()
    coord.get_by_role("button", name="Bekreft fullføring", exact=True).click()
    expect(coord.get_by_text("Fullføringen er registrert.")).to_be_visible()
    expect(coord.locator("header .ds-tag")).to_have_text("Fullført")
    dina.goto("/meg/")
    expect(
        dina.get_by_text(f"Du fullførte utdanningen {today:%d.%m.%Y}. Gratulerer!")
    ).to_be_visible()
    assert missing_items(dina) == []
    screenshot(dina, "journey_meg_end.png")

    # The database agrees with what the pages said.
    enrolments = {
        e.participant.first_name: e
        for e in Enrolment.objects.filter(cohort_id=cohort_pk).select_related("participant")
    }
    assert enrolments["Dina"].status == Status.FULLFORT
    assert enrolments["Per"].status == Status.DELTAR
    for name in ("Dina", "Per"):
        assert enrolments[name].history.get(status=Status.DELTAR).valid_from == start
    assert enrolments["Vera"].status == Status.VENTELISTE
    assert enrolments["Vera"].waitlist_position == 1
    completion = Completion.objects.get(enrolment=enrolments["Dina"])
    assert completion.theory_hours == 6
    assert completion.practice_weeks == 1
    assert completion.assignment_approved is True
    assert completion.is_exception is False
    assert completion.confirmed_by == people.coordinator
    assert coord.csp_violations == []
