# Samverkansboten: every target that needs the virtual environment installs it first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test chat bench lint seed manifest clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m bot serve

test: $(STAMP)
	$(PY) -m pytest -q $(PYTEST_ARGS)

chat: $(STAMP)
	$(PY) -m bot chat $(if $(AS),--as $(AS),)

bench: $(STAMP)
	$(PY) -m bench

lint: $(STAMP)
	$(PY) -m ruff check bot dialogs tests bench
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

manifest: $(STAMP)
	$(PY) -m bot manifest --app-id $(APP_ID) --out var/samverkansboten.zip

clean:
	rm -rf $(VENV) var/*.db var/*.db-* .pytest_cache .mypy_cache .ruff_cache
