# Storyline tasks. `make demo` and `make test` are the README's two commands.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-fast system-deps lock bench docs clean help

help:  ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned, hash-checked dependencies

demo: setup  ## set up, ingest the bundled sample and serve it
	$(BIN)/storyline demo

system-deps:  ## Debian packages the test suite needs (PostgreSQL server)
	bash scripts/system-deps.sh

test: system-deps setup  ## set up everything and run the whole test suite
	$(BIN)/python -m pytest

test-fast: setup  ## tests that load no model and need no server
	$(BIN)/python -m pytest -m "not model and not postgres"

lock:  ## re-pin requirements.lock from pyproject.toml (needs pip-tools)
	pip-compile -q --extra postgres --extra dev --generate-hashes --allow-unsafe \
		-o requirements.lock pyproject.toml

clean:  ## remove the virtualenv and local knowledge bases
	rm -rf $(VENV) storyline-demo.db*
