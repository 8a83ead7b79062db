#!/usr/bin/env bash
# Regenerates the lock files from the .in files, for every platform the app ships on.
# Needs uv (pip install uv); the lock files themselves install with plain pip.
set -euo pipefail
cd "$(dirname "$0")"
for name in app dev packaging; do
  uv pip compile "$name.in" --universal --python-version 3.11 --generate-hashes -o "$name.lock" --quiet
done
