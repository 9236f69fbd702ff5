#!/usr/bin/env bash
# Instructions per request, per thread, counted by callgrind: repeatable where
# wall-clock CPU is not (a shared VM moves the same build by ±10 µs).
#   bench/callgrind.sh [mode=pto] [seconds=10] [connections=8]
# Runs the RelWithDebInfo build (BUILD_DIR, default build) under
# valgrind --tool=callgrind --separate-threads=yes, drives it with the
# Release load generator, zeroes the counters after a warm-up and dumps them
# after the load. The dumps stay in $OUT (default /tmp/sitelead-callgrind) for
# callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-pto}
SECONDS_OF_LOAD=${2:-10}
CONNECTIONS=${3:-8}
B=${BUILD_DIR:-build}
OUT=${OUT:-/tmp/sitelead-callgrind}
PORT=${PORT:-29183}  # below the ephemeral ports, as in run.sh
BUILD_DIR=$B scripts/build.sh sitelead-bot >/dev/null
BUILD_DIR=build-release BUILD_TYPE=Release CMAKE_ARGS=-DSITELEAD_BUILD_BENCH=ON \
    scripts/build.sh sitelead-loadgen >/dev/null
LOADGEN=build-release/bench/sitelead-loadgen
work=$(mktemp -d)
rm -rf "$OUT" && mkdir -p "$OUT"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

"$LOADGEN" --write-site "$work/site.json" --users 2000 --port "$PORT"
(cd "$work" && SITELEAD_LOG_LEVEL=warn exec valgrind --tool=callgrind --separate-threads=yes \
    --callgrind-out-file="$OUT/cg.out" "$OLDPWD/$B/bot/sitelead-bot" serve --config site.json) \
    >"$work/server.log" 2>&1 &
for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
warm=$("$LOADGEN" --port "$PORT" --mode "$MODE" --connections 4 --seconds 2 --users 2000)
sleep 1
callgrind_control -z >/dev/null 2>&1
# Numbered after the warm-up's requests, so that no /pto request repeats one.
out=$("$LOADGEN" --port "$PORT" --mode "$MODE" --connections "$CONNECTIONS" \
    --seconds "$SECONDS_OF_LOAD" --users 2000 \
    --first "$(echo "$warm" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')")
sleep 2
callgrind_control -d >/dev/null 2>&1
sleep 1
echo "$out" | head -1
requests=$(echo "$out" | sed -n 's/.* requests=\([0-9]*\).*/\1/p')
total=0
for f in "$OUT"/cg.out.1-*; do
    n=$(awk '/^summary:/ {print $2; exit}' "$f")
    [ -z "$n" ] || [ "$n" -eq 0 ] && continue
    name=thread
    grep -q 'Writer::loop' "$f" && name=writer
    grep -q 'sync_loop' "$f" && [ "$name" = thread ] && name=sync
    echo "$(basename "$f") ($name): $((n / requests)) instructions per request"
    total=$((total + n))
done
echo "all threads: $((total / requests)) instructions per request"
