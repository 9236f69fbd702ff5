#!/usr/bin/env bash
# CPU per request, per thread, from /proc: the figures bench/README.md quotes
# when it splits a request between the io, preparing, writer and sync threads.
#   bench/threads.sh [rounds=3] [seconds=6] [modes="help pto"] [connections=32]
# Starts the Release server once (a site of 2,000 people, no Slack token) and
# runs each mode's load in turn, rounds times, so that the modes alternate
# through the host's phases. After each load it prints, per thread name, user
# and system microseconds per request and its context switches per request
# (slept, preempted), and the sums over all threads.
# BINARY=path runs another build of sitelead-bot against the same load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-6}
MODES=${3:-help pto}
CONNECTIONS=${4:-32}
B=${BUILD_DIR:-build-release}
BUILD_DIR=$B BUILD_TYPE=Release CMAKE_ARGS=-DSITELEAD_BUILD_BENCH=ON \
    scripts/build.sh sitelead-bot sitelead-loadgen >/dev/null
BINARY=${BINARY:-$PWD/$B/bot/sitelead-bot}
PORT=${PORT:-29190}  # below the ephemeral ports, as in run.sh
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$B/bench/sitelead-loadgen" --write-site "$work/site.json" --users 2000 --port "$PORT"
(cd "$work" && SITELEAD_LOG_LEVEL=warn exec "$BINARY" serve --config site.json) \
    >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.05
done

# One line per thread: its name, user ticks, system ticks, context switches
# (voluntary: it slept; involuntary: it was preempted).
ticks() {
    for task in /proc/"$server"/task/*; do
        printf '%s ' "$(tr ' ' _ <"$task/comm")"
        printf '%s ' "$(sed 's/.*) //' "$task/stat" | awk '{print $12, $13}')"
        awk '/^voluntary_ctxt_switches/ {v = $2} /^nonvoluntary_ctxt_switches/ {n = $2}
             END {print v, n}' "$task/status"
    done
}

declare -A first
for round in $(seq "$ROUNDS"); do
    for mode in $MODES; do
        ticks >"$work/before"
        out=$("$B/bench/sitelead-loadgen" --port "$PORT" --mode "$mode" \
            --connections "$CONNECTIONS" --seconds "$SECONDS_PER_RUN" --users 2000 \
            --first "${first[$mode]:-0}")
        ticks >"$work/after"
        requests=$(echo "$out" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
        first[$mode]=$(( ${first[$mode]:-0} + requests ))
        echo "round $round, $mode: $(echo "$out" | head -1)"
        echo "  $(echo "$out" | sed -n 2p)"
        paste "$work/before" "$work/after" | awk -v n="$requests" -v hz="$(getconf CLK_TCK)" '
            {
                user[$1] += $7 - $2; sys[$1] += $8 - $3
                slept[$1] += $9 - $4; preempted[$1] += $10 - $5
            }
            END {
                f = 1e6 / hz / n
                for (t in user) if (user[t] + sys[t] > 0) {
                    printf "  %-18s %6.1f user %6.1f sys  %5.2f + %5.2f switches\n", t,
                        user[t] * f, sys[t] * f, slept[t] / n, preempted[t] / n
                    all += user[t] + sys[t]; switches += slept[t] + preempted[t]
                }
                printf "  %-18s %6.1f us per request, %5.2f switches\n", "all threads", all * f,
                    switches / n
            }'
    done
done
