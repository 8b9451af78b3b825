"""Programme versions, cohorts and teaching sessions. Thin views: parse, authorise, delegate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brobygger.accounts.models import Role
from brobygger.core.access import org_ids_for, roles
from brobygger.core.concurrency import edit_token
from brobygger.core.formatting import format_day, format_hours
from brobygger.core.pagination import paginate
from brobygger.core.public_holidays import holiday_name
from brobygger.programmes import panels, selectors, services
from brobygger.programmes.access import (
    cohort_for_user,
    programme_for_user,
    session_for_user,
    version_for_user,
)
from brobygger.programmes.forms import (
    CancelForm,
    CohortEditForm,
    CohortForm,
    SessionEditForm,
    SessionForm,
    SessionSeriesForm,
    TeacherSessionFilterForm,
    VersionEditForm,
    VersionForm,
    apply_errors,
)
from brobygger.programmes.models import Cohort, Session


def _d(value: Any) -> str:
    return format_day(value)


# Programmes and versions


@roles(Role.COORDINATOR)
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    programmes = selectors.programmes_with_versions(request, today=today)
    # Programmes whose history the user may import (imports.access: the owner's coordinators).
    import_orgs = org_ids_for(request, Role.COORDINATOR)
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "import_orgs": import_orgs},
    )


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_user(request, pk)
    if request.method == "POST":
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                version = services.version_create(
                    by=request.user, programme=programme, **form.service_fields()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, _("Versjon «%(name)s» er opprettet.") % {"name": version.name}
                )
                return redirect("programme_list")
    else:
        latest = selectors.latest_version(programme)
        form = VersionForm(initial=VersionForm.initial_from(latest, keep_name=False))
    return render(
        request,
        "programmes/version_form.html",
        {"form": form, "programme": programme, "version": None, "frozen": False},
    )


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_for_user(request, pk)
    frozen = selectors.version_is_frozen(version, today=timezone.localdate())
    if request.method == "POST":
        form = VersionEditForm(request.POST)
        if form.is_valid():
            try:
                version = services.version_update(
                    by=request.user,
                    version=version,
                    edit_token=form.cleaned_data["edit_token"],
                    **form.service_fields(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
                form.renew_edit_token(exc)
            else:
                messages.success(
                    request, _("Versjon «%(name)s» er lagret.") % {"name": version.name}
                )
                return redirect("programme_list")
    else:
        initial = VersionForm.initial_from(version)
        initial["edit_token"] = edit_token(version, services.VERSION_FIELDS)
        form = VersionEditForm(initial=initial)
    return render(
        request,
        "programmes/version_form.html",
        {"form": form, "programme": version.programme, "version": version, "frozen": frozen},
    )


# Cohorts


@roles(Role.COORDINATOR)
@require_GET
def cohort_list(request: HttpRequest) -> HttpResponse:
    # A page at a time (issue 16): the cohorts of many years, counted per page's cohort.
    pagination = paginate(request, selectors.cohorts_for_list(request), per_page=COHORTS_PER_PAGE)
    context = {"cohorts": pagination.page.object_list, "pagination": pagination}
    return render(request, "programmes/cohort_list.html", context)


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def cohort_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CohortForm(request.POST, user_or_request=request)
        if form.is_valid():
            try:
                cohort = services.cohort_create(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Kullet «%(name)s» er opprettet. Legg inn undervisningsøktene.")
                    % {"name": cohort.name},
                )
                return redirect("cohort_sessions", cohort.pk)
    else:
        form = CohortForm(user_or_request=request, initial={"coordinators": [request.user.pk]})
    return render(request, "programmes/cohort_form.html", {"form": form, "cohort": None})


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk)
    if request.method == "POST":
        form = CohortEditForm(request.POST, user_or_request=request)
        if form.is_valid():
            try:
                cohort = services.cohort_update(by=request.user, cohort=cohort, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
                form.renew_edit_token(exc)
            else:
                messages.success(request, _("Kullet «%(name)s» er lagret.") % {"name": cohort.name})
                return redirect("cohort_list")
    else:
        initial = CohortForm.initial_from(cohort)
        initial["edit_token"] = edit_token(cohort, services.COHORT_EDIT_FIELDS)
        form = CohortEditForm(user_or_request=request, initial=initial)
    return render(
        request,
        "programmes/cohort_form.html",
        {"form": form, "cohort": cohort, "places_taken": selectors.places_taken(cohort)},
    )


# Sessions


def _sessions_context(request: HttpRequest, cohort: Cohort, **extra: Any) -> dict[str, Any]:
    return {
        "page": selectors.cohort_sessions(cohort),
        "cohort": cohort,
        "can_manage": selectors.is_managed_by(request, cohort),
        **extra,
    }


@roles(Role.COORDINATOR, Role.TEACHER)
@require_GET
def cohort_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk, teaching=True)
    return render(request, "programmes/cohort_sessions.html", _sessions_context(request, cohort))


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk)
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(by=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("Økten %(date)s (%(hours)s timer) er lagt til.")
                % {"date": _d(session.date), "hours": format_hours(session.hours)},
            )
            return redirect("cohort_sessions", cohort.pk)
    return render(
        request, "programmes/session_form.html", {"form": form, "cohort": cohort, "session": None}
    )


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def session_series_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = cohort_for_user(request, pk)
    form = SessionSeriesForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.session_series_create(
                by=request.user, cohort=cohort, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            hours = sum((s.hours for s in created), Decimal(0))
            message = _("Opprettet %(count)s økter, %(hours)s timer.") % {
                "count": len(created),
                "hours": format_hours(hours),
            }
            if created.skipped:
                message += " " + _("Hoppet over helligdager: %(days)s.") % {
                    "days": ", ".join(f"{_d(day)} ({holiday_name(day)})" for day in created.skipped)
                }
            messages.success(request, message)
            return redirect("cohort_sessions", cohort.pk)
    return render(request, "programmes/session_series_form.html", {"form": form, "cohort": cohort})


def _session_initial(session: Session) -> dict[str, Any]:
    initial = SessionForm.initial_from(session)
    initial["edit_token"] = edit_token(session, services.SESSION_EDIT_FIELDS)
    return initial


def _render_session_edit(
    request: HttpRequest, session: Session, form: SessionForm, cancel_form: CancelForm
) -> HttpResponse:
    return render(
        request,
        "programmes/session_form.html",
        {"form": form, "cancel_form": cancel_form, "cohort": session.cohort, "session": session},
    )


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request, pk, write=True)
    form = SessionEditForm(
        request.POST or None,
        initial=_session_initial(session),
        cohort=session.cohort,
        session=session,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_update(by=request.user, session=session, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
            form.renew_edit_token(exc)
        else:
            messages.success(request, _("Økten %(date)s er lagret.") % {"date": _d(session.date)})
            return redirect("cohort_sessions", session.cohort_id)
    return _render_session_edit(request, session, form, CancelForm())


@roles(Role.COORDINATOR)
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request, pk, write=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(
                by=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    done = form.is_bound and not form.errors
    cohort = session.cohort
    if getattr(request, "htmx", False):
        # Re-render the whole section so the hour totals follow the cancellation.
        context = _sessions_context(
            request,
            cohort,
            cancel_form=None if done else form,
            cancel_for=session.pk,
            cancelled_now=session.pk if done else None,
        )
        return render(request, "programmes/_partials/sessions_section.html", context)
    if done:
        messages.success(request, _("Økten %(date)s er avlyst.") % {"date": _d(session.date)})
        return redirect("cohort_sessions", cohort.pk)
    edit_form = SessionEditForm(initial=_session_initial(session), cohort=cohort, session=session)
    return _render_session_edit(request, session, edit_form, form)


SESSIONS_PER_PAGE = 25
COHORTS_PER_PAGE = 25


@roles(Role.TEACHER)
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    """The next and latest sessions, the teacher's cohorts, and every session they teach by
    cohort and date, a page at a time (issue 13)."""
    today = timezone.localdate()
    sessions = selectors.teacher_sessions(request, today=today)
    cohorts = selectors.teacher_cohorts(request)
    query = request.GET.copy()
    page_number = query.pop("side", [None])[-1]
    form = TeacherSessionFilterForm(query or None, cohorts=cohorts)
    every = selectors.teacher_session_list(request, **form.filters())
    return render(
        request,
        "programmes/my_sessions.html",
        {
            "next_session": panels.next_session_link(
                panels.session_to_open(sessions, now=timezone.now())
            ),
            "upcoming": sessions.upcoming,
            "past": sessions.past,
            "today": today,
            "cohorts": cohorts,
            "filter_form": form,
            "page": Paginator(every, SESSIONS_PER_PAGE).get_page(page_number),
            "query": query.urlencode(),
        },
    )
