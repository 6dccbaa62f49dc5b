# The two commands a newcomer needs: `make run` and `make test`.
# Both create (or reuse) .venv and install what they need first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint format docs bench sync clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# What running the bot needs, and what testing and benchmarking it need besides.
$(VENV)/.run-deps: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-deps: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

run: $(VENV)/.run-deps
	$(PY) -m bot run

sync: $(VENV)/.run-deps
	$(PY) -m bot sync

test: lint
	$(PY) -m pytest

lint: $(VENV)/.dev-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m tests.e2e.transcript --check

# Regenerate docs/commands.md (the replies shown in the docs) from the bot's real answers.
docs: $(VENV)/.dev-deps
	$(PY) -m tests.e2e.transcript

format: $(VENV)/.dev-deps
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(VENV)/.dev-deps
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
