#!/usr/bin/env bash
# Runs the benchmarks of bench/README.md against a release build:
#   bench/run.sh [seconds] [connections]
# 1. GET /healthz, signed /sitelead help, signed /sitelead digest (the site
#    lead's, on the empty site), signed /pto creating a request
#    (unique users and dates, synchronous=FULL), signed /expense submitting
#    one (a meal with its receipt link, to the manager), signed /office
#    filing a ticket (triaged, checked for repeats, posted to BizOps), each
#    at 32 connections;
# 2. a signed /faq question against a generated FAQ of 10,000 entries, alone
#    and while the /pto load runs on 32 other connections;
# 3. the /pto load again while the fake Slack answers every call after 2 s.
# Every server listens on loopback only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-32}
BUILD_DIR=${BUILD_DIR:-build-release} BUILD_TYPE=Release \
    CMAKE_ARGS=-DSITELEAD_BUILD_BENCH=ON scripts/build.sh sitelead-bot sitelead-loadgen bench-slow-slack >/dev/null
B=${BUILD_DIR:-build-release}
# Below the kernel's ephemeral ports (32768-60999 on Linux), so that no
# client connection of the run can hold it when a server starts again.
PORT=${PORT:-29170}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$B/bench/sitelead-loadgen" --write-site "$work/site.json" --users 2000 --port "$PORT"

run_server() {  # $1: extra env assignments, $2: the site file (site.json)
    rm -f "$work"/bench.db*
    (cd "$work" && env $1 SITELEAD_LOG_LEVEL=warn "$OLDPWD/$B/bot/sitelead-bot" serve \
        --config "${2:-site.json}") >"$work/server.log" 2>&1 &
    server=$!
    for _ in $(seq 600); do
        curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    echo "server did not start"; cat "$work/server.log"; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # user + system
# The writer thread's user + system ticks: the one serial resource.
writer_ticks() {
    for task in /proc/"$server"/task/*; do
        if [ "$(cat "$task/comm")" = sitelead-writer ]; then
            sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}'
            return
        fi
    done
    echo 0
}

# $1: mode, $2: connections. Prints the load generator's figures and the
# server's CPU per request.
load() {
    local before after wbefore wafter out requests
    before=$(cpu_ticks)
    wbefore=$(writer_ticks)
    out=$("$B/bench/sitelead-loadgen" --port "$PORT" --mode "$1" --connections "${2:-$CONNECTIONS}" \
        --seconds "$SECONDS_PER_RUN" --users 2000)
    after=$(cpu_ticks)
    wafter=$(writer_ticks)
    echo "$out"
    requests=$(echo "$out" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
    # Microseconds per request to a tenth: whole ones would move a ratio of
    # two lines by a few percent.
    per_request() {
        awk -v t="$1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'
    }
    local cpu ratio=""
    cpu=$(per_request $((after - before)))
    [ "$1" = healthz ] && HEALTHZ_CPU=$cpu
    [ "$1" = help ] && HELP_CPU=$cpu
    ratio_to() { awk -v a="$cpu" -v b="$1" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
    [ -n "${HEALTHZ_CPU:-}" ] && [ "$1" != healthz ] && ratio=" ($(ratio_to "$HEALTHZ_CPU")x /healthz"
    [ -n "$ratio" ] && [ -n "${HELP_CPU:-}" ] && [ "$1" != help ] &&
        ratio="$ratio, $(ratio_to "$HELP_CPU")x /sitelead help"
    [ -n "$ratio" ] && ratio="$ratio)"
    echo "server CPU: $cpu us per request$ratio;" \
         "writer thread: $(per_request $((wafter - wbefore))) us per request"
}

stop_server() {
    echo "peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}')"
    kill -TERM "$server"; wait "$server" || true
}

echo "== no Slack token: messages go to the log and the database"
run_server ""
for mode in healthz help digest pto expense office; do load "$mode"; done
stop_server

echo
echo "== a FAQ of 10,000 generated entries (loaded at start-up)"
"$B/bench/sitelead-loadgen" --write-faq "$work/faq.json" --entries 10000 \
    --write-examples "$work/faq_examples.json"
"$B/bench/sitelead-loadgen" --write-site "$work/site-faq.json" --users 2000 --port "$PORT" \
    --faq faq.json --examples faq_examples.json
run_server "" site-faq.json
# Its classifier trains in the background from start-up: the load waits
# for it, to measure answers that ask it.
trained() { curl -sf "http://127.0.0.1:$PORT/metrics" | awk '$1 == "sitelead_faq_'"$1"'" {print $2}'; }
for _ in $(seq 1200); do [ "$(trained classifiers_trained)" = 1 ] && break; sleep 0.1; done
echo "its classifier trained in $(trained classifier_training_seconds) s"
load faq
echo "-- 4 connections asking while /pto requests are created on $CONNECTIONS others"
"$B/bench/sitelead-loadgen" --port "$PORT" --mode pto --connections "$CONNECTIONS" \
    --seconds "$SECONDS_PER_RUN" --users 2000 >"$work/pto-beside.txt" &
pto_load=$!
"$B/bench/sitelead-loadgen" --port "$PORT" --mode faq --connections 4 \
    --seconds "$SECONDS_PER_RUN" --users 2000
wait "$pto_load"
echo "the /pto load beside it:"; cat "$work/pto-beside.txt"
stop_server

echo
echo "== Slack answers every call after 2 s"
"$B/bench/bench-slow-slack" --delay-ms 2000 >"$work/slack.url" 2>"$work/slack.log" &
slack=$!
for _ in $(seq 100); do [ -s "$work/slack.url" ] && break; sleep 0.05; done
run_server "SLACK_BOT_TOKEN=xoxb-bench SLACK_API_BASE_URL=$(cat "$work/slack.url")"
load pto
stop_server
kill -TERM "$slack"; wait "$slack" || true
cat "$work/slack.log"
