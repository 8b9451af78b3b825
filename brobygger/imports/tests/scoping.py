"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

from brobygger.imports.synthetic import to_csv


def _run(personas):  # type: ignore[no-untyped-def]
    from brobygger.imports.services import import_upload
    from brobygger.imports.tests.helpers import COHORT_HEADERS

    content = to_csv(COHORT_HEADERS, [["Kull 2019", "2024", "19.08.2019", "19.06.2020", "17", ""]])
    return import_upload(
        by=personas.coordinator,
        programme=personas.version.programme,
        kind="kull",
        file_name="kull.csv",
        content=content,
    )


OBJECTS = {
    "import_page": lambda personas: personas.version.programme,
    "import_run": _run,
    "import_run_progress": _run,
    "import_run_start": _run,
}

# Import pages show counts, line numbers and reasons, never one participant's data.
ACCESS_LOG = {"import_page": 0, "import_run": 0, "import_run_progress": 0, "import_run_start": 0}
