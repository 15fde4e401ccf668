# Pasar Desa: `make run` serves the product, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3

.PHONY: run setup test test-sqlite test-postgres lint format e2e bench clean

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

run: setup
	@echo "Pasar Desa: http://127.0.0.1:$(PORT)/"
	$(VENV)/bin/gunicorn pasardesa.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips 127.0.0.1

# Lint, then the whole suite on SQLite, then on PostgreSQL (see README).
test: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -p no:cacheprovider -n 2
	bash scripts/test-postgres

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(VENV)/.installed-test
	$(PY) bench/page_weight.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
