# griller — the two commands that matter: `make demo` and `make test`. Both set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Prebuilt llama.cpp without the multimodal helper: halves the compile (see docs/BENCHMARKS.md).
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-packages test lint demo bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-packages
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[all,dev]"
	touch $(STAMP)

# PortAudio (microphone) and espeak-ng (speech) are system libraries; install them when we can.
system-packages:
	@missing=""; for p in libportaudio2 espeak-ng; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing system packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "note: missing system packages:$$missing (voice features need them): sudo apt-get install$$missing"; \
	fi

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -q

demo: install
	$(BIN)/griller review examples/transcript.md --verbose

bench: install
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/review_throughput.py

eval: install
	$(BIN)/griller eval tests/data/eval_dev.jsonl tests/data/eval_holdout.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
