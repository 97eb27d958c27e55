# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= data
# Every package of the dependency tree (the dev extra and the spaCy model included), pinned with
# its hashes; written from pyproject.toml by `make lock` (docs/reliability.md).
LOCK := requirements.lock
PIP_VERSION := 26.3
# The tool that writes the lock, pinned, in a folder of its own (never in the project's .venv).
UV_VERSION := 0.13.8
LOCK_VENV := .lock-venv

.PHONY: install lock run serve test lint format ingest clean

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Re-resolve the whole tree from pyproject.toml after changing a dependency; commit the result.
lock:
	test -x $(LOCK_VENV)/bin/python || $(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --extra dev --generate-hashes \
		--universal --python-version 3.11 --custom-compile-command "make lock" -o $(LOCK)

ingest: install
	$(BIN)/directory --data $(DATA) ingest data/samples

run: ingest
	$(BIN)/directory --data $(DATA) serve --host 127.0.0.1 --port 5000

serve: ingest
	$(BIN)/directory --data $(DATA) serve --production --host 127.0.0.1 --port 5000

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(LOCK_VENV) $(DATA)/directory.db* $(DATA)/index
