"""The county coordinators' inbox: messages from leaders in their county."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brobygger.accounts.models import Role
from brobygger.contacts import selectors, services
from brobygger.contacts.access import message_for_coordinator
from brobygger.core.access import roles

PER_PAGE = 25


def _status(value: str | None) -> str:
    return value if value in selectors.INBOX_FILTERS else "open"


@roles(Role.COUNTY_COORDINATOR)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    status = _status(request.GET.get("status"))
    page = Paginator(selectors.inbox_messages(request, status=status), PER_PAGE).get_page(
        request.GET.get("side")
    )
    context = {
        "status": status,
        "page": page,
        "counts": selectors.inbox_counts(request),
        "filters": [
            ("open", _("Ubehandlede")),
            ("handled", _("Behandlede")),
            ("all", _("Alle")),
        ],
    }
    return render(request, "contacts/inbox.html", context)


def _back_to_inbox(request: HttpRequest) -> HttpResponse:
    query = {"status": _status(request.POST.get("status"))}
    page = request.POST.get("side", "")
    if page.isdigit():
        query["side"] = page
    return redirect(f"{reverse('contacts_inbox')}?{urlencode(query)}")


@roles(Role.COUNTY_COORDINATOR)
@require_POST
def message_handle(request: HttpRequest, pk: int) -> HttpResponse:
    message = message_for_coordinator(request, pk)
    services.contact_message_set_handled(by=request.user, message=message, handled=True)
    flash.success(request, _("Meldingen er merket som behandlet."))
    return _back_to_inbox(request)


@roles(Role.COUNTY_COORDINATOR)
@require_POST
def message_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    message = message_for_coordinator(request, pk)
    services.contact_message_set_handled(by=request.user, message=message, handled=False)
    flash.success(request, _("Meldingen er merket som ubehandlet igjen."))
    return _back_to_inbox(request)
