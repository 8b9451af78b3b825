"""The attendance grid for one session: everyone on one screen, saved in one POST."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from brobygger.accesslog.services import record_access_many
from brobygger.accounts.models import Role
from brobygger.attendance.forms import AttendanceGridForm, AttendanceRowForm, build_row_forms
from brobygger.attendance.rules import attendance_closed_reason
from brobygger.attendance.selectors import SessionGrid, session_attendance_grid
from brobygger.attendance.services import attendance_record_session, attendance_token
from brobygger.core.access import roles
from brobygger.programmes.access import session_for_user
from brobygger.programmes.models import Session

MARK_ALL_PRESENT = "mark_all_present"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _closed(session: Session) -> str | None:
    return attendance_closed_reason(session=session, today=timezone.localdate())


def _fresh_grid_form(session: Session, grid: SessionGrid) -> AttendanceGridForm:
    """The grid form for the records as they are now (the edit token, ADR 0014)."""
    token = attendance_token(session=session, rows=[(r.enrolment, r.record) for r in grid.rows])
    return AttendanceGridForm(initial={"edit_token": token})


def _render(
    request: HtmxHttpRequest,
    *,
    session: Session,
    grid: SessionGrid,
    forms: list[AttendanceRowForm],
    grid_form: AttendanceGridForm | None = None,
    **extra: Any,
) -> HttpResponse:
    context = {
        "session": session,
        "grid": grid,
        "forms": forms,
        "grid_form": grid_form or _fresh_grid_form(session, grid),
        "closed_reason": _closed(session),
        "form_errors": [error for form in forms for error in form.error_summary],
        **extra,
    }
    template = (
        "attendance/_partials/grid.html" if request.htmx else "attendance/session_attendance.html"
    )
    response = render(request, template, context)
    # Hours and (excused or not) absence for each person shown: one read-log entry per
    # participant on the grid, in one INSERT (ADR 0009, amendment 1). Every render counts:
    # the GET, a refused save shown again, and the grid htmx shows after saving.
    record_access_many(
        request,
        [row.enrolment.participant for row in grid.rows],
        shown=_("Oppmøteliste for økten %(date)s: timer og fravær")
        % {"date": session.date.strftime("%d.%m.%Y")},
        organisation_id=session.cohort.version.programme.organisation_id,
    )
    return response


@roles(Role.COORDINATOR, Role.TEACHER)
@require_http_methods(["GET", "POST"])
def session_attendance(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request, pk)
    grid = session_attendance_grid(session=session, viewer=request)
    if request.method == "GET" or _closed(session):
        # A closed session (cancelled, or not held yet) shows why instead of a form.
        return _render(
            request, session=session, grid=grid, forms=build_row_forms(grid.rows, session=session)
        )
    # Bound: the token the page was loaded with goes on until the grid is saved or shown
    # fresh, so a save after "mark all present" or a refused save is still checked.
    grid_form = AttendanceGridForm(request.POST)
    if request.POST.get("action") == MARK_ALL_PRESENT:
        # A suggestion only: nothing is saved until the teacher presses "Lagre oppmøte".
        forms = build_row_forms(grid.rows, session=session, all_present=True)
        return _render(
            request, session=session, grid=grid, forms=forms, grid_form=grid_form, prefilled=True
        )

    forms = build_row_forms(grid.rows, session=session, data=request.POST)
    valid = [form.is_valid() for form in forms]  # every row, so each shows its own message
    if not all(valid) or not grid_form.is_valid():
        return _render(request, session=session, grid=grid, forms=forms, grid_form=grid_form)
    try:
        attendance_record_session(
            by=request.user,
            session=session,
            rows=[
                (form.row.enrolment, form.cleaned_data["status"], form.cleaned_data["hours"])
                for form in forms
            ],
            edit_token=grid_form.cleaned_data["edit_token"],
        )
    except ValidationError as error:
        # A save from an older version: shown again with the teacher's input and the token
        # of the records as they are now, so saving again on purpose works.
        grid_form.renew_edit_token(error)
        return _render(
            request,
            session=session,
            grid=grid,
            forms=forms,
            grid_form=grid_form,
            service_errors=error.messages,
        )
    saved = _("Oppmøtet er lagret.")
    if not request.htmx:
        messages.success(request, saved)
        return redirect("session_attendance", pk=session.pk)
    grid = session_attendance_grid(session=session, viewer=request)
    forms = build_row_forms(grid.rows, session=session)
    return _render(request, session=session, grid=grid, forms=forms, saved_message=saved)
