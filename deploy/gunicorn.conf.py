"""gunicorn settings for Brobygger's app servers (README, "Production").

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

Everything can be changed by environment variables, so one file serves every machine (and the
two-server test, deploy/loadtest/two_servers.py). Sync workers: each handles one request at a
time with its own database connection (kept DATABASE_CONN_MAX_AGE seconds), which is what the
views are written for; the proxy in front queues requests beyond the workers (its `maxconn`
per server equals GUNICORN_WORKERS) instead of letting them wait in a dead server's backlog.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


wsgi_app = "brobygger.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# A request still running after this is killed (the worker restarts): the heaviest pages, the
# annual report and exports, finish well within it.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (systemctl stop/reload, a deploy) workers stop accepting and finish what they have
# for up to this long; the proxy's health check has by then moved traffic to the other servers.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Idle keep-alive connections from the proxy, which reuses them.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (jittered so they do not restart together):
# memory a big export left behind goes back to the system.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The proxy's address(es): X-Forwarded-Proto/-For from elsewhere are ignored. Django reads the
# scheme only with DJANGO_BEHIND_PROXY=1 and the client address with
# BROBYGGER_TRUSTED_PROXY_COUNT (settings.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "brobygger"
# No control socket (gunicorn 25+): systemd's signals reload and stop the server, and two
# servers on one machine would otherwise share ~/.gunicorn/gunicorn.ctl.
control_socket_disable = True

# Logs: JSON lines with the request id (brobygger/core/logjson.py), errors to stderr and the
# access log to stdout; GUNICORN_ACCESS_LOG=0 turns the access log off (the proxy has one). The
# access line names method, path (no query string), status, size, duration and request id:
# no client address or user agent.
access_log_on = os.environ.get("GUNICORN_ACCESS_LOG", "1").lower() not in {"0", "off", "false"}
accesslog = "-" if access_log_on else None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "brobygger.core.logjson.JsonFormatter"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": []},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        # With a logging config gunicorn writes access lines whatever `accesslog` says.
        "gunicorn.access": {
            "level": "INFO" if access_log_on else "CRITICAL",
            "handlers": ["console"] if access_log_on else [],
            "propagate": False,
        },
    },
}
