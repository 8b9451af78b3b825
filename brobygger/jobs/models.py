"""The job runner's own bookkeeping; the queue itself is django-tasks-db's DBTaskResult."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A running `run_worker` process, beating every JOBS_HEARTBEAT_SECONDS (also while a job
    runs). A RUNNING job whose worker has stopped beating is put back in the queue."""

    worker_id = models.CharField(_("arbeider"), max_length=64, unique=True)
    hostname = models.CharField(_("maskin"), max_length=255)
    pid = models.PositiveIntegerField(_("prosess-id"))
    started_at = models.DateTimeField(_("startet"))
    seen_at = models.DateTimeField(_("sist sett"), db_index=True)

    class Meta:
        verbose_name = _("arbeiderens livstegn")
        verbose_name_plural = _("arbeidernes livstegn")

    def __str__(self) -> str:
        return self.worker_id


class DailyRun(models.Model):
    """One daily job enqueued for one day (Europe/Oslo). The unique pair is what keeps several
    workers, and a restarted one, from enqueueing the same day twice."""

    job_name = models.CharField(_("jobb"), max_length=100)
    day = models.DateField(_("dag"))
    enqueued_at = models.DateTimeField(_("lagt i kø"), auto_now_add=True)
    # The DBTaskResult it queued (no foreign key: old results are pruned, the record stays).
    task_result_id = models.UUIDField(_("jobb-id"), null=True, blank=True)

    class Meta:
        verbose_name = _("daglig kjøring")
        verbose_name_plural = _("daglige kjøringer")
        constraints = [
            models.UniqueConstraint(fields=["job_name", "day"], name="jobs_dailyrun_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.job_name} {self.day:%Y-%m-%d}"
