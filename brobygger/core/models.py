"""Append-only audit trail: every write made through a service leaves one row here.

Rows are never changed or deleted: `AppendOnlyModel` refuses in the app, database triggers
refuse raw SQL (see core/appendonly.py and ADR 0008). Each row is hash-chained to the one
before it, and `manage.py verify_audit` checks the chain (core/chain.py, ADR 0013).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from brobygger.core.appendonly import AppendOnlyModel
from brobygger.core.chain import ChainDigestField, ChainHashField, ChainSeqField


class AuditEvent(AppendOnlyModel):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Roles and organisations the actor held when acting, e.g. "coordinator@12, teacher@12".
    actor_roles = models.CharField(max_length=500, blank=True)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    # The organisation that owns the object, when there is one (for scoping audit reads).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # {"field": [old, new], ...}; values are JSON-friendly strings.
    changes = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # Hash chain (core/chain.py, ADR 0013): digest by the app, the rest by the database.
    digest = ChainDigestField()
    chain_seq = ChainSeqField()
    prev_hash = ChainHashField()
    row_hash = ChainHashField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditCheck(models.Model):
    """One run of `manage.py verify_audit`: whether both log chains were intact, what was wrong,
    and where each chain ended (so the next run sees rows removed from the end)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ok = models.BooleanField()
    problem_count = models.PositiveIntegerField(default=0)
    # The first problems found, one a line (numbers and table names only).
    report = models.TextField(blank=True)
    # {"core_auditevent": [chain_seq, row_hash], ...} at the end of each chain.
    heads = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("kontroll av loggkjedene")
        verbose_name_plural = _("kontroller av loggkjedene")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {'OK' if self.ok else 'FEIL'}"
