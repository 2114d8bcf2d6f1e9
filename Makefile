# `make run` and `make test` each set up .venv first, so either works alone on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLES ?= articles

.DEFAULT_GOAL := help
.PHONY: help install run test lint bench profile instructions accuracy golden clean

help:  ## List the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install the package with its dev extras

run: $(STAMP)  ## Show the merged chronology of articles/
	$(BIN)/timeline show $(ARTICLES)

test: $(STAMP)  ## Run the test suite
	$(BIN)/pytest

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check csto_timeline tests bench
	$(BIN)/ruff format --check csto_timeline tests bench
	$(BIN)/mypy csto_timeline

golden: $(STAMP)  ## Regenerate the golden export files from the seed articles
	$(BIN)/python -m tests.make_golden

bench: $(STAMP)  ## Speed benchmark against dateparser's search_dates (BENCH_ARGS="--large 100000" adds 100k)
	$(BIN)/python bench/speed.py $(BENCH_ARGS)

profile: $(STAMP)  ## Where the time goes: cProfile of an export of 1,000 synthetic articles
	$(BIN)/python bench/hotspots.py $(PROFILE_ARGS)

instructions: $(STAMP)  ## Instructions under callgrind, per article and --jobs 1 against 2: figures noise does not move (needs valgrind)
	$(BIN)/python bench/instructions.py $(INSTRUCTIONS_ARGS)

accuracy: $(STAMP)  ## Score recognition and resolution on TempEval-3 (../shared/data/tempeval)
	$(BIN)/python bench/accuracy.py

clean:  ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
