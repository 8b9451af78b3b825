"""Writes for imports: upload a file (then a dry run starts by itself), start the real run.

The passes themselves run in the background job (jobs.py) through engine.run_pass."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_record
from brobygger.imports.engine import load
from brobygger.imports.kinds import KINDS
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.reading import FileRefused
from brobygger.jobs import enqueue_on_commit

# A file uploaded and checked, but never imported, is deleted after this long.
STALE_AFTER = dt.timedelta(hours=24)


def imports_discard_stale(*, now: dt.datetime | None = None) -> int:
    """Delete the bytes of files nobody imported within STALE_AFTER; returns how many."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    return (
        ImportRun.objects.filter(uploaded_at__lt=cutoff, status=RunStatus.CHECKED)
        .exclude(content=b"")
        .update(content=b"")
    )


@transaction.atomic
def import_upload(
    *, by: Any, programme: Any, kind: str, file_name: str, content: bytes, enqueue: bool = True
) -> ImportRun:
    """Keep an uploaded file for a dry run, which is queued at once (`enqueue=False`: the
    caller runs it, as `manage.py import_file` does). A file that cannot be read or has the
    wrong columns is refused here, with the reason next to the file field."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("Velg hva filen inneholder.")})
    file_name = (file_name or "").replace("\\", "/").rsplit("/", 1)[-1][:200] or "fil"
    run = ImportRun(
        programme=programme,
        kind=kind,
        file_name=file_name,
        content=content,
        content_sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=by,
        status=RunStatus.CHECKING,
    )
    try:
        _kind, table = load(run)
    except FileRefused as refused:
        raise ValidationError({"file": refused.message}, code="file_refused") from refused
    run.total_rows = len(table.rows)
    run.full_clean(exclude=["content"])
    imports_discard_stale()
    run.save()
    audit_record(
        by=by,
        action="import_upload",
        obj=run,
        organisation=programme.organisation,
        changes={
            "programme": [None, programme.pk],
            "kind": [None, kind],
            "file_name": [None, file_name],
            "content_sha256": [None, run.content_sha256],
            "total_rows": [None, run.total_rows],
        },
    )
    if enqueue:
        from brobygger.imports.jobs import import_pass

        enqueue_on_commit(import_pass, run.pk, dry_run=True)
    return run


@transaction.atomic
def import_start(*, by: Any, run: ImportRun, enqueue: bool = True) -> ImportRun:
    """Queue the real run of a file whose dry run refused nothing. Only the person who uploaded
    it starts it: every row will be recorded as written by them."""
    run = (
        ImportRun.objects.select_for_update(of=("self",)).select_related("programme").get(pk=run.pk)
    )
    if run.uploaded_by_id != by.pk:
        raise ValidationError(_("Bare den som lastet opp filen, kan starte importen."))
    if run.status != RunStatus.CHECKED or run.file_error or not bytes(run.content):
        raise ValidationError(
            _("Importen kan ikke startes nå: last opp filen på nytt."), code="not_ready"
        )
    if run.refused:
        raise ValidationError(
            _("Prøveimporten avviste %(count)s rader. Rett filen og last den opp på nytt.")
            % {"count": run.refused},
            code="has_refusals",
        )
    run.status = RunStatus.QUEUED
    run.save(update_fields=["status"])
    audit_record(
        by=by,
        action="import_start",
        obj=run,
        organisation=run.programme.organisation,
        changes={"status": [RunStatus.CHECKED, RunStatus.QUEUED]},
    )
    if enqueue:
        from brobygger.imports.jobs import import_pass

        enqueue_on_commit(import_pass, run.pk, dry_run=False)
    return run
