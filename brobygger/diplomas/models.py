"""Diplomas: one per confirmed completion, with a code anyone can verify on a public page.

The diploma's figures (hours, weeks, dates) come from the frozen `completion.Completion`, so a
reprint always says the same. An invalidated diploma keeps its row: the check page says invalid.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Diploma(models.Model):
    completion = models.OneToOneField(
        "completion.Completion", on_delete=models.PROTECT, related_name="diploma"
    )
    # 12 characters from Crockford's base32 alphabet, stored without separators.
    code = models.CharField(_("kontrollkode"), max_length=12, unique=True)
    issued_at = models.DateTimeField(_("utstedt"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invalidated_at = models.DateTimeField(_("ugyldiggjort"), null=True, blank=True)
    invalidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invalidation_reason = models.TextField(_("begrunnelse"), blank=True)

    class Meta:
        verbose_name = _("vitnemål")
        verbose_name_plural = _("vitnemål")

    def __str__(self) -> str:
        return f"Vitnemål {self.display_code}"

    @property
    def is_valid(self) -> bool:
        return self.invalidated_at is None

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
