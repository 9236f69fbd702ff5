#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS (default 30) on its corpus in
# fuzz/corpus/<target>, with ASan and UBSan: a crash, a sanitizer report, a
# leak or an input slower than 10 s fails the run and leaves the input in
# the working directory it prints. New inputs go to a temporary directory,
# never into the source tree. Needs the build of scripts/test-sanitized.sh.
# FUZZ_TARGETS="words config" runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${BUILD_DIR:-build-sanitized}
SECONDS_EACH=${FUZZ_SECONDS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in ${FUZZ_TARGETS:-slack_request words commands faq_query config}; do
    mkdir -p "$work/$target"
    dict=()
    [ "$target" = slack_request ] && dict=(-dict=fuzz/slack.dict)
    echo "fuzz: $target for ${SECONDS_EACH}s"
    if ! (cd "$work" && "$OLDPWD/$B/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" \
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]/#-dict=/-dict=$OLDPWD/}" \
            "$target" "$OLDPWD/fuzz/corpus/$target" >"$target.log" 2>&1); then
        tail -40 "$work/$target.log"
        kept=$(mktemp -d /tmp/sitelead-fuzz-XXXX)
        cp -r "$work"/* "$kept"/
        echo "fuzz: $target FAILED; its inputs and log are in $kept"
        exit 1
    fi
    # Executions, peak memory, and the coverage and corpus it ended with.
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$target.log" |
        tr '\n' ' ' | sed 's/stat:://g'
    { grep -aE "^#[0-9]+[[:space:]]+DONE" "$work/$target.log" || true; } | tail -1 |
        { grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+" || true; }

done
