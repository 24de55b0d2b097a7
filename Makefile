# canbo: the two commands of the README.
#   make demo  — install everything, build the demo province on SQLite, serve on http://127.0.0.1:8000
#   make test  — lint, type-check and run the whole suite on SQLite and on PostgreSQL
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/canbo
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test setup lint typecheck test-sqlite test-postgres serve clean messages

$(BIN)/canbo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(BIN)/canbo

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch node_modules/.package-lock.json

setup: $(BIN)/canbo node_modules/.package-lock.json
	$(BIN)/canbo compile_translations -v0

demo: setup
	$(BIN)/canbo migrate -v0
	$(BIN)/canbo demo --if-empty
	$(BIN)/canbo serve

serve: setup
	$(BIN)/canbo serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy canbo config

test-sqlite: setup
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/canbo check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/canbo makemigrations --check --dry-run -v0
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -n 2 -q

test-postgres: setup
	@$(BIN)/python -m canbo.core.pgcheck "$(PG_TEST_URL)"; rc=$$?; \
	if [ $$rc -eq 0 ]; then DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 -q; \
	elif [ $$rc -eq 2 ]; then echo "PostgreSQL run skipped (no server)."; else exit 1; fi

test: lint typecheck test-sqlite test-postgres

messages: setup
	cd canbo && ../$(BIN)/canbo makemessages -l en --no-location

clean:
	rm -rf $(VENV) node_modules var
