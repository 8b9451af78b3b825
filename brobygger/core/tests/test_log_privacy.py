"""No national id number or person's name in any log line or URL of the whole test run.

`logscan` (installed by the root conftest.py) keeps every log record, every request path with
its query string, and the names of every person the tests create; this test runs last
(core/tests/conftest.py) and scans them all.
"""

import pytest
from django.urls import reverse

from brobygger.core.tests import logscan, summary


def test_the_scanner_finds_an_eleven_digit_number_and_a_name():
    assert logscan.leaks(["Not Found: /deltakere/01017012345/"], set())
    assert logscan.leaks(["GET /sok/?q=Dina+Deltakersen"], {"Dina Deltakersen"})
    assert logscan.leaks(["saved participant deltakersen"], {"Deltakersen"})
    assert not logscan.leaks(["Not Found: /deltakelser/12/"], {"Deltakersen"})
    assert not logscan.leaks(["request 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c"], set())
    # A record id can hold 11 digits in a row; a number beside it still counts.
    uuid_path = "/veiledning/ressurser/8e44aef2-de35-4ad1-a659-21121914630a/dokument/"
    assert not logscan.leaks([uuid_path], set())
    assert logscan.leaks([uuid_path + "?fnr=01017012345"], set())
    # In log lines, not in URLs (tests open the links a mail carries): addresses and links.
    for line in (
        "invitation 4: could not send to {'kari.nordmann@example.org': (550, b'nei')}",
        "GET /konto/password/reset/key/3-abc123def456/",
    ):
        assert logscan.leaks([line], set(), log_lines=True)
        assert not logscan.leaks([line], set())
    assert not logscan.leaks(["GET /konto/password/reset/ 200"], set(), log_lines=True)
    # A reset key is random and may hold 11 digits in a row (CI once met one): in a URL it is
    # a secret by design, not a national id number; a number after it still counts.
    reset_path = "/konto/password/reset/key/1h-dfyx05-233468eba82430039660a7bc09cc43ae/"
    assert not logscan.leaks([reset_path], set())
    assert logscan.leaks([reset_path + "?fnr=01017012345"], set())
    assert logscan.leaks([reset_path], set(), log_lines=True)


@pytest.fixture
def _reference_data(db):
    """Running last, this may follow a transactional test whose flush removed the counties and
    municipalities a migration loaded; put them back (idempotent) before the personas."""
    from brobygger.organisations.models import County, Municipality
    from brobygger.organisations.reference_data import load_reference_data

    load_reference_data(County, Municipality)


def test_no_log_line_or_url_of_the_run_names_a_person(_reference_data, client, personas):
    # Provoke a logged refusal so the test also proves the capture works.
    client.force_login(personas.other_coordinator)
    client.get(reverse("enrolment_detail", kwargs={"pk": personas.enrolment.pk}))
    assert any("Not Found: /deltakelser/" in line for line in logscan.LINES)
    assert "Dina Deltakersen" in logscan.NAMES
    assert any(path.startswith("/deltakelser/") for path in logscan.PATHS)

    summary.add(
        f"Log privacy scan: {len(logscan.LINES)} log lines, {len(logscan.PATHS)} request "
        f"URLs, {len(logscan.NAMES)} synthetic names"
    )
    assert logscan.leaks(logscan.LINES, logscan.NAMES, log_lines=True) == []
    assert logscan.leaks(logscan.PATHS, logscan.NAMES) == []
