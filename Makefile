# Thi đua GPMB — `make run` serves the portal with demo data; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# A checkout is a development machine unless told otherwise.
export DEBUG ?= 1

.PHONY: run test setup system-packages venv messages migrate demo lint format check-messages clean

run: setup demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: system-packages venv messages migrate

system-packages:
	@bash scripts/system-packages.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

messages: venv
	$(PY) manage.py compilemessages --ignore=.venv -v0

migrate: venv
	$(PY) manage.py migrate --noinput -v0

demo: migrate
	$(PY) manage.py seed_demo

# Fails on an untranslated or fuzzy entry of the Vietnamese catalogue.
check-messages: venv
	@# Catalogue first refreshed from the code: a string missing from it counts as untranslated.
	@$(PY) manage.py makemessages -l vi --no-location --no-obsolete -v0 \
	  --ignore=.venv --ignore=static --ignore=var --ignore=bench
	@untranslated=$$(msgattrib --untranslated --no-obsolete locale/vi/LC_MESSAGES/django.po | grep -c '^msgid' || true); \
	fuzzy=$$(msgattrib --only-fuzzy --no-obsolete locale/vi/LC_MESSAGES/django.po | grep -c '^msgid' || true); \
	if [ "$$untranslated" != "0" ] || [ "$$fuzzy" != "0" ]; then \
	  echo "Vietnamese catalogue: $$untranslated untranslated, $$fuzzy fuzzy entries"; \
	  msgattrib --untranslated --only-fuzzy locale/vi/LC_MESSAGES/django.po; exit 1; fi; \
	echo "Vietnamese catalogue complete."

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var db.sqlite3
