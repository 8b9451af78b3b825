"""Timesheets: the participant enters a week, the supervisor approves or returns it."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.core.formatting import format_day
from brobygger.placements import selectors, services
from brobygger.placements.access import own_placement, own_placements, timesheet_for_supervisor
from brobygger.placements.forms import ReturnForm, TimesheetForm
from brobygger.placements.models import Placement, TimesheetStatus
from brobygger.placements.rules import days_in_placement, week_row, week_within

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _week_or_404(week: str, placement: Placement) -> dt.date:
    """The URL's week: an ISO date of a Monday in a week the placement touches."""
    if not ISO_DATE.match(week):
        raise Http404
    try:
        week_start = dt.date.fromisoformat(week)
    except ValueError:
        raise Http404 from None
    if not week_within(week_start, placement.start_date, placement.end_date):
        raise Http404
    return week_start


# The participant's own timesheet: no read-log entry (one's own data is not logged).
@roles(Role.PARTICIPANT)
@require_http_methods(["GET", "POST"])
def timesheet_edit(request: HttpRequest, pk: int, week: str) -> HttpResponse:
    placement = own_placement(request, pk)
    week_start = _week_or_404(week, placement)
    timesheet = selectors.timesheet_for_week(placement, week_start)
    days = days_in_placement(week_start, placement.start_date, placement.end_date)
    day_rows = list(timesheet.days.all()) if timesheet else []
    initial: dict[str, object] = {services.hours_field(d.date): d.hours for d in day_rows}
    initial["edit_token"] = services.timesheet_token(
        placement=placement, week_start=week_start, timesheet=timesheet, day_rows=day_rows
    )
    form = TimesheetForm(
        request.POST if request.method == "POST" else None, days=days, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.timesheet_save(
                by=request.user,
                placement=placement,
                week_start=week_start,
                hours=form.hours(),
                submit=submit,
                edit_token=form.cleaned_data["edit_token"],
            )
        except ValidationError as exc:
            form.renew_edit_token(exc)
            form.add_error(None, exc)
        else:
            if submit:
                messages.success(request, _("Timelisten er sendt til praksisveilederen."))
                return redirect("my_timesheets")
            messages.success(request, _("Timelisten er lagret som utkast."))
            return redirect("timesheet_edit", pk=placement.pk, week=week_start.isoformat())
    version = placement.enrolment.cohort.version
    row = week_row(
        week_start=week_start,
        timesheet=timesheet,
        percents=list(placement.percents.all()),
        tolerance=version.week_tolerance,
    )
    previous_week = week_start - dt.timedelta(weeks=1)
    next_week = week_start + dt.timedelta(weeks=1)
    context = {
        "placement": placement,
        "form": form,
        "timesheet": timesheet,
        "row": row,
        "locked": not row.editable,
        "fields": [form[services.hours_field(day)] for day in days],
        "previous_week": previous_week
        if week_within(previous_week, placement.start_date, placement.end_date)
        else None,
        "next_week": next_week
        if week_within(next_week, placement.start_date, placement.end_date)
        else None,
    }
    return render(request, "placements/timesheet_edit.html", context)


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def timesheet_review(request: HttpRequest, pk: int) -> HttpResponse:
    timesheet = timesheet_for_supervisor(request, pk)
    placement = timesheet.placement
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action == "approve":
                decided = services.timesheet_approve(by=request.user, timesheet=timesheet)
            elif action == "return":
                decided = services.timesheet_return(
                    by=request.user, timesheet=timesheet, comment=form.cleaned_data["comment"]
                )
            else:
                raise ValidationError({NON_FIELD_ERRORS: _("Velg godkjenn eller send tilbake.")})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if decided.status == TimesheetStatus.RETURNED:
                messages.success(request, _("Timelisten er sendt tilbake til deltakeren."))
            else:
                outcome = week_row(
                    week_start=decided.week_start,
                    timesheet=decided,
                    percents=list(placement.percents.all()),
                    tolerance=placement.enrolment.cohort.version.week_tolerance,
                )
                messages.success(
                    request,
                    _("Timelisten er godkjent. %(reason)s") % {"reason": outcome.reason},
                )
            return redirect("supervisor_placements")
    row = week_row(
        week_start=timesheet.week_start,
        timesheet=timesheet,
        percents=list(placement.percents.all()),
        tolerance=placement.enrolment.cohort.version.week_tolerance,
    )
    context = {
        "form": form,
        "timesheet": timesheet,
        "placement": placement,
        "row": row,
        "days": list(timesheet.days.all()),
        "can_decide": timesheet.status == TimesheetStatus.SUBMITTED,
    }
    response = render(request, "placements/timesheet_review.html", context)
    # GET, or a refused POST shown again with its errors: a read either way (ADR 0009).
    record_access(
        request,
        placement.enrolment.participant,
        shown=_("Timeliste for uken som starter %(date)s")
        % {"date": format_day(timesheet.week_start)},
        organisation_id=placement.host_id,
    )
    return response


@roles(Role.PARTICIPANT)
@require_GET
def my_timesheets(request: HttpRequest) -> HttpResponse:
    practice = selectors.practice_by_enrolment(own_placements(request), today=timezone.localdate())
    return render(request, "placements/my_timesheets.html", {"practice": practice})
