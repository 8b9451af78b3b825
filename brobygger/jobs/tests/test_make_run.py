"""`make run` starts a job worker beside the web server, with no configuration, and stops it
when the server exits (checked by hand with Ctrl-C and a port in use; here, the recipe)."""

from __future__ import annotations

from brobygger.core.tests.test_demo_mode import run_recipe


def test_make_run_starts_a_worker_in_the_background_and_kills_it_on_exit():
    recipe = "\n".join(run_recipe())
    worker = recipe.index("manage.py run_worker")
    server = recipe.index("manage.py runserver")
    assert worker < server
    assert recipe[worker:server].count("&") == 1, "the worker runs in the background"
    assert "trap 'kill $$w" in recipe and "EXIT" in recipe
    assert "--no-reload" in recipe[worker:server]
