#!/usr/bin/env bash
# CI: build the Linux bundle with the locked build tools, run the bundle's own --self-test, then
# the bundle's segment (every method) and measure commands on the demo shop (bundle_runs.py).
# Fails when the build fails, when any self-test check fails (each failing check is named) or
# when a command run fails.
#
# Usage: bash packaging/ci_build.sh [VENV]
#   VENV: a virtual environment to reuse (default .venv, the one .ci/run makes); it is created
#   when missing. PyInstaller and its hooks are installed into it from requirements/packaging.lock.
# Measured on the 2-core CI machine: about 2 minutes for the build, 5 s for the self-test and 15 s
# for the command runs (plus about 1 minute for the first install of the build tools).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${1:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet -r requirements/packaging.lock
"$VENV/bin/pip" install --quiet --no-deps -e .

OUT=${SEGMENTER_BUILD_DIR:-build/ci}
rm -rf "$OUT"
start=$(date +%s)
# --clean: no PyInstaller cache from an earlier run can hide a missing module.
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/build.py --clean \
  --dist "$OUT/dist" --work "$OUT/work" --report "$OUT/selftest-report.json"
# The commands as a user runs them, from the bundle: segment with every method, measure.
"$VENV/bin/python" packaging/bundle_runs.py "$OUT/dist/segmenter/segmenter" --work "$OUT/runs"
echo "packaging/ci_build.sh: bundle built and self-tested in $(( $(date +%s) - start )) s"
