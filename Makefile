# The two commands a newcomer needs: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# uv installs the lock file's wheels from its cache in seconds (pip: about 2 minutes, docs/performance.md).
UV_VERSION := 0.13.9
# No telemetry or crash reports leave the machine.
export RASA_TELEMETRY_ENABLED := false
# Python keeps the bytecode of what it imports (in .venv and here), so the next process starts
# from it: Docker images and CI machines often set PYTHONDONTWRITEBYTECODE, and every process
# then compiled Rasa, TensorFlow and spaCy from source again (a Rasa start 17 -> 11 s of
# imports, docs/performance.md).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install train run test lint validate pytest unit evaluate crossval lock browsers proxy clean bench

help: ## lists the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(INSTALLED): requirements.lock scripts/find-python310.sh
	@PY310=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
		rm -rf $(VENV); echo "Création de $(VENV) avec $$PY310"; "$$PY310" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	$(PY) -m pip check
	@touch $@

install: $(INSTALLED) ## creates .venv from requirements.lock (seconds when nothing changed)

# Rasa 3 writes a new model on every `rasa train`: `bot train` trains only when a training
# input changed and keeps the last MODELS_TO_KEEP models (3 by default). Started as a module
# of its own: `python -m bot` would import Rasa first (20 s instead of 0.3 s).
# `make test` validates the data beside the training (`bot validate`, stricter than Rasa's own
# check at training time), so there the training skips Rasa's (7 s).
TRAIN_FLAGS ?=
train: install ## trains the model when data, domain, config or NLU code changed
	$(PY) -m bot.commands.train $(TRAIN_FLAGS)

run: train ## starts the assistant (widget, staff console, REST API)
	$(PY) -m bot run

lint: install ## ruff and the type checker (mypy, configured in pyproject.toml)
	$(PY) -m ruff check bot actions tests benchmarks
	$(PY) -m mypy

validate: install ## checks the training data (any unexplained warning fails)
	$(PY) -m bot validate

# The sets that measure understanding and safety (tests/data/README.md says where each comes from).
# CI scores the sets with a floor (dev, held-out) and requires every emergency of the urgency batches
# tuned on (data/safety/, the alarm reader's training data); `make evaluate` adds the blind
# understanding sets B1-B3 and the urgency batches U14-U17, never tuned on.
CI_EVALUATION_SETS := tests/data/patient_questions_dev.csv tests/data/heldout_questions.csv \
	data/safety/blind_urgency_u1.csv data/safety/blind_urgency_u2.csv data/safety/blind_urgency_u3.csv \
	data/safety/blind_urgency_u4.csv data/safety/blind_urgency_u5.csv data/safety/blind_urgency_u9.csv \
	data/safety/urgency_messages.csv data/safety/blind_urgency_u11.csv data/safety/blind_urgency_u13.csv \
	data/safety/blind_urgency_u6.csv data/safety/blind_urgency_u7.csv data/safety/blind_urgency_u8.csv \
	data/safety/blind_urgency_u10.csv data/safety/blind_urgency_u12.csv
EVALUATION_SETS := $(CI_EVALUATION_SETS) \
	tests/data/blind_questions_b1.csv tests/data/blind_questions_b2.csv tests/data/blind_questions_b3.csv \
	tests/data/blind_urgency_u14.csv tests/data/blind_urgency_u15.csv tests/data/blind_urgency_u16.csv \
	tests/data/blind_urgency_u17.csv
# CI fails below what the shipped model reaches minus 3 points (docs/understanding.md), and when
# the whole pipeline misses one emergency of a CI urgency batch or alarms on more than 3 % of calm rows.
DEV_SET_FLOOR := 0.88
MIN_ACCURACY := --min-accuracy patient_questions_dev.csv=$(DEV_SET_FLOOR) --min-accuracy heldout_questions.csv=0.9

evaluate: train ## accuracy, clarifications and urgency figures on every evaluation set, beside the TF-IDF baseline; HTML reports in results/evaluation
	$(PY) -m bot evaluate $(EVALUATION_SETS) $(MIN_ACCURACY)

browsers: ## installs the Chromium the browser tests drive
	@scripts/install-chromium.sh

proxy: ## installs nginx, the load balancer of the multi-instance test
	@scripts/install-nginx.sh

# Both cores: an end-to-end module stays on one worker, the longest group first, in the order
# tests/e2e/conftest.py gives (xdist would otherwise sort the groups by number of tests).
TEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

pytest: install ## runs the tests only (tests/unit, tests/e2e), on TEST_WORKERS workers (2)
	$(PYTEST)

# The unit tests need no trained model: one process, beside the training.
unit: install ## runs tests/unit only, in one process (no trained model needed)
	$(PY) -m pytest -n 0 tests/unit

# Both cores all along (docs/performance.md): lint, validation and the unit tests beside the
# training, which keeps about one core busy, then the evaluation beside the end-to-end tests.
# Each step's output is printed whole, and any failing step fails the target.
CI_EVALUATION_LOG := results/ci-evaluation.log

test: install browsers proxy ## everything CI runs: lint, validate, train, evaluate, tests
	@$(MAKE) --no-print-directory --jobs=4 --output-sync=target lint validate train unit TRAIN_FLAGS=--skip-validation
	@mkdir -p $(dir $(CI_EVALUATION_LOG)); \
	$(PY) -m bot evaluate $(CI_EVALUATION_SETS) $(MIN_ACCURACY) --every-emergency --quiet --no-baseline \
		> $(CI_EVALUATION_LOG) 2>&1 & evaluation=$$!; \
	$(PYTEST) tests/e2e; tests=$$?; \
	wait $$evaluation; evaluated=$$?; \
	echo; echo "=== Évaluation (bot evaluate, en parallèle des tests)"; cat $(CI_EVALUATION_LOG); \
	if [ $$evaluated -ne 0 ]; then echo "Évaluation en échec (code $$evaluated)."; fi; \
	exit $$(( tests != 0 || evaluated != 0 ))

crossval: install ## 5-fold cross-validation of the understanding designs, F1 per topic (slow, not in CI)
	$(PY) -m bot crossval

# Stock Rasa (`rasa init`'s config on this data, trained once per data) side by side with
# this assistant: table, results/bench/bench.json and results/bench/latency_vs_clients.png.
# BENCH_FLAGS=--stock-epochs=3: against a timing-only stock model (minutes to train instead of hours).
BENCH_FLAGS ?=
bench: train ## speed, memory, size and accuracy against stock Rasa (figures, no pass/fail)
	$(PY) -m benchmarks.bench $(BENCH_FLAGS)

# Regenerates the lock file from requirements.in in a throwaway venv.
lock: ## regenerates requirements.lock from requirements.in
	@PY310=$$(scripts/find-python310.sh) || exit 1; rm -rf /tmp/lock-venv; \
	"$$PY310" -m venv /tmp/lock-venv && /tmp/lock-venv/bin/pip install -q pip==24.0 && \
	/tmp/lock-venv/bin/pip install -q -r requirements.in && /tmp/lock-venv/bin/pip check && \
	/tmp/lock-venv/bin/pip freeze --exclude-editable > requirements.lock

clean: ## removes models, results and caches
	rm -rf models results .pytest_cache .mypy_cache
