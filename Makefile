# Two commands for a new machine: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# One gunicorn process with threads, so the in-memory rate-limit counters are exact (README: Limits).
THREADS ?= 8
TASK_WORKERS ?= 2
export PORT
PYTEST_WORKERS ?= 2
# The browser suite runs in one process by default. BROWSER_XDIST="-n 2 --dist loadfile" gives each worker its
# own server, database, queue and instance directory (tests/browser/conftest.py); not yet proven unflaky.
BROWSER_XDIST ?=
PYTEST_UNIT = $(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests --ignore=tests/browser
PYTEST_BROWSER = $(BIN)/python -m pytest $(BROWSER_XDIST) tests/browser
export FLASK_APP := app
# Worker processes (WeasyPrint and sealing are CPU-bound); poll an idle SQLite queue at least every second.
WORKER_FLAGS = --workers $(TASK_WORKERS) --worker-type process --max-delay 1 --quiet

.PHONY: migrations-refresh run worker serve smoke lint screenshots lighthouse test test-suites test-unit test-browser test-pg bench bench-deps translations migrate seed system-test-deps clean

$(BIN)/python:
	@echo "==> Creating the virtual environment in $(VENV)/"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	@echo "==> Installing the app's Python packages (requirements.txt); the first time this takes a few minutes"
	$(BIN)/pip install -q -r requirements.txt
	@echo "==> Packages installed; next: translations, database migrations, demo data, then the server"
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	@echo "==> Installing the test tools (requirements-dev.txt)"
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

translations: $(VENV)/.installed
	@for dir in translations bontang/*/translations; do \
	  if [ -d "$$dir" ]; then $(BIN)/pybabel compile -f -d "$$dir" >/dev/null 2>&1 || exit 1; fi; \
	done

migrate: $(VENV)/.installed
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo --if-empty

## make run: install, migrate, seed the demo when the database is empty, serve on 127.0.0.1:$(PORT)
## with a task-queue worker beside the web server (Ctrl-C stops both).
run: translations seed
	@echo "Starting the web server on http://127.0.0.1:$(PORT) and a background worker (Ctrl-C stops both)."
	@$(BIN)/huey_consumer bontang.tasks.worker.huey $(WORKER_FLAGS) & worker=$$!; \
	trap 'kill -INT $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --workers 1 --threads $(THREADS) --bind 127.0.0.1:$(PORT) --access-logfile - --timeout 120 app:app

## make worker: only the background worker (production runs it beside gunicorn, see README)
worker: $(VENV)/.installed
	$(BIN)/huey_consumer bontang.tasks.worker.huey $(WORKER_FLAGS)

## System packages the tests need: Chromium for browser tests, poppler (pdfsig, pdftotext) for PDF checks.
system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdfsig >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v qpdf >/dev/null 2>&1 || missing="$$missing qpdf"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## make test: install what the tests need and run the whole suite (unit, integration, browser)
test: $(VENV)/.installed-dev translations system-test-deps lint
	$(PYTEST_UNIT)
	$(PYTEST_BROWSER)

## make test-suites: the unit and browser suites of `make test` without the lint (CI's second database)
test-suites: $(VENV)/.installed-dev translations system-test-deps
	$(PYTEST_UNIT)
	$(PYTEST_BROWSER)

## make smoke: the production layout (nginx + TLS, gunicorn, a worker, PostgreSQL, Redis) and a journey over
## HTTPS in Chromium (deploy/smoke/run; about 3 minutes; needs PostgreSQL on 127.0.0.1:5432 and Redis).
smoke: $(VENV)/.installed-dev translations system-test-deps
	deploy/smoke/run

## make lint: ruff (ruff.toml) and bandit (.bandit; a high-severity finding fails)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/bandit --ini .bandit -q -r bontang app.py --severity-level high

test-unit: $(VENV)/.installed-dev translations
	$(PYTEST_UNIT)

test-browser: $(VENV)/.installed-dev translations system-test-deps
	$(PYTEST_BROWSER)

## make test-pg: the suite against PostgreSQL at 127.0.0.1:5432 (see .ci/run)
test-pg:
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(MAKE) test

## make screenshots: README pictures of the demo (each role, the signing flow on a phone) into docs/screenshots/
screenshots: $(VENV)/.installed-dev translations seed system-test-deps
	$(BIN)/python tools/screenshots.py

## make lighthouse: Lighthouse accessibility and best-practices scores of each role's main page (about 5 min: a
## scratch demo database, then ~25 s per page; LIGHTHOUSE_ARGS=--desktop for the desktop preset). Not part of make test.
lighthouse: $(VENV)/.installed-dev translations system-test-deps tools/lighthouse/node_modules/.bin/lighthouse
	$(BIN)/python tools/lighthouse.py $(LIGHTHOUSE_ARGS)

tools/lighthouse/node_modules/.bin/lighthouse: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	@echo "==> Installing Lighthouse from npm (tools/lighthouse)"
	cd tools/lighthouse && npm ci --no-audit --no-fund
	touch $@

## make bench: every main page under gunicorn + wrk on PostgreSQL and SQLite at 1/10 and full data, written to
## BENCHMARKS.md (about 15 min; BENCH_SCALE=0.1 for a quick run at 1/100 and 1/10), then the task queue
## (countersigning 124, workers sealing them, the ZIP). Never part of the test suite.
bench: $(VENV)/.installed-dev translations bench-deps system-test-deps
	BENCH_SCALE=$${BENCH_SCALE:-1} $(BIN)/python -m bench pages
	$(BIN)/python -m bench queue

## wrk (Debian package) drives the page benchmark.
bench-deps:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  echo "Installing: wrk"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache

## make migrations-refresh: regenerate the single initial migration from the models (pre-release only)
migrations-refresh: $(VENV)/.installed
	db=/tmp/bontang-migrations-$$$$.db; rm -f migrations/versions/*.py && \
	DATABASE_URL=sqlite:///$$db $(BIN)/flask db upgrade && \
	DATABASE_URL=sqlite:///$$db $(BIN)/flask db migrate -m "initial schema"; rm -f $$db
