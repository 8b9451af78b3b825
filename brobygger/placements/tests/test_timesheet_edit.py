import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from brobygger.placements.models import Timesheet, TimesheetDay, TimesheetStatus
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday

WEEK = "2026-09-07"
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def placement(personas):
    return make_placement(personas)


def url(placement, week=WEEK):
    return reverse("timesheet_edit", args=[placement.pk, week])


def hours(**by_day):
    """Form data for the week of 07.09.2026: hours(mon="7.5", tue="8")."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    data = {}
    for n, name in enumerate(names):
        day = dt.date(2026, 9, 7) + dt.timedelta(days=n)
        data[f"hours_{day.isoformat()}"] = by_day.get(name, "")
    return data


def test_anonymous_is_sent_to_login(client, placement):
    response = client.get(url(placement))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_someone_elses_placement_is_404(client, personas, placement):
    client.force_login(personas.other_participant_user)
    assert client.get(url(placement)).status_code == 404
    assert client.post(url(placement), hours(mon="7")).status_code == 404
    assert not Timesheet.objects.exists()


def test_staff_are_refused(client, personas, placement):
    for user in (personas.coordinator, personas.supervisor, personas.other_coordinator):
        client.force_login(user)
        assert client.get(url(placement)).status_code == 403


def test_wrong_method_is_405(client, personas, placement):
    client.force_login(personas.participant_user)
    assert client.put(url(placement)).status_code == 405


@pytest.mark.parametrize(
    "week", ["2026-09-08", "2026-08-31", "2027-02-01", "x", "20260907", "2026-02-30"]
)
def test_a_week_that_is_not_a_monday_of_the_placement_is_404(client, personas, placement, week):
    client.force_login(personas.participant_user)
    assert client.get(url(placement, week)).status_code == 404


def test_the_form_has_a_labelled_number_input_per_day(client, personas, placement):
    client.force_login(personas.participant_user)
    html = client.get(url(placement)).content.decode()
    assert html.count('type="number"') == 7
    assert 'step="0.25"' in html and 'min="0"' in html and 'max="24"' in html
    assert '<label class="ds-label" for="id_hours_2026-09-07">Mandag 07.09.</label>' in html
    assert "Søndag 13.09." in html
    assert "16,875 timer" in html


def test_only_days_within_the_placement_are_offered(client, personas):
    placement = make_placement(personas, start=dt.date(2026, 9, 9))  # a Wednesday
    client.force_login(personas.participant_user)
    html = client.get(url(placement)).content.decode()
    assert html.count('type="number"') == 5
    assert "Mandag 07.09." not in html


def test_the_participant_saves_a_draft_then_submits(client, personas, placement):
    client.force_login(personas.participant_user)
    response = client.post(url(placement), {**hours(mon="7,5", tue="8"), "action": "save"})
    assert response.status_code == 302
    assert response["Location"] == url(placement)
    sheet = Timesheet.objects.get()
    assert (sheet.status, sheet.total_hours) == (TimesheetStatus.DRAFT, Decimal("15.5"))
    response = client.post(
        url(placement), {**hours(mon="7.5", tue="8", wed="2.25"), "action": "submit"}
    )
    assert response["Location"] == reverse("my_timesheets")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total_hours) == (TimesheetStatus.SUBMITTED, Decimal("17.75"))
    assert TimesheetDay.objects.filter(timesheet=sheet).count() == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Timer kan ikke være negative."),
        ("24.5", "Et døgn har bare 24 timer. Før opp høyst 24 timer."),
        ("sju", "Skriv et tall, for eksempel 7,5."),
    ],
)
def test_bad_hours_are_refused_next_to_the_day_and_nothing_is_saved(
    client, personas, placement, value, message
):
    client.force_login(personas.participant_user)
    response = client.post(url(placement), {**hours(mon="7.5", wed=value), "action": "submit"})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="id_hours_2026-09-09_error"' in html
    assert not Timesheet.objects.exists()
    assert not TimesheetDay.objects.exists()


def test_a_submitted_or_approved_week_is_shown_but_cannot_be_changed(client, personas, placement):
    sheet = make_timesheet(placement, monday(0), "20", status=TimesheetStatus.SUBMITTED)
    client.force_login(personas.participant_user)
    html = client.get(url(placement)).content.decode()
    assert 'type="number"' not in html
    assert "kan ikke endres" in html
    response = client.post(url(placement), {**hours(mon="1"), "action": "save"})
    assert "Timelisten er sendt inn og kan ikke endres." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.total_hours == Decimal("20")


def test_a_returned_week_shows_the_comment_and_can_be_resubmitted(client, personas, placement):
    sheet = make_timesheet(placement, monday(0), "10", status=TimesheetStatus.RETURNED)
    client.force_login(personas.participant_user)
    html = client.get(url(placement)).content.decode()
    assert "Rett timene." in html
    assert 'type="number"' in html
    response = client.post(url(placement), {**hours(mon="8", tue="8", wed="2"), "action": "submit"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total_hours) == (TimesheetStatus.SUBMITTED, Decimal("18"))


def test_hours_for_a_day_that_has_not_come_are_refused_next_to_it(client, personas, placement):
    """On Wednesday 09.09.2026 Friday's hours cannot be entered; nothing of the week is saved."""
    client.force_login(personas.participant_user)
    with time_machine.travel(dt.datetime(2026, 9, 9, 15, tzinfo=OSLO), tick=False):
        response = client.post(url(placement), {**hours(mon="7.5", fri="7.5"), "action": "save"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_hours_2026-09-11_error"' in html
    assert (
        "Du kan ikke føre timer for en dag som ikke har vært ennå (11.09.2026). "
        "Før timene når dagen er over."
    ) in html
    assert 'id="id_hours_2026-09-07_error"' not in html
    assert not Timesheet.objects.exists()
    assert not TimesheetDay.objects.exists()


def test_hours_up_to_and_including_today_are_saved(client, personas, placement):
    client.force_login(personas.participant_user)
    with time_machine.travel(dt.datetime(2026, 9, 9, 15, tzinfo=OSLO), tick=False):
        response = client.post(
            url(placement), {**hours(mon="7.5", wed="4", fri="0"), "action": "save"}
        )
    assert response.status_code == 302
    assert Timesheet.objects.get().total_hours == Decimal("11.5")
    assert sorted(TimesheetDay.objects.values_list("date", flat=True)) == [
        dt.date(2026, 9, 7),
        dt.date(2026, 9, 9),
    ]


def test_a_save_from_a_page_loaded_before_another_change_is_refused(client, personas, placement):
    """Issue 10, finding 12 (ADR 0014): the week is open in two tabs; the first saves; the
    second's save, made from what it showed, is refused with what changed, nothing lost."""
    client.force_login(personas.participant_user)
    token = client.get(url(placement)).context["form"]["edit_token"].value()
    assert token
    client.post(url(placement), {**hours(mon="7,5"), "action": "save", "edit_token": token})
    sheet = Timesheet.objects.get()
    assert sheet.total_hours == Decimal("7.5")

    response = client.post(
        url(placement), {**hours(mon="6", tue="4"), "action": "save", "edit_token": token}
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "Noen andre har lagret endringer mens du redigerte: Timer mandag 07.09.2026 (endret), "
        "Status (endret)"
    ) in text
    sheet.refresh_from_db()
    assert sheet.total_hours == Decimal("7.5")
    assert list(TimesheetDay.objects.values_list("hours", flat=True)) == [Decimal("7.5")]
    assert response.context["form"]["hours_2026-09-08"].value() == "4"  # the input is kept
    # The form shown again carries the fresh version: saving it now on purpose works.
    fresh = response.context["form"].data["edit_token"]
    assert fresh != token
    response = client.post(
        url(placement), {**hours(mon="6", tue="4"), "action": "save", "edit_token": fresh}
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.total_hours == Decimal("10")
