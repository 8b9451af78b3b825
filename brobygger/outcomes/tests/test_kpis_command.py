"""`manage.py kpis --json`: the same figures as the dashboard, for the same user and filters."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from brobygger.outcomes.tests.helpers import add_people


def kpis(*args):
    out = StringIO()
    call_command("kpis", *args, stdout=out)
    return out.getvalue()


def as_json(figures):
    return json.loads(json.dumps(figures.as_dict()))


@pytest.mark.parametrize(
    ("role", "params", "args"),
    [
        ("coordinator", {}, []),
        (
            "coordinator",
            {"fra_ar": "2026", "fylke": "46"},
            ["--year-from", "2026", "--county", "46"],
        ),
        ("analyst", {}, []),
        ("analyst", {"kommune": "4601"}, ["--municipality", "4601"]),
        ("county_coordinator", {"til_ar": "2026"}, ["--year-to", "2026"]),
    ],
)
def test_it_prints_exactly_what_the_dashboard_shows(client, personas, role, params, args):
    add_people(personas.cohort, 6)
    user = getattr(personas, role)
    client.force_login(user)
    page = client.get("/resultater/", params).context["figures"]

    printed = json.loads(kpis("--json", "--as-user", user.username, *args))

    assert printed == as_json(page)


def test_the_programme_filter_and_the_scope_choice(client, personas):
    add_people(personas.cohort, 3)
    programme = str(personas.version.programme_id)
    client.force_login(personas.coordinator)
    page = client.get("/resultater/", {"program": programme}).context["figures"]

    printed = json.loads(kpis("--json", "--as-user", "koordinator", "--programme", programme))

    assert printed == as_json(page)
    assert printed["kpis"][3] == {
        "key": "completed", "label": "Fullført", "kind": "count", "value": 3, "display": "3",
        "hidden": False,
    }  # fmt: skip


def test_without_a_user_it_shows_the_country_suppressed(personas):
    add_people(personas.cohort, 6)

    printed = json.loads(kpis("--json"))

    assert printed["scope"] == {"key": "nasjonalt", "label": "Hele landet", "suppressed": True}
    municipalities = printed["tables"]["kommune"]["rows"]
    known = [row for row in municipalities if row["label"] != "Ukjent bostedskommune"]
    assert {row["cells"][3]["display"] for row in known} <= {"<5", "x"}
    assert all(row["cells"][3]["value"] is None for row in known)


def test_plain_output_lists_the_key_figures(personas):
    add_people(personas.cohort, 2)

    text = kpis("--as-user", "koordinator")

    assert "Dine program" in text
    assert "Fullført: 2" in text
    assert "Fullføringsgrad: 50 %" in text


def test_unknown_users_bad_filters_and_users_without_figures_are_errors(personas):
    with pytest.raises(CommandError, match="Ingen aktiv bruker"):
        kpis("--as-user", "finnes-ikke")
    with pytest.raises(CommandError, match="Til-året kan ikke være før fra-året"):
        kpis("--year-from", "2027", "--year-to", "2025")
    with pytest.raises(CommandError, match="ingen tilgang"):
        kpis("--as-user", personas.teacher.username)
