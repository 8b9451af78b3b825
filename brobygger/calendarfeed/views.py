"""The participant's timetable page, their calendar feed address, and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from brobygger.accounts.models import Role
from brobygger.calendarfeed import selectors, services
from brobygger.calendarfeed.ical import timetable_calendar
from brobygger.core.access import public, roles


def _page(request: HttpRequest, *, issued: services.IssuedFeed | None = None) -> HttpResponse:
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[issued.token]))
        if issued is not None
        else ""
    )
    context = {
        "sessions": selectors.upcoming_sessions(request, today=timezone.localdate()),
        "feed": issued.feed if issued is not None else selectors.live_feed(request.user),
        "feed_url": feed_url,
        "webcal_url": feed_url.replace("https://", "webcal://", 1).replace(
            "http://", "webcal://", 1
        ),
    }
    return render(request, "calendarfeed/my_timetable.html", context)


@roles(Role.PARTICIPANT)
@require_GET
def my_timetable(request: HttpRequest) -> HttpResponse:
    return _page(request)


@roles(Role.PARTICIPANT)
@require_POST
def my_calendar_feed_create(request: HttpRequest) -> HttpResponse:
    """Make a feed address (or a new one: the old stops working) and show it this once."""
    try:
        issued = services.calendar_feed_create(by=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("my_timetable")
    return _page(request, issued=issued)


@roles(Role.PARTICIPANT)
@require_POST
def my_calendar_feed_revoke(request: HttpRequest) -> HttpResponse:
    if services.calendar_feed_revoke(by=request.user):  # type: ignore[arg-type]
        messages.success(request, _("Kalenderlenken er slettet. Den virker ikke lenger."))
    return redirect("my_timetable")


@public
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed address a calendar app subscribes to: no login, the token is the key.
    Unknown or revoked: 404, the same answer for both."""
    feed = selectors.feed_for_token(token)
    if feed is None:
        raise Http404
    body = timetable_calendar(selectors.timetable_sessions(feed.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="timeplan.ics"'
    return response
