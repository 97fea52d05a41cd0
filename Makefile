# MetSkin — `make run` serves the app, `make test` runs every test. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
NPM := npm --prefix frontend
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
# Tests and benchmarks must never wait on a prompt or a pager.
export PYTHONUNBUFFERED := 1

FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/vite.config.ts \
	frontend/tsconfig.json frontend/package-lock.json

.PHONY: help run serve test test-python test-frontend lint bench bench-analysis bench-analysis-quick \
	test-skinlab install build migrate seed security \
	system-deps browser-deps api-types clean

help: ## Show the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# `make run` serves on PORT; emailed links follow it unless SITE_URL says otherwise.
PORT ?= 8000

run: migrate ## Install, build, migrate, load demo data, serve on :$PORT (8000) with a worker and beat
	$(PY) manage.py seed_demo
	@echo "MetSkin: http://127.0.0.1:$(PORT)  (demo@metskin.example / SkinCare-Demo-2026)."
	@echo "Emails and SMS: http://127.0.0.1:$(PORT)/dev/outbox/ · two-factor codes: .venv/bin/python manage.py demo_codes · Ctrl-C stops all."
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(VENV)/bin/honcho -f Procfile start --port $(PORT)

serve: export DJANGO_SETTINGS_MODULE ?= config.django.production
serve: build ## Production start on one machine: gunicorn, a worker and beat (docs/deploy.md)
	@$(PY) manage.py preflight
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/honcho -f Procfile.serve start

test: build browser-deps ## Run the whole suite: Python (with browser tests) and front end
	$(PY) -m pytest
	$(NPM) test

test-python: build browser-deps
	$(PY) -m pytest

test-frontend: frontend/node_modules/.installed
	$(NPM) test

lint: install ## ruff, ruff format, import layering, mypy, migrations up to date, TypeScript, API types and vocabularies in sync
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy .
	@if [ -d skinlab ]; then $(VENV)/bin/mypy --strict skinlab; fi
	$(PY) manage.py makemigrations --check --dry-run --settings=config.django.test
	$(NPM) run typecheck
	$(MAKE) --no-print-directory api-types
	git diff --exit-code -- frontend/src/lib/api-types.ts frontend/src/lib/vocabulary.ts

# The proof over the whole surface (docs/security.md): the access matrix, schema fuzzing, the
# hostile upload corpus, abuse, `check --deploy` under production settings; then the figures.
SECURITY_TESTS := tests/security \
	metskin/analysis/tests/test_upload_api.py::test_bad_input_gets_a_clear_4xx_and_nothing_is_stored \
	metskin/accounts/tests/test_abuse.py metskin/accounts/tests/test_signin.py \
	metskin/appointments/tests/test_booking_abuse.py metskin/appointments/tests/test_share_lifetime.py \
	metskin/notifications/tests/test_phone_verification.py metskin/core/tests/test_production_settings.py

security: build ## Access matrix, schema fuzzing, hostile uploads, abuse, check --deploy; prints the figures
	@rm -rf var/security
	$(PY) -m pytest -q -p no:cacheprovider $(SECURITY_TESTS)
	$(PY) -m tests.security.summary

bench: migrate ## Run every benchmark and print the tables
	$(PY) -m bench

bench-analysis: install ## skinlab's validation benchmark (synthetic, real photos, speed, stone)
	$(PY) -m bench.analysis

bench-analysis-quick: install
	$(PY) -m bench.analysis --quick --skip-stone

test-skinlab: install ## Only the analysis engine's tests (no database needed)
	$(PY) -m pytest skinlab

api-types: install ## Regenerate the front end's API types (OpenAPI schema) and vocabularies (Python)
	@mkdir -p var
	$(PY) manage.py spectacular --file var/openapi.yaml --settings=config.django.test
	$(NPM) run --silent api-types
	$(PY) scripts/make_vocabulary_ts.py

install: $(VENV)/.synced frontend/node_modules/.installed

build: install frontend/dist/manifest.json

migrate: build
	@$(PY) manage.py create_database
	@$(PY) manage.py preflight
	$(PY) manage.py migrate --noinput

system-deps:
	@scripts/system-deps.sh

browser-deps:
	@scripts/system-deps.sh --browser

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml | system-deps
	$(UV) sync --frozen --inexact
	@touch $@

frontend/node_modules/.installed: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

frontend/dist/manifest.json: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	$(NPM) run build

clean: ## Remove what the build and the embedded defaults made (keeps nothing in var/)
	rm -rf $(VENV) frontend/node_modules frontend/dist var
