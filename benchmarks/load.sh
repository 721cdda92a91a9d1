#!/usr/bin/env bash
# The load script: N conversations over loopback, each asking its next question when its last answer has arrived,
# against a sink connector that takes --delay-ms before it accepts a message. Prints, per run, turns/s, p50/p99 of the
# time from question to accepted answer, the bot's peak RSS and CPU per turn, and the machine's load average.
#   benchmarks/load.sh                                    # echo, ethicsbot, echo, ethicsbot, echo, ethicsbot at 0 and 200 ms
#   benchmarks/load.sh --bots ethicsbot --delays 0 --conversations 200 --repeat 1
# The warm-up (30 s) lets .NET's tiered JIT settle: with 5 s, 13 % of EthicsBot's CPU in the measured window was still
# the JIT (perf), which a bot running for hours does not pay. The echo bot gets the same warm-up.
# Builds EthicsBot in Release, installs the echo bot (npm ci, botbuilder 4.23.3 as locked) when missing. Not a test:
# it asserts nothing. Everything listens on 127.0.0.1; each run is bounded (warm-up + --seconds) and stops its bot.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
bots="echo ethicsbot"; delays="0 200"; conversations=50; seconds=20; warmup=30; repeat=3
while [ $# -gt 0 ]; do
  case "$1" in
    --bots) bots="${2//,/ }"; shift 2 ;;
    --delays) delays="${2//,/ }"; shift 2 ;;
    --conversations) conversations="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    *) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
# The Node.js 22 that test.sh installs, when the machine's is older.
[ -d "$root/tests/node-runtime/node_modules/.bin" ] && export PATH="$root/tests/node-runtime/node_modules/.bin:$PATH"
if [[ " $bots " == *" echo "* ]]; then
  stamp="$root/benchmarks/echo-bot/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$root/benchmarks/echo-bot/package-lock.json" -nt "$stamp" ]; then
    (cd "$root/benchmarks/echo-bot" && npm ci --no-audit --no-fund)
  fi
fi
for project in bot/EthicsBot benchmarks/EthicsBot.Load; do
  dotnet build -c Release -v q -nologo "$project" >/tmp/ethicsbot-load-build.log 2>&1 || { cat /tmp/ethicsbot-load-build.log; exit 1; }
done
echo "load.sh: $(nproc) cores, node $(node -v), $(dotnet --version) SDK; conversations=$conversations, ${warmup} s warm-up + ${seconds} s measured"
for delay in $delays; do
  for i in $(seq "$repeat"); do
    for bot in $bots; do
      dotnet benchmarks/EthicsBot.Load/bin/Release/net10.0/EthicsBot.Load.dll --bot "$bot" --conversations "$conversations" \
        --seconds "$seconds" --warmup "$warmup" --delay-ms "$delay" --repo "$root"
    done
  done
done
