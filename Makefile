# newsclean: `make run` and `make test` are all a fresh machine needs (Python 3.11 + PyPI).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .tools/bin/uv
PY := .venv/bin/python
EVAL_DIR ?= $(or $(NEWSCLEAN_EVAL_DIR),../shared/eval)

export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1

.PHONY: setup run test test-fast lint format schemas eval bench train clean-data serve deploy

setup: .venv/.synced

# uv itself comes from PyPI into a private tool venv, pinned, so nothing is installed globally.
$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

run: setup
	$(PY) flows/ingest.py data/raw --out data/clean

test: setup
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow"

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

schemas: setup
	$(PY) -m newsclean.schema_export schemas

clean-data:
	rm -rf data/clean/articles data/clean/rejects data/clean/_runs

eval: setup
	NEWSCLEAN_EVAL_DIR=$(EVAL_DIR) $(PY) tools/evaluate.py

serve: setup
	$(PY) flows/serve.py

# Needs a Prefect server (PREFECT_API_URL), e.g. `.venv/bin/prefect server start` in another shell.
deploy: setup
	.venv/bin/prefect work-pool inspect newsclean >/dev/null 2>&1 || \
		.venv/bin/prefect work-pool create newsclean --type process
	NEWSCLEAN_HOME=$(CURDIR) .venv/bin/prefect --no-prompt deploy --all

bench: setup
	NEWSCLEAN_EVAL_DIR=$(EVAL_DIR) $(PY) benchmarks/bench.py

# Re-learn the line scorer from the dev split (deterministic); writes src/newsclean/cleaning/line_model.json.
train: setup
	NEWSCLEAN_EVAL_DIR=$(EVAL_DIR) $(PY) tools/train_line_model.py
