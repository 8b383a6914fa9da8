# The two commands in the README: `make run` and `make test`. Only Python 3.11+ and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test install icaljs lint format typecheck bench bench-outcomes bench-consult loadtest clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load demo data into an empty database, serve on :8000
run: install
	$(BIN)/echo-lms db upgrade
	$(BIN)/echo-lms demo --if-empty
	ECHO_WORKER_IN_PROCESS=1 $(BIN)/echo-lms serve

## make test: lint, type check, the whole test suite
test: lint typecheck icaljs
	$(BIN)/pytest $(PYTEST_ARGS)

# Mozilla ical.js for the calendar checks, when Node.js is installed (those tests are skipped
# without it, and required in CI); versions pinned by the lock file.
icaljs:
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/calendar/icaljs/node_modules ]; then \
		cd tests/calendar/icaljs && npm ci --no-audit --no-fund --silent; fi
	@# panva's oidc-provider, the OpenID provider of the single sign-on tests (tests/accounts)
	@if command -v npm >/dev/null 2>&1 && [ ! -d tests/accounts/oidc_provider/node_modules ]; then \
		cd tests/accounts/oidc_provider && npm ci --no-audit --no-fund --silent; fi

lint: install
	$(BIN)/ruff check echo tests bench migrations/env.py
	$(BIN)/ruff format --check echo tests bench migrations/env.py
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format echo tests bench migrations/env.py
	$(BIN)/ruff check --fix echo tests bench migrations/env.py

typecheck: install
	$(BIN)/mypy echo

## make bench: throughput and latency against a baseline measured in the same run
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,bench]'
	status=0; \
	$(BIN)/python -m bench || status=$$?; \
	$(BIN)/python -m bench.certificates || status=$$?; \
	exit $$status

## make bench-outcomes: a busy hub's outcomes dashboard on a network-sized PostgreSQL database
## (ECHO_BENCH_POSTGRES_URL: the server; its database echo_scale is generated when missing)
bench-outcomes: install
	@if [ -z "$$ECHO_BENCH_POSTGRES_URL" ]; then \
		echo "bench-outcomes: set ECHO_BENCH_POSTGRES_URL to a PostgreSQL server URL," \
			"e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres"; exit 2; fi
	$(BIN)/python -m bench.outcomes

## make bench-consult: the liaison's consult queue with 500 open requests, 50 arriving a minute
## (ECHO_BENCH_POSTGRES_URL: the server; its database echo_consult_bench is dropped and recreated)
bench-consult: install
	@if [ -z "$$ECHO_BENCH_POSTGRES_URL" ]; then \
		echo "bench-consult: set ECHO_BENCH_POSTGRES_URL to a PostgreSQL server URL," \
			"e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres"; exit 2; fi
	$(BIN)/python -m bench.consult_queue

## make loadtest: 1,000 participants start their session within a minute (locust), against a
## bare Starlette baseline, Echo on one process and on two (ECHO_BENCH_POSTGRES_URL: the server;
## a scratch database is created and dropped); see bench/README.md
loadtest: install
	@if [ -z "$$ECHO_BENCH_POSTGRES_URL" ]; then \
		echo "loadtest: set ECHO_BENCH_POSTGRES_URL to a PostgreSQL server URL," \
			"e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres"; exit 2; fi
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,bench]'
	$(BIN)/python -m bench.session_start

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
