#!/usr/bin/env bash
# The ethics office desk in a real browser: the bot (its desk checking Entra tokens), a loopback OpenID metadata
# server and connector (desk-servers.mjs) and headless Chromium (drive-desk.mjs), inside a loopback-only network
# namespace and a PID namespace of their own, like run-e2e.sh. Run as root:
#   unshare --net --pid --fork --mount-proc --kill-child bash tests/e2e/run-desk-e2e.sh BOT_DLL OUT_DIR
# OUT_DIR holds ethicsbot.db (seeded by the test before), and receives the screenshots, downloads and logs.
set -euo pipefail
bot_dll="$(realpath "$1")"; out="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
ip link set lo up
tenant=99999999-8888-7777-6666-555555555555
client=11111111-2222-3333-4444-555555555555
audience="api://127.0.0.1/$client"
member=aaaaaaaa-0000-0000-0000-00000000000a
stranger=cccccccc-0000-0000-0000-00000000000c

groups=()
stop_all() {
  local g
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  sleep 0.5
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
}
trap stop_all EXIT
start() { setsid "$@" & groups+=($!); }

cd "$here"
start node desk-servers.mjs "$out" 39392 39391 "$tenant" "$audience" "$member" "$stranger" > "$out/servers.log" 2>&1
start env Desk__Audience="$audience" Desk__ClientId="$client" Desk__TenantId="$tenant" \
  Desk__MetadataUrl="http://127.0.0.1:39392/{tenant}/v2.0/.well-known/openid-configuration" \
  Organizations__iom__EthicsOffice__Members__0="$member" "Organizations__iom__EthicsOffice__MemberNames__$member=Olu Office" \
  Storage__SqlitePath="$out/ethicsbot.db" Organizations__Default=iom dotnet "$bot_dll" > "$out/bot.log" 2>&1

for i in $(seq 1 120); do
  if curl -sf http://127.0.0.1:3978/healthz > /dev/null && [ -f "$out/tokens.json" ]; then break; fi
  sleep 0.5
done
curl -sf http://127.0.0.1:3978/healthz > /dev/null || { echo "FAIL the bot did not start"; cat "$out/bot.log"; exit 1; }
[ -f "$out/tokens.json" ] || { echo "FAIL the stand-in servers did not start"; cat "$out/servers.log"; exit 1; }

node drive-desk.mjs http://127.0.0.1:3978 "$out"
