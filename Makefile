# The aftercare development portal. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

PYTHON_VERSION := $(shell cat .python-version)
UV := .tools/bin/uv
PY := .venv/bin/python
APT_PACKAGES := chromium poppler-utils libharfbuzz-subset0
APPS := governance projects funding aftercare accounts notices search api opendata

.PHONY: help run test lint format bench system-deps test-deps messages check-deploy clean backup restore loadtest mutants

help: ## List the targets
	@grep -E '^[a-z.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	@# uv in a venv of its own, so it works whichever Python pyenv selects
	python$(PYTHON_VERSION) -m venv .tools || python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON_VERSION)
	@touch $@

.env:
	@echo "Creating .env for local development (DEBUG on, a random SECRET_KEY)."
	@printf 'DEBUG=true\nSECRET_KEY=%s\n' "$$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')" > .env

run: .venv/.synced .env ## Install, migrate the SQLite database, load the demo, serve at http://127.0.0.1:8000/ with a task worker
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	$(PY) manage.py search_reindex
	@echo ""
	@echo "Demo users (password: $${DEMO_PASSWORD:-jalkihuolto-demo}):"
	@echo "  koordinaattori    coordinator at SONet BOTNIA (projects, meetings)"
	@echo "  jasen             member of the SONet BOTNIA board (meeting agendas and minutes)"
	@echo "  esihenkilo-varha  aftercare manager of Varha (Varsinais-Suomi)"
	@echo "  esihenkilo-pp     aftercare manager of Pohjois-Pohjanmaa"
	@echo "  admin             administrator (/admin/; sets up an authenticator app first)"
	@echo "Log in at http://127.0.0.1:8000/accounts/login/"
	@echo "A task worker (e-mails, notices; printed here) runs beside the web server."
	@$(PY) manage.py db_worker --interval 2 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

system-deps: ## Install the system packages the tests need (chromium, poppler-utils, libharfbuzz-subset0)
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get update && sudo apt-get install -y $(APT_PACKAGES)"; exit 1; \
	  fi; \
	fi

OIDC_PROVIDER := tests/oidc/node_modules/.installed

$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "The sign-in tests need Node.js 20+ and npm (apt-get install nodejs npm)."; exit 1; }
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test-deps: system-deps $(OIDC_PROVIDER) ## Install what the tests need: system packages and the test OpenID Connect provider (npm ci)

lint: .venv/.synced ## ruff lint and format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: .venv/.synced ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: test-deps .venv/.synced lint ## ruff, then the whole pytest suite (DATABASE_URL=postgres://… for PostgreSQL)
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run --settings=config.test_settings
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} --dist loadfile

# The benchmark counts on PostgreSQL: DATABASE_URL's server, else this machine's own (as CI's).
BENCH_DATABASE_URL := postgres://postgres@127.0.0.1:5432/portal_bench

bench: .venv/.synced ## National-scale benchmark on PostgreSQL (DATABASE_URL, else local): one table, var/bench/results.json
	@url="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}"; \
	case "$$url" in postgres://*|postgresql://*|pgsql://*) ;; \
	  *) echo "make bench measures on PostgreSQL: DATABASE_URL=postgres://… (now: $$url)"; exit 2;; esac; \
	echo "Benchmark on $${url%%\?*} (pytest's test_ copy of it; generated data kept as template databases)"; \
	DATABASE_URL="$$url" $(PY) -m pytest benchmarks/bench_national.py -q -s --no-header \
	  -o python_files="bench_*.py" -p no:cacheprovider -p no:xdist --reuse-db

messages: .venv/.synced ## Update and compile the fi/sv translation catalogues (project and each app)
	$(PY) manage.py makemessages -l fi -l sv --ignore=.venv --ignore=.tools --ignore=tests --ignore=var \
	  $(foreach app,$(APPS),--ignore=$(app))
	@for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l fi -l sv); done
	$(PY) manage.py compilemessages --ignore=.venv --ignore=.tools

check-deploy: .venv/.synced ## Django's production checklist with production-like settings
	DEBUG=false SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=portal.example.fi $(PY) manage.py check --deploy --fail-level WARNING

backup: .venv/.synced ## Back up the database (DATABASE_URL) to var/backups/ (pg_dump, or a SQLite copy)
	$(PY) manage.py backup $(FILE)

restore: .venv/.synced ## Replace the database with a backup: make restore FILE=var/backups/portal-….dump
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=var/backups/portal-….dump"; exit 1; }
	$(PY) manage.py restore $(FILE)

loadtest: .venv/.synced ## locust against gunicorn: 60 s × 50 users, then with DB connections cut 3 times (PostgreSQL)
	$(PY) loadtest/run.py

clean: ## Remove the virtualenvs and the local database
	rm -rf .venv .tools var staticfiles

mutants: .venv/.synced ## Mutation testing (mutmut) of the rule modules; prints the score per module (resumes; rm -rf mutants to start over)
	-$(PY) -m mutmut run --max-children 2
	$(PY) scripts/mutation_score.py
