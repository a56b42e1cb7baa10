# Two commands on a fresh machine: `make run` and `make test`. Only Python 3.11+ and make are assumed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format migrate model worker demo bench bench-extract extract-identity eval-extract eval-checkworthy bench-archive bench-archive-knobs bench-memory bench-paste bench-api check-deploy clean messages

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found %s); set PYTHON=python3.11" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo_data

## model: train the English check-worthiness model into var/models/ when ../shared/data/claims/ is there (no weights ship)
model: $(STAMP)
	$(PY) manage.py train_checkworthy --if-data --skip-existing

## run: set everything up and serve the workbench (web + Celery worker) at http://$(HOST):$(PORT)/
run: demo model
	$(PY) manage.py serve_workbench --host $(HOST) --port $(PORT)

## worker: a Celery worker (with the periodic sweep) on the configured broker
worker: $(STAMP)
	$(VENV)/bin/celery -A factcheck worker --beat --loglevel INFO --concurrency 2

## test: the whole suite (SQLite + embedded broker unless DATABASE_URL / REDIS_URL are set)
test: model
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: $(STAMP)
	DEBUG=0 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=factcheck.example $(PY) manage.py check --deploy --fail-level WARNING

bench: bench-extract eval-extract eval-checkworthy bench-archive bench-memory bench-paste

bench-extract: $(STAMP)
	$(PY) bench/extract_speed.py

## extract-identity: a digest of the full extract() output on every eval text (a speed change must not move it)
extract-identity: model
	$(PY) bench/extract_identity.py

eval-extract: model
	$(PY) bench/extract_eval.py --baseline --with-blind

eval-checkworthy: model
	$(PY) bench/checkworthy_eval.py --baseline

bench-archive: $(STAMP)
	$(PY) bench/archive_speed.py

## bench-archive-knobs: CPU ms per page of each trafilatura option archiving could change, and whether the text changes
bench-archive-knobs: $(STAMP)
	$(PY) bench/archive_knobs.py

## bench-memory: idle worker PSS after the preload (BASELINE_REPO=../other-checkout measures it too, same run)
bench-memory: $(STAMP)
	$(PY) bench/worker_memory.py $(if $(BASELINE_REPO),--baseline-repo $(BASELINE_REPO))

## messages: update locale/*/django.po from the templates and Python code, then compile the .mo files
## (needs GNU gettext: apt-get install gettext). The compiled .mo files are committed.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=var --ignore=locale
messages: $(STAMP)
	$(PY) manage.py makemessages -l fr -l en --no-location --no-obsolete $(MESSAGES_IGNORE)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules
## bench-api: API latency at newsroom scale on PostgreSQL (BENCH_DATABASE_URL, default factcheck_api)
bench-api: $(STAMP)
	$(PY) bench/api_load.py
## bench-paste: paste → claims latency through the real web server and worker
bench-paste: $(STAMP)
	$(PY) bench/paste_latency.py

clean:
	rm -rf var/broker var/test-*.sqlite3 .pytest_cache .mypy_cache .ruff_cache
