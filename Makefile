# Quick start: `make run` (serve the dashboard with the sample reports), `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The embedded database and development settings unless the environment says otherwise.
export DJANGO_DEBUG ?= 1
SAMPLES := $(wildcard reports/samples/*.txt)

.PHONY: run test setup data browser clean evaluate

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# What only the tests need, beside the app's own requirements.
$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var/static
	$(PY) scripts/compile_messages.py
	$(PY) manage.py migrate --noinput

# Reference data and sample reports; every step is idempotent and quick when nothing changed.
data: setup
	$(PY) manage.py load_areas
	$(PY) manage.py load_terms
	$(PY) manage.py load_catalogue
	$(PY) manage.py ingest $(SAMPLES)

# The web server and, beside it, the worker that ingests uploads in the background (stopped with it).
run: data
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py db_worker --no-reload -v0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium and its driver for the end-to-end browser tests (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The extractor scored on the development corpus (real reports' texts from $$REAL_REPORTS_DIR when set).
evaluate: setup
	$(PY) manage.py load_areas
	$(PY) manage.py load_terms
	$(PY) manage.py load_catalogue
	$(PY) manage.py evaluate_extraction $(EVALUATE_ARGS)

test: setup browser $(VENV)/.installed-test
	$(PY) -m pytest

clean:
	rm -rf var $(VENV)
