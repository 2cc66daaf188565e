# Tsunagu: the two commands of README.md, and the checks CI runs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export TSUNAGU_DATA_DIR ?= $(CURDIR)/var
# The suite runs on every core, up to four (PYTEST_WORKERS= runs it in one process).
PYTEST_WORKERS ?= -n auto --maxprocesses=4

.PHONY: demo test test-sqlite test-postgresql lint bench load messages clean

$(BIN)/python:
	@python=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	@touch $@

## make demo: install, migrate var/tsunagu.sqlite3, load the demo town, serve :8000
demo: export TSUNAGU_DEMO = 1
demo: $(VENV)/.installed
	@mkdir -p var/static
	$(BIN)/tsunagu migrate --noinput
	$(BIN)/tsunagu collectstatic --noinput --verbosity 0
	$(BIN)/tsunagu seed_demo
	@echo "Serving http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	$(BIN)/tsunagu runserver --noreload $(HOST):$(PORT)

## make test: the whole suite on SQLite, then on PostgreSQL when TSUNAGU_TEST_DATABASE_URL is set
test: $(VENV)/.installed-dev
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TSUNAGU_TEST_DATABASE_URL" ]; then \
		$(MAKE) --no-print-directory test-postgresql; \
	else \
		echo "TSUNAGU_TEST_DATABASE_URL is not set: PostgreSQL run skipped."; \
	fi

test-sqlite:
	@echo "== tests on SQLite =="
	env -u TSUNAGU_DATABASE_URL $(BIN)/pytest -q $(PYTEST_WORKERS)

test-postgresql:
	@echo "== tests on PostgreSQL ($$TSUNAGU_TEST_DATABASE_URL) =="
	TSUNAGU_DATABASE_URL="$$TSUNAGU_TEST_DATABASE_URL" $(BIN)/pytest -q $(PYTEST_WORKERS)

lint: export TSUNAGU_DEMO = 1
lint: $(VENV)/.installed-dev
	@mkdir -p var
	$(BIN)/ruff format --check tsunagu tests bench
	$(BIN)/ruff check tsunagu tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy tsunagu
	$(BIN)/tsunagu makemigrations --check --dry-run

bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench

## make load: 100 visitors at once on the public pages, through gunicorn (0 errors, p95 ≤ 200 ms)
load: $(VENV)/.installed-dev
	$(BIN)/python -m bench.load

## make messages: refresh locale/ja after changing visible strings (needs GNU gettext)
messages: export TSUNAGU_DEMO = 1
messages: $(VENV)/.installed
	cd tsunagu && ../$(BIN)/tsunagu makemessages -l ja --no-obsolete --add-location file
	cd tsunagu && ../$(BIN)/tsunagu compilemessages -l ja

clean:
	rm -rf $(VENV) var/static
