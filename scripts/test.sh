#!/usr/bin/env bash
# Installs what is missing, checks the formatting, builds everything and
# runs the whole test suite (unit, end-to-end, crash) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 300 -j "${TEST_JOBS:-2}"
