"""Machine clients of the REST API (ADR 0019): one per system, owned by one organisation.

The token is stored only as its SHA-256 (core/tokens.py) and shown once, when made. A client is
never deleted or renamed: revoking it keeps the row, so audit and read-log entries keep saying
who read what.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.api.scopes import ALL_SCOPES


def validate_scopes(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Velg minst én tilgang."), code="no_scopes")
    unknown = [scope for scope in value if scope not in ALL_SCOPES]
    if unknown:
        raise ValidationError(
            _("Ukjent tilgang: %(scopes)s.") % {"scopes": ", ".join(map(str, unknown))},
            code="unknown_scope",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Samme tilgang er valgt to ganger."), code="duplicate_scope")


class ApiClient(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisasjon"),
    )
    name = models.CharField(_("navn"), max_length=100)
    scopes = models.JSONField(_("tilganger"), default=list, validators=[validate_scopes])
    # SHA-256 of the token; the token itself is never stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    # The client's own login-less user (api/actor.py): what the services' `by=` and the rows'
    # recorded_by point at when the client writes. It holds no membership and no password.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="api_client",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("API-klient")
        verbose_name_plural = _("API-klienter")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_client_unique_live_name",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | models.Q(revoked_at__isnull=False),
                name="api_client_revoked_by_needs_revoked_at",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])
