"""The attendance grid for one session: everyone on one screen, saved in one POST."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from brobygger.accesslog.services import record_access_many
from brobygger.accounts.models import Role
from brobygger.attendance.forms import (
    AttendanceGridForm,
    AttendanceMatrixForm,
    AttendanceRowForm,
    MatrixTermForm,
    build_row_forms,
)
from brobygger.attendance.matrix import (
    AttendanceMatrix,
    cohort_attendance_matrix,
    default_term,
    matrix_token,
    session_tokens,
    term_for,
)
from brobygger.attendance.rules import attendance_closed_reason
from brobygger.attendance.selectors import SessionGrid, session_attendance_grid
from brobygger.attendance.services import (
    MatrixSaveRefused,
    attendance_record_matrix,
    attendance_record_session,
    attendance_token,
)
from brobygger.core.access import roles
from brobygger.core.concurrency import StaleEdit, renew_hidden
from brobygger.core.formatting import format_day
from brobygger.programmes.access import cohort_for_user, session_for_user
from brobygger.programmes.models import Cohort, Session

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
        % {"date": format_day(session.date)},
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
                if not form.row.not_started  # held before their start: "ikke startet"
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


# The cohort attendance matrix: participants × sessions for a term, saved in one POST.


def _render_matrix(
    request: HttpRequest,
    *,
    cohort: Cohort,
    term_form: MatrixTermForm,
    matrix: AttendanceMatrix,
    form: AttendanceMatrixForm,
    **extra: Any,
) -> HttpResponse:
    previous = term_for(matrix.start - dt.timedelta(days=1))
    following = term_for(matrix.end + dt.timedelta(days=1))
    context = {
        "cohort": cohort,
        "matrix": matrix,
        "term_form": term_form,
        "form": form,
        "table": form.grid(),
        "form_errors": form.error_summary,
        "previous": previous if previous[1] >= cohort.start_date else None,
        "following": following if following[0] <= cohort.end_date else None,
        **extra,
    }
    response = render(request, "attendance/cohort_attendance.html", context)
    # Attendance and (excused or not) absence of each person shown: one read-log entry per
    # participant on the matrix, in one INSERT, as the grid does (ADR 0009, amendment 1).
    record_access_many(
        request,
        [row.enrolment.participant for row in matrix.rows],
        shown=_("Oppmøtematrise for %(cohort)s %(start)s–%(end)s: oppmøte og fravær")
        % {
            "cohort": cohort.name,
            "start": format_day(matrix.start),
            "end": format_day(matrix.end),
        },
        organisation_id=cohort.version.programme.organisation_id,
    )
    return response


@roles(Role.COORDINATOR, Role.TEACHER)
@require_http_methods(["GET", "POST"])
def cohort_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk, teaching=True)
    today = timezone.localdate()
    term_form = MatrixTermForm(
        request.GET or None, default=default_term(cohort=cohort, today=today)
    )
    start, end = term_form.term()
    matrix = cohort_attendance_matrix(
        cohort=cohort, start=start, end=end, viewer=request, today=today
    )
    if request.method == "GET":
        form = AttendanceMatrixForm(matrix=matrix, initial={"edit_token": matrix_token(matrix)})
        return _render_matrix(request, cohort=cohort, term_form=term_form, matrix=matrix, form=form)
    # Bound: the token the page was loaded with goes on until the matrix is saved, so a
    # corrected save is still checked against what the teacher first saw.
    form = AttendanceMatrixForm(request.POST, matrix=matrix)
    if not form.is_valid():
        return _render_matrix(request, cohort=cohort, term_form=term_form, matrix=matrix, form=form)
    try:
        saved = attendance_record_matrix(
            by=request.user,
            sessions=form.changes(),
            edit_tokens=session_tokens(form.cleaned_data["edit_token"], matrix),
        )
    except MatrixSaveRefused as error:
        if error.stale:
            # Shown again with the teacher's input and the token of the records as they are
            # now (read above, after the other save), so saving again on purpose works.
            renew_hidden(form, StaleEdit("", code="stale", fresh_token=matrix_token(matrix)))
        return _render_matrix(
            request,
            cohort=cohort,
            term_form=term_form,
            matrix=matrix,
            form=form,
            service_errors=error.messages,
        )
    messages.success(
        request,
        ngettext(
            "Oppmøtet er lagret (%(n)s registrering).",
            "Oppmøtet er lagret (%(n)s registreringer).",
            len(saved),
        )
        % {"n": len(saved)},
    )
    return redirect(request.get_full_path())
