# Everything goes through `make install`, which is idempotent: it only redoes a step whose inputs
# changed. The venv uses the newest Python the project is tested on (3.13, else 3.12).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# The Python the venv is made with: PYTHON=/path/to/python, else scripts/find-python picks the
# newest supported one on PATH or in pyenv (or installs one with uv, or says what to install).
# Asked only when a venv is made.
PYTHON ?=
# Debian packages the project needs: gettext compiles the translations; WeasyPrint renders the
# certificates with Pango, HarfBuzz's subsetter (without it subsetting is 10-50x slower) and
# the TrueType 楷体 font AR PL UKai (small subsets, see DESIGN.md). The tests also drive Debian's
# Chromium (never a downloaded browser), use the CJK font for Chinese screenshots and read
# the PDFs with poppler-utils (pdftotext, pdffonts) and their QR codes with zbar-tools.
# nginx: tests/deploy/test_nginx.py runs deploy/nginx/training.conf in a master of its own on
# free loopback ports; the package's service (started on port 80 if that is free) is not used.
APT_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-arphic-ukai
TEST_APT_PACKAGES := chromium fonts-noto-cjk poppler-utils zbar-tools nginx
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install system-deps test-deps run test test-postgres bench bench-search bench-dashboard bench-checker bench-laws backup restore lint format lock messages clean

help:
	@echo "make run    set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test   set up everything the tests need and run the whole suite"
	@echo "make lint   ruff check and format, lint-imports (the import direction), makemigrations --check"

install: $(VENV)/.installed locale/zh_Hans/LC_MESSAGES/django.mo

system-deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

$(PY):
	@python="$(PYTHON)"; python=$${python:-$$(scripts/find-python)} || exit 1; \
	$$python -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
		|| { echo "$$python is older than Python 3.12, which Django 6.1 needs."; exit 1; }; \
	echo "Making $(VENV) with $$python"; $$python -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PIP) install -q --upgrade "pip>=25.1"
	$(PIP) install -q -c constraints.txt --group test
	@touch $@

locale/zh_Hans/LC_MESSAGES/django.mo: locale/zh_Hans/LC_MESSAGES/django.po $(VENV)/.installed
	@$(MAKE) --no-print-directory system-deps
	$(MANAGE) compilemessages --ignore=.venv -v 0

messages: install
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=benchmarks --no-location --no-obsolete

# The tasks worker (certificate PDFs) runs in the background while runserver does, and stops
# with it.
run: install system-deps
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo $(if $(wildcard ../shared/laws),--laws ../shared/laws)
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test-deps: node_modules/.installed
	@$(MAKE) --no-print-directory system-deps EXTRA_APT_PACKAGES="$(TEST_APT_PACKAGES)"

# The browser tests' npm tools (package.json): axe-core, which they run inside each page, and
# Lighthouse. Node.js and npm come from Debian when the machine has none.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory system-deps EXTRA_APT_PACKAGES="nodejs npm"
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Two runs: everything on two workers, then what times page loads, alone on the machine.
test: install test-deps
	$(VENV)/bin/pytest -n 2 --dist loadgroup -m "not alone"
	$(VENV)/bin/pytest -p no:xdist -m alone

test-postgres: install test-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest -n 2 --dist loadgroup -m "not alone"
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest -p no:xdist -m alone

# The benchmark harness (benchmarks/run.py): seed_scale's data served by gunicorn on SQLite
# (2,500 deputies) and on PostgreSQL with Redis (100,000), loaded by locust; the certificates.
# Writes benchmarks/results/latest.md and .json, then docs/performance.md from them
# (scripts/performance_doc.py). BENCH_POSTGRES and BENCH_REDIS_URL name the
# servers (defaults: postgres://postgres@127.0.0.1:5432, redis://127.0.0.1:6379/7); it makes and
# drops its own database bench_scale_100000 and empties that Redis database. On PostgreSQL its
# faults phase restarts the local PostgreSQL server (pg_ctlcluster, as root) in the middle of a
# quiz burst and kills a gunicorn worker and the tasks worker: run it on a machine of its own,
# never in CI (the server is started again however the run ends).
bench: install $(VENV)/.bench-installed
	@$(MAKE) --no-print-directory system-deps
	$(PY) benchmarks/run.py
	$(PY) scripts/performance_doc.py

$(VENV)/.bench-installed: $(VENV)/.installed
	$(PIP) install -q -c constraints.txt --group bench
	@touch $@

# Search latency on the demo data, on SQLite, or on the database BENCH_DATABASE_URL names.
bench-search: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/bench-search.sqlite3} $(VENV)/bin/python benchmarks/search.py

# Dashboard latency on `manage.py seed_scale` data (DEPUTIES=2500 by default): in a SQLite file in
# the temporary folder, or in the database BENCH_DATABASE_URL names, made empty for it (an
# earlier run's data set of the same size is reused), e.g.
#   make bench-dashboard DEPUTIES=100000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_scale
DEPUTIES ?= 2500
bench-dashboard: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$${TMPDIR:-/tmp}/bench-dashboard-$(DEPUTIES).sqlite3} $(VENV)/bin/python benchmarks/dashboard.py $(DEPUTIES)

# The proposal checker's time per draft, over the test drafts (no database).
bench-checker: install
	$(VENV)/bin/python benchmarks/proposals_checker.py

# Reading a law (text and PDF) and comparing two versions by content (no database).
bench-laws: install
	$(VENV)/bin/python benchmarks/law_import.py

# The database and the media files in one archive (manage.py backup / restore,
# docs/operations.md "Backup and restore"): written into BACKUP_DIR, keeping its newest BACKUP_KEEP archives;
# `make restore ARCHIVE=...` puts one back (FORCE=1 over a site that has data).
BACKUP_DIR ?= backups
BACKUP_KEEP ?= 14
backup: install
	@mkdir -p $(BACKUP_DIR)
	$(MANAGE) backup $(BACKUP_DIR) --keep $(BACKUP_KEEP)

restore: install
	@test -n "$(ARCHIVE)" || { echo "Name the archive: make restore ARCHIVE=backups/deputy-training-....tar.gz"; exit 1; }
	$(MANAGE) restore $(if $(FORCE),--force) $(ARCHIVE)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run -v 0

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh constraints.txt from a fresh resolve of pyproject.toml's ranges.
lock: $(PY)
	rm -rf .lock-venv && $(PY) -m venv .lock-venv
	.lock-venv/bin/pip install -q --upgrade "pip>=25.1" && .lock-venv/bin/pip install -q --group test --group bench
	.lock-venv/bin/pip freeze --exclude pip > constraints.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
