# The README's commands. `make run` serves the demo on SQLite; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PG_URL ?= postgres://postgres@127.0.0.1:5432/giamngheo

.PHONY: install sysdeps axe run serve test test-postgres bench lint format messages production-smoke deploy

VENDOR := giamngheo/reports/static/reports/vendor
install: $(VENV)/.installed $(VENDOR)/chart.umd.min.js

# Browser libraries come from the npm registry through package.json/package-lock.json (pinned,
# integrity-checked by `npm ci`) and are copied into static/, so pages never load a CDN.
# Chart.js draws the dashboard's charts (reports app).
$(VENDOR)/chart.umd.min.js: package.json package-lock.json Makefile
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map \
	   node_modules/chart.js/LICENSE.md $(VENDOR)/

# vietnam-provinces 2026.9.0 (the 2026 unit codes, the former units and the 2025 conversion
# tables) declares Python >= 3.12 but imports and runs on 3.11, which is all Debian 12 and this
# project's machines have; tests/geo/test_vietnam_provinces_package.py fails if a release stops
# working here. It is installed alone, pinned, with the declaration waived, so the rest of the
# dependencies keep pip's normal checks.
VIETNAM_PROVINCES := vietnam-provinces==2026.9.0

$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python '$(VIETNAM_PROVINCES)'
	touch $@

# System packages the tests use: Debian's chromium for the browser journeys (Playwright's own
# download is not used), poppler (pdftoppm, pdftotext) to render printed reports, DejaVu fonts
# for Vietnamese text in PDFs, LibreOffice (headless Calc) to open the .xlsx reports, and Caddy
# for the test that starts the production stack (gunicorn + worker + Caddy) on loopback.
SYSDEPS := chromium poppler-utils fonts-dejavu-core libreoffice-calc-nogui caddy
sysdeps:
	@missing=$$(for p in $(SYSDEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py demo_data
	$(MAKE) serve

# The web server and, beside it, the worker that runs background jobs (large imports).
serve:
	DEBUG=1 $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production stack (deploy/) on 127.0.0.1 from a fresh temporary folder: started, checked
# (/healthz over HTTPS with Caddy's internal CA, the login page), stopped. SERVE=1 keeps it up.
production-smoke: install sysdeps
	$(BIN)/python deploy/stack.py $(if $(SERVE),--serve)

# Install on this Debian machine as a service (systemd units, Caddy, /etc/giamngheo/giamngheo.env).
deploy:
	$(SUDO) deploy/install.sh

# axe-core (npm, pinned in tests/e2e/axe/package.json) for the browser tests' accessibility sweep.
AXE := tests/e2e/axe/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): tests/e2e/axe/package.json tests/e2e/axe/package-lock.json
	npm ci --prefix tests/e2e/axe --no-audit --no-fund --silent
	touch $@

test: install sysdeps $(AXE)
	$(BIN)/python -m pytest

# The same suite on PostgreSQL (pytest-django creates a fresh test_giamngheo database).
test-postgres: install sysdeps $(AXE)
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest --create-db

bench: install
	$(BIN)/python bench/bench_poverty.py
	$(BIN)/python bench/bench_households.py

# lint-imports checks the layers written in pyproject.toml ([tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh each app's Vietnamese catalogue (giamngheo/<app>/locale) after adding strings, then compile.
messages: install
	for app in giamngheo/*/locale; do \
	  (cd $$(dirname $$app) && ../../$(BIN)/python ../../manage.py makemessages -l vi --no-obsolete && \
	   ../../$(BIN)/python ../../manage.py compilemessages -l vi) || exit 1; done
