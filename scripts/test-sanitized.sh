#!/usr/bin/env bash
# The whole test suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer (every report stops the program that made it),
# built with clang into build-sanitized/ together with the fuzz targets, one
# file at a time, then every fuzz target for FUZZ_SECONDS (default 30) on
# its corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR=${SANITIZED_BUILD_DIR:-build-sanitized}
# Without unity batches: this build also shows that every file compiles on
# its own, including what it uses (a batch hides what a neighbour included).
CXX=clang++ CMAKE_ARGS="-DSITELEAD_FUZZ=ON -DSITELEAD_UNITY_BUILD=OFF" scripts/build.sh
(
    cd "$BUILD_DIR"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export UBSAN_OPTIONS=print_stacktrace=1
    ctest --output-on-failure --timeout 600 -j "${TEST_JOBS:-2}"
)
scripts/fuzz.sh
