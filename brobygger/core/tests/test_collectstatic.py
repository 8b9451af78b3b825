"""`collectstatic` succeeds with the production storage (whitenoise's compressed manifest), and a
production process then renders pages and serves their hashed files. A file that names one it
does not ship (a vendor script's `sourceMappingURL`) made collectstatic fail, and with no
manifest every page answered 500. Run in subprocesses: the storage is chosen at start-up."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from brobygger.core.tests.test_deploy_check import ROOT, production_env

TEMPLATE_STATIC = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")

PROBE = """
import json, re, sys
import django
django.setup()
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client

client = Client()
pages = {}
files = {}
for path in ("/konto/login/", "/finnes-ikke/"):
    response = client.get(path, secure=True)
    html = response.content.decode()
    pages[path] = {"status": response.status_code, "html": html}
    for url in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        files[url] = client.get(url, secure=True).status_code
missing = []
for name in json.loads(sys.argv[1]):
    try:
        staticfiles_storage.url(name)
    except ValueError:
        missing.append(name)
print(json.dumps({
    "debug": settings.DEBUG,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "pages": pages,
    "files": files,
    "missing": missing,
}))
"""


def template_static_names() -> list[str]:
    """Every file a template names with {% static %}: each must be in the manifest."""
    names = set()
    for template in (ROOT / "brobygger").rglob("templates/**/*.html"):
        names.update(TEMPLATE_STATIC.findall(template.read_text(encoding="utf-8")))
    return sorted(names)


def test_collectstatic_with_the_production_storage_then_pages_render_with_debug_off(tmp_path):
    env = production_env(tmp_path)
    env["DJANGO_STATIC_ROOT"] = str(tmp_path / "static")

    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    assert "vendor/chart.umd.min.js" in manifest["paths"]

    names = template_static_names()
    assert "vendor/chart.umd.min.js" in names and "css/app.css" in names
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    result = json.loads(probe.stdout.strip().splitlines()[-1])

    assert result["debug"] is False
    assert result["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert result["missing"] == []
    login, not_found = result["pages"]["/konto/login/"], result["pages"]["/finnes-ikke/"]
    assert login["status"] == 200
    assert not_found["status"] == 404
    assert "Siden finnes ikke" in not_found["html"]
    # The pages name the hashed copies, and whitenoise serves each of them.
    assert re.search(r"/static/css/app\.[0-9a-f]{12}\.css", login["html"])
    assert result["files"] and set(result["files"].values()) == {200}, result["files"]
