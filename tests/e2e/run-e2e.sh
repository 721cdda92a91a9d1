#!/usr/bin/env bash
# End-to-end: the bot, the Agents Playground and headless Chromium, all inside a loopback-only network namespace
# (the playground tries to reach outside addresses even with telemetry off). Run as root:
#   unshare -n bash tests/e2e/run-e2e.sh BOT_DLL OUT_DIR
set -euo pipefail
bot_dll="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
ip link set lo up
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The bot with no app id (local development mode) and its data in the output folder. The playground's user
# (Entra object id ...020) is made a member of IOM's ethics office, so the browser can also work the review queue.
Organizations__iom__EthicsOffice__Members__0=00000000-0000-0000-0000-0000000000020 \
Storage__SqlitePath="$out/ethicsbot.db" Organizations__Default=iom dotnet "$bot_dll" > "$out/bot.log" 2>&1 &
pids+=($!)
(cd "$here" && TEAMSAPPTESTER_BROWSER=none node node_modules/@microsoft/m365agentsplayground/cli.js \
  -e http://127.0.0.1:3978/api/messages -c msteams -p 56150 --conversation-id e2e --disable-telemetry > "$out/playground.log" 2>&1) &
pids+=($!)

for i in $(seq 1 120); do
  if curl -sf http://127.0.0.1:3978/healthz > /dev/null && curl -sf http://127.0.0.1:56150/ > /dev/null; then break; fi
  sleep 0.5
done
curl -sf http://127.0.0.1:3978/healthz > /dev/null || { echo "FAIL the bot did not start"; cat "$out/bot.log"; exit 1; }
curl -sf http://127.0.0.1:56150/ > /dev/null || { echo "FAIL the playground did not start"; cat "$out/playground.log"; exit 1; }

cd "$here" && node drive.mjs http://127.0.0.1:56150/ "$out"
