#!/usr/bin/env bash
# Installs the Debian 12 packages sitelead-bot builds and tests with, when
# any is missing. Run as root (or through sudo). Safe to run again.
set -euo pipefail

packages=(
    ca-certificates curl cmake g++ ninja-build pkg-config tzdata openssl sqlite3 wrk
    libboost1.81-dev libboost-url1.81-dev
    nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev libspdlog-dev libfmt-dev
    libgtest-dev libgmock-dev libssl-dev libhowardhinnant-date-dev libcli11-dev libfasttext-dev
    clang-format clang libclang-rt-14-dev
    python3 python3-icalendar
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
