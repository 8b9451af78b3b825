"""`manage.py bench_outcomes`: generates a synthetic history, times every page, rolls back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from brobygger.enrolments.models import Enrolment, Participant


def test_it_times_every_page_for_every_scope_and_leaves_nothing_behind(db):
    out = StringIO()
    before = Participant.objects.count()

    call_command("bench_outcomes", participants=120, repeat=1, stdout=out)

    text = out.getvalue()
    assert "Generated 120 enrolments" in text
    for scope in ("coordinator", "county coordinator", "analyst"):
        for page in ("dashboard", "breakdown kommune", "export alle.xlsx"):
            assert any(line.startswith(scope) and page in line for line in text.splitlines())
    assert "annual report pdf" in text
    # Before and after issue 12, e.g. "national   412   30.1%   2.2%   40".
    national = next(line for line in text.splitlines() if line.startswith("national"))
    cells, old_share, new_share, _ms = national.split()[1:]
    assert int(cells) > 0 and old_share.endswith("%") and new_share.endswith("%")
    assert "Rolled back" in text
    assert Participant.objects.count() == before
    assert not Enrolment.objects.filter(participant__last_name__startswith="Person ").exists()


def test_it_refuses_a_database_that_is_not_a_scratch_one(db, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "brobygger_prod")

    with pytest.raises(CommandError, match="scratch database"):
        call_command("bench_outcomes", participants=10, stdout=StringIO())
