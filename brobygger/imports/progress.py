"""How far a running pass has come, kept outside the database: the pass holds its rows in one
open transaction (and on SQLite the write lock) until it ends, so the page polls a small file
on the private storage instead (shared by the web and the workers, like uploaded assignments)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.files.storage import storages


def _path(run_id: int) -> Path:
    folder = Path(storages["private"].path("import-progress"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{int(run_id)}.json"


def progress_write(run_id: int, done: int, total: int) -> None:
    path = _path(run_id)
    spare = path.with_suffix(".tmp")
    spare.write_text(json.dumps({"done": done, "total": total}))
    os.replace(spare, path)  # readers see the old figures or the new, never half a file


def progress_read(run_id: int) -> tuple[int, int] | None:
    try:
        data = json.loads(_path(run_id).read_text())
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def progress_clear(run_id: int) -> None:
    _path(run_id).unlink(missing_ok=True)
