#!/usr/bin/env bash
# Type-checks the Slack view golden files (tests/views/golden/*.json) against
# Slack's own TypeScript types (@slack/types, pinned in tests/blockkit) with
# tsc. Installs Debian's nodejs and npm when npm is missing, and runs npm ci
# only when tests/blockkit/node_modules is missing or older than the lock file,
# so a repeated run is fast and needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "check-blockkit: npm is missing: installing Debian's nodejs and npm"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi

dir=tests/blockkit
# npm ci writes node_modules/.package-lock.json last: its age is the install's.
stamp=$dir/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
    echo "check-blockkit: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi

exec node "$dir/check.mjs" "$@"
