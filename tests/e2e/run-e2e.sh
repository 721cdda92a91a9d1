#!/usr/bin/env bash
# End-to-end: the bot, the Agents Playground and headless Chromium, all inside a loopback-only network namespace
# (the playground tries to reach outside addresses even with telemetry off) and a PID namespace of their own, so that
# nothing started here outlives the run: when this script ends, the kernel ends every process left in the namespace.
# Run as root:
#   unshare --net --pid --fork --mount-proc --kill-child bash tests/e2e/run-e2e.sh BOT_DLL OUT_DIR
# Without the PID namespace the script still stops what it started: the bot and the playground each run in a
# process group of their own (setsid), and every group is sent TERM, then KILL, when the script exits, pass or fail.
set -euo pipefail
mkdir -p "$2"
bot_dll="$(realpath "$1")"; out="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
ip link set lo up

groups=()
stop_all() {
  local g i alive
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  pkill -TERM -P $$ 2>/dev/null || true   # drive.mjs, when the script itself was stopped (Playwright then closes Chromium)
  for i in $(seq 1 50); do
    alive=0
    for g in "${groups[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && return
    sleep 0.1
  done
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
}
trap stop_all EXIT
# A background job of this (non-interactive) shell is not a process group leader, so setsid makes it the leader of
# a new group in place: $! is then both the process and its group.
start() { setsid "$@" & groups+=($!); }

# The bot with no app id (local development mode) and its data in the output folder. The playground's user
# (Entra object id ...020) is made a member of IOM's ethics office, so the browser can also work the review queue.
Organizations__iom__EthicsOffice__Members__0=00000000-0000-0000-0000-0000000000020 \
Storage__SqlitePath="$out/ethicsbot.db" Organizations__Default=iom start dotnet "$bot_dll" > "$out/bot.log" 2>&1
cd "$here"
TEAMSAPPTESTER_BROWSER=none start node node_modules/@microsoft/m365agentsplayground/cli.js \
  -e http://127.0.0.1:3978/api/messages -c msteams -p 56150 --conversation-id e2e --disable-telemetry > "$out/playground.log" 2>&1

for i in $(seq 1 120); do
  if curl -sf http://127.0.0.1:3978/healthz > /dev/null && curl -sf http://127.0.0.1:56150/ > /dev/null; then break; fi
  sleep 0.5
done
curl -sf http://127.0.0.1:3978/healthz > /dev/null || { echo "FAIL the bot did not start"; cat "$out/bot.log"; exit 1; }
curl -sf http://127.0.0.1:56150/ > /dev/null || { echo "FAIL the playground did not start"; cat "$out/playground.log"; exit 1; }

# Playwright closes Chromium when drive.mjs ends, and on TERM; in the PID namespace the kernel ends it regardless.
node drive.mjs http://127.0.0.1:56150/ "$out"
