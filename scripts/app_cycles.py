"""List the pairs of apps that import each other (ADR 0024), as grimp sees them: module-level
and function-level imports, TYPE_CHECKING ones included.

    .venv/bin/python scripts/app_cycles.py            # tests and the list benchmark left out
    .venv/bin/python scripts/app_cycles.py --tests    # tests counted too
    .venv/bin/python scripts/app_cycles.py --bench    # the benchmark files counted too
    .venv/bin/python scripts/app_cycles.py -v         # each import, with its line

`lint-imports` says whether the layers hold; this says how tangled the apps still are inside a
layer (`a : b`) and in what the contract ignores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
BENCH = ("brobygger.core.bench_", "brobygger.core.management.commands.bench_")


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else None


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("brobygger", cache_dir=None)
    for module in list(graph.modules):
        is_test = ".tests" in module or module == "brobygger.testing"
        if (is_test and "--tests" not in argv) or (
            module.startswith(BENCH) and "--bench" not in argv
        ):
            graph.remove_module(module)
    edges: dict[tuple[str, str], list[str]] = {}
    for importer in sorted(graph.modules):
        a = _app(importer)
        for imported in graph.find_modules_directly_imported_by(importer):
            b = _app(imported)
            if a and b and a != b:
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    line = f"{importer} -> {imported} (l.{detail['line_number']})"
                    edges.setdefault((a, b), []).append(line)
    pairs = sorted((a, b) for (a, b) in edges if a < b and (b, a) in edges)
    print(f"{len(pairs)} pairs of apps import each other")
    for a, b in pairs:
        print(f"  {a} <-> {b}")
        if "-v" in argv:
            for line in edges[(a, b)] + edges[(b, a)]:
                print(f"      {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
