# commcoach developer commands. `make help` lists them.
VENV ?= .venv
PY := $(VENV)/bin/python

.DEFAULT_GOAL := help

.PHONY: help setup run test check lint typecheck snapshot-update bench

help: ## List the commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

setup: ## Install everything: virtualenv, packages, LanguageTool (idempotent)
	@./scripts/setup.sh

run: setup ## Set up everything and launch the app
	@$(VENV)/bin/commcoach

test: setup ## Set up everything and run the whole test suite
	@$(PY) -m pytest

lint: setup ## ruff (lint + format check) and the import contracts (core without Textual)
	@$(VENV)/bin/ruff check src tests benchmarks
	@$(VENV)/bin/ruff format --check src tests benchmarks
	@$(VENV)/bin/lint-imports --no-cache

typecheck: setup ## mypy --strict on src/
	@$(VENV)/bin/mypy src

check: lint typecheck test ## Lint, type-check and test

snapshot-update: setup ## Re-record the TUI snapshot baselines (review the diff!)
	@$(PY) -m pytest tests/snapshots --snapshot-update

bench: setup ## Run the benchmark scripts (prints figures)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done
