"""`make run` runs the demo without DEBUG: a 404 is the app's Norwegian page (Django's debug 404
lists every URL pattern, its 500 shows the settings), and whitenoise still serves the static
files, straight from the source folders (no collectstatic). Run in a subprocess with the
environment `make run` gives: settings are read once, at start-up."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from brobygger.core.tests.test_deploy_check import ROOT, SET_BY_TESTS

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
missing = client.get("/finnes-ikke/")
css = client.get("/static/css/app.css")
print(json.dumps({
    "debug": settings.DEBUG,
    "missing": [missing.status_code, missing.content.decode()],
    "css": [css.status_code, css["Content-Type"], b"".join(css.streaming_content).decode()[:200]],
}))
"""


def run_recipe() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "Makefile has no run target"
    return recipe.group(1).splitlines()


def test_make_run_asks_for_demo_mode_and_not_for_debug():
    lines = run_recipe()
    assert lines and all("BROBYGGER_DEMO=1" in line for line in lines)
    assert not any("DJANGO_DEBUG" in line for line in lines)


def test_the_demo_without_debug_shows_the_norwegian_404_and_serves_static_files(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SET_BY_TESTS}
    for name in ("DJANGO_SECRET_KEY", "BROBYGGER_MFA_KEY", "DJANGO_EMAIL_BACKEND", "DJANGO_SECURE"):
        env.pop(name, None)  # the demo needs none of them
    env.update(
        BROBYGGER_DEMO="1",
        DJANGO_SETTINGS_MODULE="brobygger.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])

    assert probe["debug"] is False
    status, page = probe["missing"]
    assert status == 404
    assert "Siden finnes ikke, eller du har ikke tilgang til den." in page
    assert "URLconf" not in page and "URL patterns" not in page and "Django" not in page
    status, content_type, css = probe["css"]
    assert status == 200 and content_type.startswith("text/css")
    source = (ROOT / "brobygger" / "static" / "css" / "app.css").read_text(encoding="utf-8")
    assert css == source[:200]
