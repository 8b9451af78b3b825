"""The two pip-tools locks (Makefile `locks`): production installs requirements.lock, which holds
none of the development tools; the checkout installs requirements-dev.lock, which pins every
package the two share at the same version, so tests run on what production runs."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", re.M)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {m[1].lower().replace("_", "-"): m[2] for m in PIN.finditer(text)}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_runtime_lock_has_no_development_tool_and_agrees_with_the_dev_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    dev_only = _names(project["optional-dependencies"]["dev"]) - _names(project["dependencies"])
    assert {"pytest", "ruff", "mypy", "playwright", "hypothesis"} <= dev_only
    assert not dev_only & set(runtime), "development tools in the runtime lock"
    assert _names(project["dependencies"]) <= set(runtime)
    assert _names(project["optional-dependencies"]["dev"]) <= set(dev)
    differ = {name: (v, dev.get(name)) for name, v in runtime.items() if dev.get(name) != v}
    assert differ == {}, "the locks pin a shared package differently: run `make locks`"
