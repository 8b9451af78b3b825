"""A user's own notifications: the list, marking read, the header count, and preferences.

Every logged-in user may use these pages, and only for their own notifications.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from brobygger.accounts.models import Role
from brobygger.core.access import roles, user_roles
from brobygger.core.forms import add_service_errors
from brobygger.notifications import selectors, services
from brobygger.notifications.access import notification_for_user
from brobygger.notifications.forms import PreferencesForm
from brobygger.notifications.kinds import KINDS

PER_PAGE = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _page_number(request: HtmxHttpRequest) -> str:
    value = request.POST.get("side") or request.GET.get("side") or "1"
    return value if value.isdigit() else "1"


def _list(request: HtmxHttpRequest, *, partial: bool) -> HttpResponse:
    notifications = selectors.notifications_for(user=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(_page_number(request))
    unread = sum(1 for n in page.object_list if n.read_at is None)
    context = {"page": page, "unread_on_page": unread}
    template = "notifications/_partials/list.html" if partial else "notifications/list.html"
    return render(request, template, context)


def _back(request: HtmxHttpRequest) -> HttpResponse:
    if request.htmx:
        return _list(request, partial=True)
    page = _page_number(request)
    suffix = f"?side={page}" if page != "1" else ""
    return redirect(reverse("notification_list") + suffix)


@roles(*Role)
@require_GET
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    return _list(request, partial=bool(request.htmx))


@roles(*Role)
@require_GET
def notification_badge(request: HtmxHttpRequest) -> HttpResponse:
    """The unread count in the header, fetched by htmx after the page has loaded, so no page
    pays a query for it."""
    count = selectors.unread_count(user=request.user)
    return render(request, "notifications/_partials/badge.html", {"count": count})


@roles(*Role)
@require_POST
def notification_read(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    notification = notification_for_user(request, pk)
    services.notification_mark_read(by=request.user, notification=notification)
    if not request.htmx:
        messages.success(request, _("Varselet er merket som lest."))
    return _back(request)


@roles(*Role)
@require_POST
def notifications_read_all(request: HtmxHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(by=request.user)
    if not request.htmx:
        messages.success(request, _("Alle varslene er merket som lest."))
    return _back(request)


@roles(*Role)
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HtmxHttpRequest) -> HttpResponse:
    held = user_roles(request)
    kinds = [kind for kind in KINDS.values() if kind.is_for(held)]
    current = selectors.channels_for(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, kinds=kinds, current=current)
    status = 200
    if data is not None:
        if form.is_valid():
            try:
                services.preferences_save(by=request.user, choices=form.cleaned_data)
            except ValidationError as err:
                add_service_errors(form, err)
            else:
                messages.success(request, _("Varselinnstillingene er lagret."))
                return redirect("notification_preferences")
        status = 400
    context = {"form": form, "has_email": bool(request.user.email)}  # type: ignore[union-attr]
    return render(request, "notifications/preferences.html", context, status=status)
