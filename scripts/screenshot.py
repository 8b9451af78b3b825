"""Screenshot pages of a running Brobygger as a given user, in Debian's Chromium.

    .venv/bin/python scripts/screenshot.py koordinator /kull/ /meg/ --out var/shots

Logs in with the demo password unless --password is given. For looking at what we built.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("username")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default="brobygger-demo")
    parser.add_argument("--out", default="var/shots")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        page.on("console", lambda m: print("console:", m.text) if m.type == "error" else None)
        page.goto(args.base + "/konto/login/")
        page.fill("input[name=login]", args.username)
        page.fill("input[name=password]", args.password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        for path in args.paths:
            page.goto(args.base + path)
            name = re.sub(r"[^a-z0-9]+", "_", f"{args.username}{path}".lower()).strip("_")
            target = out / f"{name}_{args.width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target, page.title())
        browser.close()


if __name__ == "__main__":
    main()
