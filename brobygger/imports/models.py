"""One import of one file: who uploaded it, for which programme and kind, how far it got, and
the per-row outcome (numbers, kinds of change and messages; never names or national ids).

The file's bytes are kept in `content` only until the real run has finished (or refused), or
STALE_AFTER after the upload when nobody started it (services.imports_discard_stale)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    CHECKING = "checking", _("Prøveimport pågår")
    CHECKED = "checked", _("Prøveimport ferdig")
    QUEUED = "queued", _("Venter på import")
    RUNNING = "running", _("Import pågår")
    DONE = "done", _("Importert")
    REFUSED = "refused", _("Avvist: ingenting ble importert")
    FAILED = "failed", _("Feilet: ingenting ble importert")


IN_PROGRESS = frozenset({RunStatus.CHECKING, RunStatus.QUEUED, RunStatus.RUNNING})


class ImportRun(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="import_runs"
    )
    kind = models.CharField(_("type"), max_length=32)
    file_name = models.CharField(_("filnavn"), max_length=200)
    content = models.BinaryField(default=b"", editable=False)
    content_sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.CHECKING
    )
    total_rows = models.PositiveIntegerField(default=0)
    # The last finished pass (the dry run, then the real run): counts and per-row outcomes.
    created = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    # [{"line": 2, "outcome": "create", "messages": ["..."]}, ...]
    report = models.JSONField(default=list, blank=True)
    # Why the whole file was refused (unreadable, wrong columns), else blank.
    file_error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def audit_tag(self) -> str:
        """The request id every audit row written by this import carries."""
        return f"import-{self.pk}"
