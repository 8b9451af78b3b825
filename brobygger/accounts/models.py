"""Users and the roles they hold in organisations.

A user can hold several roles in several organisations; every permission check asks
which (role, organisation) pairs the user holds *now*, so removing a role takes effect on
the very next request, and a membership ending from a date (`ends_on`) stops giving access that
day (`Membership.objects.active()`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Programkoordinator")
    TEACHER = "teacher", _("Underviser")
    SUPERVISOR = "supervisor", _("Praksisveileder")
    CASEWORKER = "caseworker", _("NAV-veileder")
    COUNTY_COORDINATOR = "county_coordinator", _("Fylkeskoordinator")
    EMPLOYER = "employer", _("Arbeidsgiver")
    PARTICIPANT = "participant", _("Deltaker")
    ANALYST = "analyst", _("Analytiker")
    ADMIN = "admin", _("Administrator")


STAFF_ROLES = frozenset(Role) - {Role.PARTICIPANT}


class User(AbstractUser):
    """Login identity. Personal data about participants lives on enrolments.Participant."""

    # Part of the session auth hash: bumping it (logout, deactivation) ends every session of
    # this user on its next request, as a password change already does (ADR 0007).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)
    # The interface language chosen in the header; blank: the browser's or the cookie's.
    language = models.CharField(
        _("språk"), max_length=8, blank=True, choices=settings.LANGUAGES, default=""
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def _session_hash(self, *, secret: str | bytes | None) -> str:
        return salted_hmac(
            "brobygger.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def active_membership_q(*, on: dt.date | None = None, prefix: str = "") -> models.Q:
    """Memberships held on `on` (default: today, Europe/Oslo): not ended on or before that day.
    `prefix` reaches them through a relation, e.g. `prefix="memberships__"` from a User."""
    day = on or timezone.localdate()
    return models.Q(**{f"{prefix}ends_on__isnull": True}) | models.Q(
        **{f"{prefix}ends_on__gt": day}
    )


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, *, on: dt.date | None = None) -> MembershipQuerySet:
        """Only the memberships that give access on `on` (default today): every permission
        check reads memberships through this."""
        return self.filter(active_membership_q(on=on))


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # The first day the role no longer gives access (Europe/Oslo). Set through
    # organisations.services; an ended row is kept (it says who held what, and until when).
    ends_on = models.DateField(_("avsluttet fra"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.ends_on is None or self.ends_on > day
