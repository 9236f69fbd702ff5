#!/usr/bin/env bash
# Installs what is missing, checks the formatting and the Block Kit of the
# golden views, builds everything and runs the whole test suite (unit,
# end-to-end, crash) with CTest; then the suite again under ASan and UBSan,
# and every fuzz target for a short fixed time (scripts/test-sanitized.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
# The golden views the tests compare with, type-checked against Slack's own types.
scripts/check-blockkit.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --timeout 300 -j "${TEST_JOBS:-2}"
cd - >/dev/null
scripts/test-sanitized.sh
