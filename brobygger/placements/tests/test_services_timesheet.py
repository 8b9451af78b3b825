import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.placements.models import (
    Evaluation,
    Timesheet,
    TimesheetDay,
    TimesheetStatus,
)
from brobygger.placements.services import (
    evaluation_save,
    hours_field,
    timesheet_approve,
    timesheet_return,
    timesheet_save,
)
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday

WEEK = monday(0)
D = Decimal


def save(personas, placement, hours, *, submit=False, week=WEEK):
    return timesheet_save(
        by=personas.participant_user,
        placement=placement,
        week_start=week,
        hours=hours,
        submit=submit,
    )


def test_a_draft_keeps_the_days_and_their_total(personas):
    placement = make_placement(personas)
    sheet = save(personas, placement, {WEEK: D("7.5"), WEEK + dt.timedelta(days=2): D("4.25")})
    assert sheet.status == TimesheetStatus.DRAFT
    assert sheet.total_hours == D("11.75")
    assert TimesheetDay.objects.filter(timesheet=sheet).count() == 2
    # Changing a day updates the total and leaves an audit event with old and new.
    sheet = save(personas, placement, {WEEK: D("6"), WEEK + dt.timedelta(days=2): None})
    sheet.refresh_from_db()
    assert sheet.total_hours == D("6")
    day = TimesheetDay.objects.get(timesheet=sheet, date=WEEK)
    event = AuditEvent.objects.get(
        object_type="placements.timesheetday", object_id=day.pk, action="update"
    )
    assert event.changes == {"hours": ["7.50", "6"]}


def test_submitting_locks_the_timesheet(personas):
    placement = make_placement(personas)
    sheet = save(personas, placement, {WEEK: D("8")}, submit=True)
    assert sheet.status == TimesheetStatus.SUBMITTED
    assert sheet.submitted_at is not None
    with pytest.raises(ValidationError) as exc:
        save(personas, placement, {WEEK: D("9")})
    assert exc.value.messages == ["Timelisten er sendt inn og kan ikke endres."]
    sheet.refresh_from_db()
    assert sheet.total_hours == D("8")


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (D("-1"), "Timer kan ikke være negative."),
        (D("24.25"), "Et døgn har bare 24 timer. Før opp høyst 24 timer."),
    ],
)
def test_impossible_hours_are_refused_per_day_and_nothing_is_saved(personas, hours, message):
    placement = make_placement(personas)
    tuesday = WEEK + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        save(personas, placement, {WEEK: D("7.5"), tuesday: hours}, submit=True)
    assert exc.value.message_dict == {hours_field(tuesday): [message]}
    assert not Timesheet.objects.exists()
    assert not TimesheetDay.objects.exists()


def test_a_week_outside_the_placement_or_not_a_monday_is_refused(personas):
    placement = make_placement(personas)
    for week in (monday(-1), WEEK + dt.timedelta(days=1), dt.date(2027, 2, 1)):
        with pytest.raises(ValidationError):
            save(personas, placement, {week: D("1")}, week=week)
    assert not Timesheet.objects.exists()


def test_days_outside_the_placement_cannot_have_hours(personas):
    placement = make_placement(personas, start=dt.date(2026, 9, 9))  # a Wednesday
    with pytest.raises(ValidationError) as exc:
        save(personas, placement, {WEEK: D("2")})
    assert exc.value.message_dict == {hours_field(WEEK): ["Dagen er utenfor praksisperioden."]}


def test_an_empty_week_cannot_be_submitted(personas):
    placement = make_placement(personas)
    with pytest.raises(ValidationError) as exc:
        save(personas, placement, {WEEK: None}, submit=True)
    assert exc.value.messages == ["Før opp timene dine før du sender inn."]
    assert not Timesheet.objects.exists()


def test_the_supervisor_approves_and_it_is_audited(personas):
    placement = make_placement(personas)
    sheet = make_timesheet(placement, WEEK, "18.75", status=TimesheetStatus.SUBMITTED)
    approved = timesheet_approve(by=personas.supervisor, timesheet=sheet)
    approved.refresh_from_db()
    assert (approved.status, approved.decided_by) == (TimesheetStatus.APPROVED, personas.supervisor)
    event = AuditEvent.objects.get(action="approve", object_id=sheet.pk)
    assert event.changes["status"] == ["submitted", "approved"]
    assert event.actor == personas.supervisor


def test_only_the_supervisor_decides_and_only_on_a_submitted_sheet(personas):
    placement = make_placement(personas)
    draft = make_timesheet(placement, WEEK, "10", status=TimesheetStatus.DRAFT)
    with pytest.raises(ValidationError) as exc:
        timesheet_approve(by=personas.supervisor, timesheet=draft)
    assert exc.value.messages == ["Timelisten venter ikke på godkjenning."]
    sheet = make_timesheet(placement, monday(1), "10", status=TimesheetStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        timesheet_approve(by=personas.participant_user, timesheet=sheet)
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.SUBMITTED


def test_a_return_needs_a_comment_and_the_participant_can_fix_and_resubmit(personas):
    placement = make_placement(personas)
    sheet = make_timesheet(placement, WEEK, "10", status=TimesheetStatus.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        timesheet_return(by=personas.supervisor, timesheet=sheet, comment="  ")
    assert exc.value.message_dict == {
        "comment": ["Skriv en kommentar til deltakeren om hva som må rettes."]
    }
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.SUBMITTED

    timesheet_return(by=personas.supervisor, timesheet=sheet, comment="Onsdag mangler.")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.supervisor_comment) == ("returned", "Onsdag mangler.")
    assert AuditEvent.objects.filter(action="return", object_id=sheet.pk).exists()
    # A draft save keeps it "returned" (and the comment visible); submitting sends it again.
    # 10 h were 2 h a day; Wednesday becomes 8.75 h.
    save(personas, placement, {WEEK + dt.timedelta(days=2): D("8.75")})
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.RETURNED
    save(personas, placement, {}, submit=True)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.total_hours) == (TimesheetStatus.SUBMITTED, D("16.75"))


def test_the_supervisor_writes_and_rewrites_an_evaluation(personas):
    placement = make_placement(personas)
    first = evaluation_save(by=personas.supervisor, placement=placement, kind="midway", text="Bra.")
    evaluation_save(by=personas.supervisor, placement=placement, kind="midway", text="Svært bra.")
    assert Evaluation.objects.get(pk=first.pk).text == "Svært bra."
    update = AuditEvent.objects.get(object_type="placements.evaluation", action="update")
    # The text itself stays out of the append-only audit trail (core.appendonly.redact).
    assert update.changes == {"text": ["[skjult]", "[skjult]"]}


def test_an_evaluation_needs_text_and_the_supervisor(personas):
    placement = make_placement(personas)
    with pytest.raises(ValidationError) as exc:
        evaluation_save(by=personas.supervisor, placement=placement, kind="final", text=" ")
    assert exc.value.message_dict == {"text": ["Skriv evalueringen før du lagrer."]}
    with pytest.raises(ValidationError):
        evaluation_save(by=personas.coordinator, placement=placement, kind="final", text="Hei")
    assert not Evaluation.objects.exists()


def test_a_day_after_today_is_refused_by_the_service_too(personas):
    placement = make_placement(personas)
    friday = WEEK + dt.timedelta(days=4)
    with pytest.raises(ValidationError) as refused:
        timesheet_save(
            by=personas.participant_user,
            placement=placement,
            week_start=WEEK,
            hours={WEEK: D("7.5"), friday: D("7.5")},
            submit=True,
            today=WEEK + dt.timedelta(days=2),
        )
    assert list(refused.value.message_dict) == [hours_field(friday)]
    assert not Timesheet.objects.exists()
    # On the Friday itself the same hours are fine.
    sheet = timesheet_save(
        by=personas.participant_user,
        placement=placement,
        week_start=WEEK,
        hours={WEEK: D("7.5"), friday: D("7.5")},
        submit=True,
        today=friday,
    )
    assert sheet.total_hours == D("15")
