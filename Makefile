# Set-up and test commands; every target creates .venv and obtains a browser first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: setup spec test lint bench clean

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## setup: create .venv, install the project and its tools, obtain a Chromium
setup: $(BIN)/.installed
	$(BIN)/python -m session_steps.install_browser

## spec: run the features against the bundled site, printing each feature and scenario
spec: setup
	$(BIN)/pytest tests/test_features.py --gherkin-terminal-reporter -v $(PYTEST_ARGS)

## test: lint, type-check, then every test (the spec, the views, the plugin itself)
test: setup lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check steps site tests bench
	$(BIN)/ruff format --check steps site tests bench
	$(BIN)/mypy steps site

## bench: the suite, a plain Playwright script and pytest-django's live_server, side by side
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) test-results report build dist .pytest_cache .mypy_cache .ruff_cache
