"""Diplomas: one valid diploma per confirmed completion, with a code anyone can verify on a
public page.

The diploma's figures (hours, weeks, dates) come from the frozen `completion.Completion`, so a
reprint always says the same. An invalidated diploma keeps its row and its code: the check page
says invalid. Issuing again after an invalidation makes a new diploma with a new code; the
database allows at most one valid diploma per completion.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Diploma(models.Model):
    completion = models.ForeignKey(
        "completion.Completion", on_delete=models.PROTECT, related_name="diplomas"
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
        constraints = [
            models.UniqueConstraint(
                fields=["completion"],
                condition=models.Q(invalidated_at__isnull=True),
                name="diploma_one_valid_per_completion",
            )
        ]

    def __str__(self) -> str:
        return f"Vitnemål {self.display_code}"

    @property
    def is_valid(self) -> bool:
        return self.invalidated_at is None

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
