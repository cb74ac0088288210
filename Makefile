# newsprism: `make run` sets up and runs the main job on the bundled example;
# `make test` sets up and runs the tests. Both work from a clean clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
EXAMPLE := examples/airstrikes-iraq
RUN_DB := .newsprism/example.duckdb
RUN_HTML := .newsprism/example-report.html
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test bench setup clean browser java fuzz

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,spark]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsprism ingest --db $(RUN_DB) $(EXAMPLE)
	$(VENV)/bin/newsprism list --db $(RUN_DB)
	$(VENV)/bin/newsprism compare --db $(RUN_DB) --html $(RUN_HTML) $$($(VENV)/bin/newsprism list --db $(RUN_DB) --ids)
	@echo "HTML report of the example: $(abspath $(RUN_HTML))"

# The browser tests drive Debian's Chromium (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The Spark engine (newsprism[spark], installed by setup) needs a Java runtime.
java:
	@command -v java >/dev/null 2>&1 || { \
		echo "installing Debian's Java runtime for the Spark engine"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

test: $(STAMP) browser java
	$(PY) -m pytest -q

# Coverage-guided fuzzing of every reader and the compare engine (FUZZ_SECONDS per target).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(PY) -m fuzz --seconds $(FUZZ_SECONDS)

# The benchmarks also measure the optional torch path (fidelity and cost baseline).
BENCH_STAMP := $(VENV)/.bench-$(shell sha1sum pyproject.toml | cut -c1-12)
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install -q -e ".[dev,spark,torch]"
	rm -f $(VENV)/.bench-*
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .newsprism .pytest_cache
