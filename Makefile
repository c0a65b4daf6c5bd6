# Samenplan: `make run` to try it, `make test` to test it. Both work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/samenplan
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-sqlite test-postgres install install-test assets messages messages-update lint clean screenshots taal bench-booklet bench bench-seed bench-load install-bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python assets pdf-packages
	$(BIN)/pip install -q -e .
	$(MAKE) --no-print-directory messages

install-test: $(BIN)/python assets pdf-packages system-packages
	$(BIN)/pip install -q -e '.[test]'
	$(MAKE) --no-print-directory messages

# NL Design System CSS, exactly as locked in package-lock.json.
assets: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

messages:
	cd samenplan && ../$(BIN)/django-admin compilemessages -v 0

# After changing interface text: update the English catalogue, then translate what is new.
messages-update:
	cd samenplan && ../$(BIN)/django-admin makemessages -l en --no-obsolete --add-location=file -i "*/tests/*"

# Pango and fonts for WeasyPrint (the booklet PDF); most Debian machines have them.
.PHONY: pdf-packages
pdf-packages:
	@ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi "dejavu\|liberation" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation; }

# Debian's Chromium for the browser tests (they run its headless shell; the full browser
# brings the fonts) and poppler-utils for PDF checks.
.PHONY: system-packages
system-packages:
	@command -v chromium-headless-shell >/dev/null && command -v chromium >/dev/null && \
	  command -v pdftoppm >/dev/null && command -v msgfmt >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-headless-shell poppler-utils gettext; }

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v 0
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The two databases run side by side: each run keeps about one core busy (the app, and
# Chromium for the browser tests), and this machine has two. -O keeps their output apart.
test: install-test lint
	$(MAKE) --no-print-directory -j2 -O test-sqlite test-postgres

# bandit: the app's own code (tests and migrations are left out in pyproject.toml).
lint:
	$(BIN)/ruff check .
	$(BIN)/bandit -q -c pyproject.toml -r samenplan

test-sqlite:
	DEBUG=0 SAMENPLAN_ALLOW_INSECURE_KEY=1 $(BIN)/pytest -p no:cacheprovider

# The PostgreSQL user `postgres` (trust auth) creates the test database itself.
test-postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='samenplan'" | grep -q 1 || \
	  createdb -h 127.0.0.1 -U postgres samenplan
	DEBUG=0 SAMENPLAN_ALLOW_INSECURE_KEY=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -p no:cacheprovider

# PNGs of the main pages for each role, at phone and desktop width, in docs/screenshots/.
screenshots: install-test
	DEBUG=0 SAMENPLAN_ALLOW_INSECURE_KEY=1 $(BIN)/pytest tests/browser/screenshots.py

# The B1 figures of every interface string and every page of the sweep, in docs/taal.md.
taal: install-test
	TAAL_REPORT=docs/taal.md DEBUG=0 SAMENPLAN_ALLOW_INSECURE_KEY=1 \
	  $(BIN)/pytest tests/browser/test_accessibility.py -k every_page

# How long Anna's whole booklet takes to make, per paper and text size (docs/performance.md).
bench-booklet: install-test
	$(BIN)/python bench/booklet.py

# Issue 10, at care-group scale (docs/performance.md): `make bench` fills a new PostgreSQL
# database with 10,000 patients (about 7 minutes), runs the load test against gunicorn and
# prints its tables (about 9 minutes), then checks the hot queries with EXPLAIN.
# `make bench-load` runs the last two again on the database as it is.
BENCH_DB ?= samenplan_bench
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_PATIENTS ?= 10000
BENCH_ARGS ?=
bench: bench-seed bench-load

install-bench: install
	$(BIN)/pip install -q -e '.[test,bench]'

bench-seed: install-bench
	dropdb -h 127.0.0.1 -U postgres --if-exists $(BENCH_DB)
	createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	DEBUG=1 DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py migrate --noinput -v 0
	DEBUG=1 DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py createcachetable
	DEBUG=1 DATABASE_URL=$(BENCH_URL) $(BIN)/python manage.py seed_bench --patients $(BENCH_PATIENTS)

bench-load: install-bench
	$(BIN)/python bench/loadtest.py --database-url $(BENCH_URL) $(BENCH_ARGS)
	$(BIN)/python bench/explain.py --database-url $(BENCH_URL)

clean:
	rm -rf $(VENV) node_modules staticfiles samenplan.sqlite3
