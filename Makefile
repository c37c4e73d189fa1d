# Set-up and test commands. Every target creates its virtual environment and obtains a
# browser first (and the servers the matrix starts, where it runs the matrix), so each one
# works on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
BENCH_ARGS ?=
# pytest-xdist workers for the matrix: one per core.
WORKERS ?= auto

# The newest Django, which needs Python 3.12 or newer, beside the 5.2 LTS of constraints.txt.
DJANGO_NEXT := 6.1.3
VENV_NEXT := .venv-django-$(DJANGO_NEXT)
BIN_NEXT := $(VENV_NEXT)/bin

# The report: make spec's, or make test's merged from each Django version's run.
REPORT := report
REPORT_DJANGO := $(REPORT)/django-5.2
REPORT_DJANGO_NEXT := $(REPORT)/django-$(DJANGO_NEXT)
# The shell, not make, expands the folders' names: when the command runs, the runs have made them.
MERGE_REPORTS = $(BIN)/python -m session_steps.report merge $(REPORT) $(REPORT)/django-*

SOAK_RUNS ?= 30
# Mutants judged at once: each runs its own server and browser.
MUTANT_JOBS ?= 2

# Every session engine behind both server protocols, db and cached_db on SQLite and PostgreSQL; a worker runs all of a cell.
# Scenarios that need other settings skip on the bundled ones; tests/test_settings_scenarios.py
# runs them with theirs, so the matrix leaves them out rather than count them as skipped.
MATRIX_CELLS := --session-engine=all --server=all --database=all -n $(WORKERS) --dist=loadgroup
MATRIX := $(MATRIX_CELLS) -m "not needs_site_settings"

# Shard I of N of the matrix (SHARD=2/4): whole cells, dealt out by the seconds DURATIONS
# measured; the tests without a cell run once, in `make test-harness`.
SHARD ?=
DURATIONS := tests/data/test-durations.json
SHARD_ARGS = $(if $(SHARD),--shard=$(SHARD) --shard-durations=$(DURATIONS))
# The Django 6.1 run: the spec's matrix, the view tests and the unit tests.
TESTS_DJANGO_NEXT := tests/test_features.py tests/test_views.py tests/unit

# Third-party session backends (scripts/conformance.py), each in a virtual environment of its own.
VENV_CONFORMANCE := .venv-conformance
BIN_CONFORMANCE := $(VENV_CONFORMANCE)/bin
VENV_CONFORMANCE_NEXT := .venv-conformance-django-$(DJANGO_NEXT)
BIN_CONFORMANCE_NEXT := $(VENV_CONFORMANCE_NEXT)/bin
CONFORMANCE_ARGS ?=

.PHONY: setup browser servers spec test test-django-next test-matrix test-harness durations check-shard report-merge soak mutants mutants-site mutants-steps lint bench clean \
	conformance conformance-django-next

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

## setup: create .venv, install the project and its tools, obtain a Chromium and the servers
setup: browser servers

## browser: a Chromium: Playwright's, else the system's, else apt-get's (as root)
browser: $(BIN)/.installed
	$(BIN)/python -m session_steps.install_browser

## servers: the servers the matrix's cells start (redis-server, memcached, PostgreSQL): the system's, else apt-get's (as root)
servers: $(BIN)/.installed
	$(BIN)/python -m session_steps.install_servers

## spec: run the features against the bundled site, printing each feature and scenario;
##       write the report (report/index.html, report/cucumber.json)
spec: browser
	$(BIN)/pytest tests/test_features.py --gherkin-terminal-reporter -v --session-report=$(REPORT) $(PYTEST_ARGS)

## test: lint, then every test on every engine and server, on Django 5.2 and the newest; each run
##       journals its scenarios into report/django-VERSION, merged into one report (report/matrix.html).
##       With SHARD=I/N: only shard I of N of both Django versions' matrix runs (see test-harness)
# A failed run still gets its report merged, then fails. (No line runs $(MAKE) beside a
# command of its own: `make -n` would run that command.)
ifeq ($(SHARD),)
test: setup lint
	rm -rf $(REPORT)/django-*
	$(BIN)/pytest $(MATRIX) --session-report=$(REPORT_DJANGO) $(PYTEST_ARGS) || { $(MERGE_REPORTS); exit 1; }
	$(MAKE) test-django-next || { $(MERGE_REPORTS); exit 1; }
	$(MERGE_REPORTS)
else
test: check-shard setup
	rm -rf $(REPORT)/django-*
	$(MAKE) test-matrix || { $(MERGE_REPORTS); exit 1; }
	$(MAKE) test-django-next || { $(MERGE_REPORTS); exit 1; }
	$(MERGE_REPORTS)
endif

# A wrong SHARD stops the run before the set-up, in one line.
check-shard:
	@$(PYTHON) -c 'import re, sys; shard = re.fullmatch(r"(\d+)/(\d+)", sys.argv[1]); \
		sys.exit(None if not sys.argv[1] or shard and 1 <= int(shard[1]) <= int(shard[2]) else \
		f"SHARD={sys.argv[1]}: expected I/N, shard I of N with 1 <= I <= N, for example SHARD=2/4")' '$(SHARD)'

## test-matrix: the Django 5.2 run of make test (SHARD=I/N: its shard I of N), journalled into report/django-5.2
test-matrix: check-shard setup
	$(BIN)/pytest $(MATRIX) $(SHARD_ARGS) --session-report=$(REPORT_DJANGO) $(PYTEST_ARGS)

## test-harness: lint, and the tests that run on no cell of the matrix, on both Django versions:
##               with the shards of make test SHARD=I/N, every test of make test
test-harness: $(BIN_NEXT)/.installed setup lint
	$(BIN)/pytest $(MATRIX_CELLS) -m "not needs_site_settings and not matrix" $(PYTEST_ARGS)
	$(BIN_NEXT)/pytest $(TESTS_DJANGO_NEXT) $(MATRIX_CELLS) -m "not needs_site_settings and not matrix" $(PYTEST_ARGS)

## durations: measure each test of the matrix again into tests/data/test-durations.json, which SHARD deals by
durations: setup
	$(BIN)/pytest tests/test_features.py $(MATRIX_CELLS) -m "not needs_site_settings and matrix" \
		--store-durations --clean-durations --durations-path=$(DURATIONS) $(PYTEST_ARGS)

## report-merge: one report in report/ from the journals of the runs in report/django-*
report-merge: $(BIN)/.installed
	$(MERGE_REPORTS)

# $(call django_next_venv,FOLDER,EXTRAS): a virtual environment in FOLDER with the project and
# its EXTRAS, on the newest Django: constraints.txt's pins, with that Django's.
define django_next_venv
	$$(scripts/find-python 3.13 3.12) -m venv $(1)
	grep -v '^Django==' constraints.txt > $(1)/constraints.txt
	echo 'Django==$(DJANGO_NEXT)' >> $(1)/constraints.txt
	$(1)/bin/python -m pip install --quiet --disable-pip-version-check -c $(1)/constraints.txt -e '.[$(2)]'
	touch $(1)/bin/.installed
endef

$(BIN_NEXT)/.installed: pyproject.toml constraints.txt
	$(call django_next_venv,$(VENV_NEXT),dev)

## test-django-next: the spec and the view tests on every engine and server, and the unit tests, on Django 6.1
##                   (SHARD=I/N: its shard I of N), journalled into report/django-6.1.3
test-django-next: check-shard $(BIN_NEXT)/.installed setup
	$(BIN_NEXT)/python -c 'import django; print("Django", django.get_version())'
	$(BIN_NEXT)/pytest $(TESTS_DJANGO_NEXT) $(MATRIX) $(SHARD_ARGS) --session-report=$(REPORT_DJANGO_NEXT) $(PYTEST_ARGS)

$(BIN_CONFORMANCE)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV_CONFORMANCE)
	$(BIN_CONFORMANCE)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[conformance]'
	touch $@

## conformance: the packaged spec on third-party session backends behind both servers, on Django 5.2,
##              compared with conformance/expectations.toml (CONFORMANCE_ARGS="--backend django-qsessions")
conformance: $(BIN_CONFORMANCE)/.installed setup
	$(BIN_CONFORMANCE)/python scripts/conformance.py $(CONFORMANCE_ARGS)

$(BIN_CONFORMANCE_NEXT)/.installed: pyproject.toml constraints.txt
	$(call django_next_venv,$(VENV_CONFORMANCE_NEXT),conformance)

## conformance-django-next: the same on Django 6.1
conformance-django-next: $(BIN_CONFORMANCE_NEXT)/.installed setup
	$(BIN_CONFORMANCE_NEXT)/python scripts/conformance.py $(CONFORMANCE_ARGS)

## soak: the spec 30 times in random order under pytest-xdist, cycling the matrix's cells
soak: setup
	$(BIN)/python scripts/soak.py --runs $(SOAK_RUNS) --workers 2

## mutants: mutation testing of the site, then of the step library (slow)
mutants: mutants-site mutants-steps

## mutants-site: mutants of the site's views, URLs and settings, judged by the spec
mutants-site: setup
	$(BIN)/python scripts/mutants.py --jobs $(MUTANT_JOBS)

## mutants-steps: mutants of the steps and what they assert through, judged by the spec's
##                verdicts on the bundled site and the near misses of tests/broken_site
mutants-steps: setup
	$(BIN)/python scripts/step_mutants.py --jobs $(MUTANT_JOBS)

# examples/shop is a project of its own, with its own settings: mypy checks it from its folder.
lint: $(BIN)/.installed
	$(BIN)/ruff check steps site tests scripts bench conformance examples
	$(BIN)/ruff format --check steps site tests scripts bench conformance examples
	$(BIN)/mypy steps site
	cd examples/shop && $(abspath $(BIN))/mypy --strict shop manage.py

## bench: the suite, a plain Playwright script and pytest-django's live_server, side by side
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(VENV_NEXT) $(VENV_CONFORMANCE) $(VENV_CONFORMANCE_NEXT) conformance-results test-results report build dist mutants .pytest_cache .mypy_cache .ruff_cache
