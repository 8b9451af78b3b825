"""The invitation a visitor is about to accept, kept in their session between pages.

The link `/invitasjon/<code>/` puts the code's invitation here and redirects to a clean URL,
so the code is not left in the address bar, the browser history or a proxy's log. The login
pages of the identity providers read it back when the person returns.
"""

from __future__ import annotations

from django.http import HttpRequest

from brobygger.invitations.models import Invitation

KEY = "brobygger_invitation"


def remember(request: HttpRequest, invitation: Invitation, *, via_link: bool) -> None:
    request.session[KEY] = {"id": invitation.pk, "via_link": via_link}


def pending(request: HttpRequest) -> tuple[Invitation | None, bool]:
    """(invitation, came through the e-mailed link); the invitation may no longer be pending."""
    data = request.session.get(KEY)
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None, False
    invitation = (
        Invitation.objects.select_related("organisation", "participant", "user")
        .filter(pk=int(data["id"]))
        .first()
    )
    return invitation, bool(data.get("via_link"))


def forget(request: HttpRequest) -> None:
    request.session.pop(KEY, None)
