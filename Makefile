# make run: set up and start the app.  make test: set up and run every check, browser tests included.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium
# Audit tools from the npm registry (Lighthouse, pa11y, the Nu HTML checker), pinned in tools/package-lock.json.
TOOLS := tools/node_modules

.PHONY: run serve worker test bench check-data lint chromium caddy audit-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@ $(VENV)/.app-installed

run: PORT ?= 8501
run: $(VENV)/.app-installed
	$(BIN)/streamlit run app.py --server.port $(PORT)

# A clinic's server: WORKERS Streamlit processes (on 127.0.0.1 from FIRST_WORKER_PORT on) behind Caddy on
# PORT, the patient guide under /guide/. LISTEN: the one address to listen on (default: every address).
serve: PORT ?= 8080
serve: FIRST_WORKER_PORT ?= 8501
serve: LISTEN ?=
serve: $(VENV)/.app-installed caddy
	$(BIN)/python -m deploy.serve --port $(PORT) --workers $(WORKERS) --first-worker-port $(FIRST_WORKER_PORT) --listen "$(LISTEN)"

# Workers for a make serve on another machine (no proxy here); see the README's "Several machines".
worker: ADDRESS ?= 127.0.0.1
worker: FIRST_WORKER_PORT ?= 8501
worker: $(VENV)/.app-installed
	$(BIN)/python -m deploy.worker --address $(ADDRESS) --first-port $(FIRST_WORKER_PORT) --workers $(WORKERS)

# Debian's Caddy for make serve and its tests. Debian starts a default Caddy service on port 80 when
# it installs the package; this project runs its own, so that one is switched off where systemd runs.
caddy:
	@if ! command -v caddy >/dev/null 2>&1; then \
		echo "Installing Debian's caddy for make serve"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq caddy; \
		$(SUDO) systemctl disable --now caddy >/dev/null 2>&1 || true; \
	fi

# Debian's Chromium for the browser tests; never a browser download.
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; \
	fi
	@$(CHROMIUM) --version >/dev/null 2>&1 || { echo "ERROR: Chromium is not available at $(CHROMIUM); the browser tests cannot run. Install Debian's 'chromium' package."; exit 1; }

# Node.js and npm (Debian's, when missing) for Lighthouse 12.2.3 (declares Node >= 18.16, which Debian 12's
# nodejs 18.19 meets) and pa11y 9.1.0 (Node >= 20: bench/audit.py only, never make test); a Java runtime
# for the Nu checker. --ignore-scripts: vnu-jar's install script would download a Java of its own and
# puppeteer's a Chrome (pa11y is pointed at Debian's Chromium instead); nothing else needs one.
$(TOOLS)/.installed: tools/package.json tools/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Installing Debian's nodejs and npm for the audit tools"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	@command -v java >/dev/null 2>&1 || { echo "Installing Debian's Java runtime for the Nu HTML checker"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }
	cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

audit-tools: $(TOOLS)/.installed

check-data: $(VENV)/.app-installed
	$(BIN)/python -m explainer check-data

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev-installed chromium caddy audit-tools lint check-data
	$(BIN)/pytest

# Speed against a minimal Streamlit page, in one run; writes bench/RESULTS.md and bench/results.json.
bench: $(VENV)/.dev-installed chromium caddy audit-tools
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache screenshots build $(TOOLS)
