"""deploy/gunicorn.conf.py: read from the environment, JSON logs through our formatter, the
access log off on request, no control socket."""

import logging.config
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"


def load(monkeypatch, **env) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_workers_bind_and_timeouts_come_from_the_environment(monkeypatch):
    conf = load(
        monkeypatch,
        GUNICORN_WORKERS="3",
        GUNICORN_BIND="127.0.0.1:18001",
        GUNICORN_TIMEOUT="45",
        GUNICORN_GRACEFUL_TIMEOUT="20",
    )
    assert conf["wsgi_app"] == "brobygger.wsgi:application"
    assert conf["workers"] == 3 and conf["worker_class"] == "sync"
    assert conf["bind"] == ["127.0.0.1:18001"]
    assert conf["timeout"] == 45 and conf["graceful_timeout"] == 20
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["control_socket_disable"] is True


def test_logs_are_json_and_the_access_log_can_be_turned_off(monkeypatch):
    on = load(monkeypatch, GUNICORN_ACCESS_LOG="1")
    assert on["accesslog"] == "-"
    assert (
        on["logconfig_dict"]["formatters"]["json"]["()"] == "brobygger.core.logjson.JsonFormatter"
    )
    assert on["logconfig_dict"]["loggers"]["gunicorn.access"]["handlers"] == ["console"]
    off = load(monkeypatch, GUNICORN_ACCESS_LOG="0")
    assert off["accesslog"] is None
    assert off["logconfig_dict"]["loggers"]["gunicorn.access"]["handlers"] == []
    # The dict is valid for logging.config (as gunicorn applies it); without its root entry,
    # which would take the suite's own handlers (the log privacy scan) off the root logger.
    applied = {k: v for k, v in on["logconfig_dict"].items() if k != "root"}
    logging.config.dictConfig(applied | {"disable_existing_loggers": False})
    assert type(logging.getLogger("gunicorn.error").handlers[0].formatter).__name__ == (
        "JsonFormatter"
    )
