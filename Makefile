# Set-up and everyday commands. `make run` and `make test` create .venv and install everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Extra pip arguments for torch (CPU build). On machines with a local CPU wheel nothing is needed;
# elsewhere point pip at PyTorch's CPU wheel index, e.g. TORCH_PIP_ARGS="--index-url <cpu index>".
TORCH_PIP_ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on "torch==2.13.0" $(TORCH_PIP_ARGS)
	$(BIN)/python -m pip install --progress-bar on -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/mixlate models bootstrap
	$(BIN)/mixlate serve --host 127.0.0.1 --port 5000

# axe-core for the accessibility tests in Chromium (skipped when npm is missing or offline).
tests/.node/node_modules/axe-core/axe.min.js:
	-command -v npm >/dev/null && npm install --prefix tests/.node --no-audit --no-fund axe-core@4

test: $(STAMP) tests/.node/node_modules/axe-core/axe.min.js
	$(BIN)/ruff check service tests
	$(BIN)/python -m pytest -m "not bench" $(PYTEST_ARGS)

# The cached-reads benchmark drives the server with wrk (Debian's package), installed here when
# it is missing and this is root on Debian; the benchmark says so and skips without it.
bench: $(STAMP)
	-command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(BIN)/python -m pytest -m bench -s $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check service tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
