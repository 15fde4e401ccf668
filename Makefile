# Pasar Desa: `make run` serves the product, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3

.PHONY: run setup test lint format messages bench clean

$(VENV)/.installed-base: requirements/base.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt requirements/base.txt $(VENV)/.installed-base
	$(PY) -m pip install --quiet -r requirements/test.txt
	touch $@

# Database, regions and demo data: safe to run again and again.
setup: $(VENV)/.installed-base
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py import_regions
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py collectstatic --noinput -v0

# The web server and, beside it, the scheduled jobs (unanswered orders expire);
# both stop together. In production run `manage.py run_jobs` as its own service
# (or `manage.py run_jobs --once` from cron). Gunicorn trusts forwarded headers
# from the same proxies as Django (PASARDESA_TRUSTED_PROXIES, none by default):
# one list, so the two never disagree about who may claim HTTPS.
run: setup
	@echo "Pasar Desa: http://127.0.0.1:$(PORT)/"
	$(PY) manage.py run_jobs & jobs=$$!; trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn pasardesa.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips "$(PASARDESA_TRUSTED_PROXIES)"

# Lint (layers included), then the whole suite on SQLite, then on PostgreSQL (see README).
test: lint
	$(PY) -m pytest -p no:cacheprovider -n 2
	bash scripts/test-postgres

# ruff, and the layers of DESIGN.md (import-linter, contract in pyproject.toml).
lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# After changing user-facing text: refresh locale/en and translate the new
# entries (needs GNU gettext); tests/core/test_translations.py checks it.
messages: $(VENV)/.installed-test
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles
	$(PY) manage.py compilemessages -l en --ignore=.venv

bench: $(VENV)/.installed-test
	$(PY) bench/page_weight.py
	$(PY) bench/ledger.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
