# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker test test-postgres lint typecheck assets install demo migrate clean messages \
	two-servers load locks

# Two locks (pip-tools, `make locks`): requirements.lock is what production installs (the app
# and its runtime libraries only); requirements-dev.lock adds the tools for tests, lint and
# types, at the same versions of everything the two share. The checkout's venv takes the dev one.
$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

brobygger/static/vendor/htmx.min.js: node_modules/.package-lock.json scripts/build-assets.mjs
	node scripts/build-assets.mjs

assets: brobygger/static/vendor/htmx.min.js

# Runs the app with demo data on SQLite. Running it again keeps the existing data.
# Demo mode without DEBUG: the Norwegian error pages, not Django's debug pages (which list every
# URL and show the settings); whitenoise serves the static files from the apps' folders.
# The job worker (ADR 0015) runs in the background beside the web server and is stopped when
# runserver exits (Ctrl-C included); it does not reload on code changes, runserver does.
run: install assets
	BROBYGGER_DEMO=1 $(PY) manage.py migrate --no-input
	BROBYGGER_DEMO=1 $(PY) manage.py load_demo
	@BROBYGGER_DEMO=1 $(PY) manage.py run_worker --no-reload & w=$$!; trap 'kill $$w 2>/dev/null; wait $$w' EXIT; \
	trap 'exit 130' INT TERM; BROBYGGER_DEMO=1 $(PY) manage.py runserver $(HOST):$(PORT)

# A second job worker beside `make run` (several may run at once; each job runs once).
worker: install
	BROBYGGER_DEMO=1 $(PY) manage.py run_worker --no-reload

# Lint, types, migrations in sync, the layers (ADR 0024), then the whole suite (browser
# journeys included).
test: install assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	BROBYGGER_TESTING=1 $(VENV)/bin/mypy brobygger
	BROBYGGER_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache
	BROBYGGER_TESTING=1 $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

# The same suite on PostgreSQL (DATABASE_URL defaults to the local server).
test-postgres: install assets
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/brobygger} \
		BROBYGGER_TESTING=1 $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

# Production-shaped runs on loopback (README, "Production"; need PostgreSQL and HAProxy): the
# two-server test that .ci/run runs, and the load test (LOAD_ARGS="--full" for 5 minutes).
two-servers: install assets
	$(PY) deploy/loadtest/two_servers.py

load: install assets
	$(PY) deploy/loadtest/load.py $(LOAD_ARGS)

# Collect the interface texts into the nn and en catalogues and compile them (docs/i18n.md).
MESSAGES_IGNORE := -i ".venv/*" -i "node_modules/*" -i "*/tests/*" -i "var/*" -i "bench/*" \
	-i "*/static/vendor/*"
messages: install
	BROBYGGER_TESTING=1 $(PY) manage.py makemessages -l nn -l en --no-obsolete $(MESSAGES_IGNORE)
	BROBYGGER_TESTING=1 $(PY) manage.py makemessages -d djangojs -l nn -l en --no-obsolete \
		$(MESSAGES_IGNORE)
	BROBYGGER_TESTING=1 $(PY) manage.py compile_catalogues

# After a change to pyproject.toml's dependencies: both locks again, pins kept where they can be.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --no-emit-find-links --no-emit-index-url --strip-extras
locks: install
	$(PIP_COMPILE) --extra=dev --output-file=requirements-dev.lock pyproject.toml
	$(PIP_COMPILE) --output-file=requirements.lock pyproject.toml

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports --no-cache

typecheck: install
	BROBYGGER_TESTING=1 $(VENV)/bin/mypy brobygger

clean:
	rm -rf $(VENV) node_modules brobygger/static/vendor var
