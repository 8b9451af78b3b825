"""The kinds of notification: who gets each, what it says and how it is delivered by default.

E-mail is not a secure channel: a message says how many things wait and links to the page, never
whom they concern or anything about a person's health, attendance or benefits. The count is the
only variable part of a message, so no kind can leak a name (tests/test_mail_content.py renders
every kind and checks).

The codes are shared with the reminder derivations (reminders/base.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("Straks")
    DIGEST = "digest", _("Daglig sammendrag")
    IN_APP = "in_app", _("Bare i appen")


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise  # on the preferences page
    roles: tuple[str, ...]  # accounts.Role values it is for; () for everyone
    message: Callable[[int], str]  # "Du har 3 timelister som venter på godkjenning"
    default_channel: str = Channel.DIGEST
    mandatory: bool = False  # cannot be turned off; always e-mailed at once

    def text(self, count: int) -> str:
        return self.message(count)

    def is_for(self, user_roles: set[str]) -> bool:
        return not self.roles or bool(set(self.roles) & user_roles)


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            "timesheets_waiting",
            _("Timelister som venter på godkjenning"),
            ("supervisor",),
            lambda n: (
                ngettext(
                    "Du har %(count)s timeliste som venter på godkjenning",
                    "Du har %(count)s timelister som venter på godkjenning",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "timesheet_missing",
            _("Timeliste som ikke er levert"),
            ("participant",),
            lambda n: (
                ngettext(
                    "Du har %(count)s timeliste som ikke er levert",
                    "Du har %(count)s timelister som ikke er levert",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "assessment_ready",
            _("Tilbakemelding på innlevering"),
            ("participant",),
            lambda n: (
                ngettext(
                    "Du har fått %(count)s ny tilbakemelding på innleveringer",
                    "Du har fått %(count)s nye tilbakemeldinger på innleveringer",
                    n,
                )
                % {"count": n}
            ),
            default_channel=Channel.IMMEDIATE,
        ),
        Kind(
            "attendance_not_taken",
            _("Oppmøte som ikke er registrert"),
            ("teacher",),
            lambda n: (
                ngettext(
                    "Du har %(count)s samling uten registrert oppmøte",
                    "Du har %(count)s samlinger uten registrert oppmøte",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "assignments_waiting",
            _("Innleveringer som venter på vurdering"),
            ("coordinator",),
            lambda n: (
                ngettext(
                    "Du har %(count)s innlevering som venter på vurdering",
                    "Du har %(count)s innleveringer som venter på vurdering",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "followups_due",
            _("Oppfølginger som skal gjøres"),
            ("coordinator",),
            lambda n: (
                ngettext(
                    "Du har %(count)s oppfølging som skal gjøres",
                    "Du har %(count)s oppfølginger som skal gjøres",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "absence_warning",
            _("Varsler om fravær"),
            ("coordinator",),
            lambda n: (
                ngettext(
                    "Du har %(count)s nytt varsel om fravær",
                    "Du har %(count)s nye varsler om fravær",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "applications_unanswered",
            _("Søknader som ikke er besvart"),
            ("coordinator",),
            lambda n: (
                ngettext(
                    "Du har %(count)s søknad som ikke er besvart",
                    "Du har %(count)s søknader som ikke er besvart",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "contact_message",
            _("Nye henvendelser"),
            ("county_coordinator",),
            lambda n: (
                ngettext(
                    "Du har %(count)s ny henvendelse",
                    "Du har %(count)s nye henvendelser",
                    n,
                )
                % {"count": n}
            ),
            default_channel=Channel.IMMEDIATE,
        ),
        Kind(
            "refund_period_ready",
            _("Refusjonsperioder som kan sendes"),
            ("caseworker",),
            lambda n: (
                ngettext(
                    "Du har %(count)s refusjonsperiode som er klar",
                    "Du har %(count)s refusjonsperioder som er klare",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "agreement_ending",
            _("Avtaler som snart slutter"),
            ("caseworker",),
            lambda n: (
                ngettext(
                    "Du har %(count)s avtale som snart slutter",
                    "Du har %(count)s avtaler som snart slutter",
                    n,
                )
                % {"count": n}
            ),
        ),
        Kind(
            "account_security",
            _("Endringer i innlogging og sikkerhet"),
            (),
            lambda n: (
                ngettext(
                    "Det er gjort %(count)s endring i innloggingen din",
                    "Det er gjort %(count)s endringer i innloggingen din",
                    n,
                )
                % {"count": n}
            ),
            default_channel=Channel.IMMEDIATE,
            mandatory=True,
        ),
    )
}

ACCOUNT_SECURITY = "account_security"


def kind_for(code: str) -> Kind:
    """The registered kind; KeyError for an unknown code (a programming error)."""
    return KINDS[code]
