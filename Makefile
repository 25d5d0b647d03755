# Two commands for a new machine: `make run` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 2
PYTEST_WORKERS ?= 2
export FLASK_APP := app

.PHONY: migrations-refresh run serve screenshots test test-unit test-browser test-pg bench translations migrate seed system-test-deps clean

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
run: translations seed
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - --timeout 120 app:app

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
test: $(VENV)/.installed-dev translations system-test-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests --ignore=tests/browser
	$(BIN)/python -m pytest tests/browser

test-unit: $(VENV)/.installed-dev translations
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests --ignore=tests/browser

test-browser: $(VENV)/.installed-dev translations system-test-deps
	$(BIN)/python -m pytest tests/browser

## make test-pg: the suite against PostgreSQL at 127.0.0.1:5432 (see .ci/run)
test-pg:
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} $(MAKE) test

## make screenshots: README pictures of the demo (each role, the signing flow on a phone) into docs/screenshots/
screenshots: $(VENV)/.installed-dev translations seed system-test-deps
	$(BIN)/python tools/screenshots.py

## make bench: benchmarks (speed and memory), never part of the test suite
bench: $(VENV)/.installed-dev translations system-test-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache

## make migrations-refresh: regenerate the single initial migration from the models (pre-release only)
migrations-refresh: $(VENV)/.installed
	db=/tmp/bontang-migrations-$$$$.db; rm -f migrations/versions/*.py && \
	DATABASE_URL=sqlite:///$$db $(BIN)/flask db upgrade && \
	DATABASE_URL=sqlite:///$$db $(BIN)/flask db migrate -m "initial schema"; rm -f $$db
