"""Fetch-and-authorise for contacts. Out of scope is 404.

- county coordinator: messages sent to the counties where they hold the role (the county of
  the organisation they hold it at); losing the role takes effect on the next request;
- administrator: every directory entry (the directory is public anyway), but no messages.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from brobygger.contacts.models import ContactMessage, CountyCoordinator
from brobygger.contacts.selectors import inbox_messages


def message_for_coordinator(request: HttpRequest, pk: int) -> ContactMessage:
    message = inbox_messages(request, status="all").filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def directory_entry(pk: int) -> CountyCoordinator:
    """For administrators, who manage the whole directory."""
    entry = CountyCoordinator.objects.select_related("county", "user").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry
