"""Running one pass over a file: the dry run and the real run are the same code.

Every row is written through the services inside ONE transaction, each row in its own savepoint
(so a refused row undoes only itself and the next rows see the file as far as it got: a cohort
made on line 3 exists for line 9). At the end:
- dry run: the transaction is rolled back, always. The per-row outcome is what the real run
  would do, because it is what the services did.
- real run: rolled back if any row was refused (all or nothing), else committed together with
  the run's results and the deletion of the file's bytes.
Every audit row written carries the run's tag as its request id (ImportRun.audit_tag), and its
actor is the importing user: the import run row itself (audited on upload) names the file.

Progress is reported outside the database (progress.py): the transaction holds the rows, and
on SQLite the write lock, until the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import current_request_id
from brobygger.imports.kinds import KINDS
from brobygger.imports.kinds.base import Context, Kind, Outcome, RowResult, cell_message
from brobygger.imports.models import ImportRun, RunStatus
from brobygger.imports.reading import CellError, FileRefused, Table, read_table
from brobygger.programmes.models import Programme

# The progress file is rewritten every this many rows (fewer for a small file).
PROGRESS_EVERY = 25


@dataclass
class PassResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    file_error: str = ""

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row["outcome"] == outcome)

    @property
    def refused(self) -> int:
        return self.count(Outcome.REFUSE) + (1 if self.file_error else 0)


def check_columns(kind: Kind, table: Table) -> None:
    known = set(kind.column_names())
    missing = [name for name in kind.required_columns() if name not in table.headers]
    if missing:
        raise FileRefused(
            _("Kolonnen «%(column)s» mangler på første linje. Last ned malen for «%(kind)s».")
            % {"column": missing[0], "kind": kind.label}
        )
    unknown = [name for name in table.headers if name not in known]
    if unknown:
        raise FileRefused(
            _("Ukjent kolonne «%(column)s». Kolonnene for «%(kind)s» er: %(known)s.")
            % {"column": unknown[0][:60], "kind": kind.label, "known": ", ".join(known)}
        )
    if not table.rows:
        raise FileRefused(_("Filen har ingen rader under kolonnenavnene."))


def load(run: ImportRun) -> tuple[Kind, Table]:
    """The kind and the file's rows, or FileRefused."""
    kind = KINDS[run.kind]
    table = read_table(run.file_name, bytes(run.content))
    check_columns(kind, table)
    return kind, table


def _validation_messages(kind: Kind, error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        column = kind.column_for(name)
        for message in errors:
            messages.append(
                _("Kolonne «%(column)s»: %(message)s") % {"column": column, "message": message}
                if column
                else message
            )
    return messages


def _one_row(
    kind: Kind, ctx: Context, line: int, row: dict[str, Any], seen: dict[Any, int]
) -> RowResult:
    key = kind.key(row)
    if key is not None and key in seen:
        return RowResult(
            Outcome.REFUSE,
            [_("Står to ganger i filen: samme som rad %(line)s.") % {"line": seen[key]}],
        )
    if key is not None:
        seen[key] = line
    mark = len(ctx.undo)
    try:
        with transaction.atomic():
            return kind.apply(ctx, row)
    except CellError as error:
        ctx.roll_back(since=mark)
        return RowResult(Outcome.REFUSE, [cell_message(error)])
    except ValidationError as error:
        ctx.roll_back(since=mark)
        return RowResult(Outcome.REFUSE, _validation_messages(kind, error))
    except IntegrityError:
        ctx.roll_back(since=mark)
        return RowResult(
            Outcome.REFUSE,
            [_("Raden strider mot noe som finnes fra før (lagret samtidig av noen andre?).")],
        )


def run_pass(
    run: ImportRun,
    *,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
) -> PassResult:
    """One pass over the run's file (see the module's docstring). Records the outcome on `run`
    (committed with the data for a successful real run, after the rollback otherwise)."""
    result = PassResult()
    try:
        kind, table = load(run)
    except FileRefused as refused:
        result.file_error = refused.message
        _record(run, result, dry_run=dry_run, total=0)
        return result
    ctx = Context(programme=run.programme, by=run.uploaded_by, today=timezone.localdate(), cache={})
    total = len(table.rows)
    every = max(1, min(PROGRESS_EVERY, total // 50))
    token = current_request_id.set(run.audit_tag)
    kept = False
    try:
        with transaction.atomic():
            # One import per programme at a time: the second waits here.
            Programme.objects.select_for_update().filter(pk=run.programme_id).first()
            seen: dict[Any, int] = {}
            for index, (line, row) in enumerate(table.rows, start=1):
                outcome = _one_row(kind, ctx, line, row, seen)
                result.rows.append(
                    {"line": line, "outcome": outcome.outcome, "messages": outcome.messages}
                )
                if progress is not None and (index % every == 0 or index == total):
                    progress(index, total)
            if dry_run or result.refused:
                transaction.set_rollback(True)
            else:
                _record(run, result, dry_run=False, total=total)
                kept = True
        if kept:  # committed: what the rows stored outside the database stays with them
            ctx.undo.clear()
            return result
    finally:
        current_request_id.reset(token)
        ctx.roll_back()  # rolled back, or failed on the way
    _record(run, result, dry_run=dry_run, total=total)
    return result


def _record(run: ImportRun, result: PassResult, *, dry_run: bool, total: int) -> None:
    run.total_rows = total
    run.created = result.count(Outcome.CREATE)
    run.changed = result.count(Outcome.CHANGE)
    run.unchanged = result.count(Outcome.UNCHANGED)
    run.refused = result.count(Outcome.REFUSE)
    run.report = result.rows
    run.file_error = result.file_error
    fields = [
        "total_rows",
        "created",
        "changed",
        "unchanged",
        "refused",
        "report",
        "file_error",
        "status",
        "finished_at",
    ]
    if dry_run:
        run.status = RunStatus.CHECKED
        if result.file_error:
            run.content = b""  # nothing more can be done with it
            fields.append("content")
    else:
        run.status = RunStatus.REFUSED if result.refused else RunStatus.DONE
        run.content = b""  # the file holds personal data: gone once it has been used
        fields.append("content")
    run.finished_at = timezone.now()
    run.save(update_fields=fields)
