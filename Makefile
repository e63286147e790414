# Pembina — the two commands: `make demo` (serve the demo city) and `make test` (run the whole suite).
VENV ?= .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export DJANGO_SETTINGS_MODULE ?= pembina.config.settings.local

.PHONY: install demo test lint migrate clean

$(BIN)/python:
	"$$(sh scripts/find-python.sh)" -m venv $(VENV)

$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv sync --frozen --inexact --quiet
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/pembina migrate --no-input -v 0
	$(BIN)/pembina createcachetable

demo: migrate
	sh scripts/demo.sh

test: install
	DJANGO_SETTINGS_MODULE=pembina.config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var
