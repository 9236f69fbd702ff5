#!/usr/bin/env bash
# The newcomer's command: installs what is missing, builds, and runs
# sitelead-bot on its embedded default: the demo site in
# config/sitelead.example.json, its SQLite file data/sitelead.db, no Slack workspace
# (without SLACK_BOT_TOKEN every message the bot would send is logged and kept
# in the database). Try it from another terminal with:
#   build/bot/sitelead-bot say --as anna "/pto dec 21-23 family trip"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh sitelead-bot
exec build/bot/sitelead-bot serve --config "${SITELEAD_CONFIG:-config/sitelead.example.json}"
