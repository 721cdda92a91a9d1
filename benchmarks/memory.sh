#!/usr/bin/env bash
# The memory run (issue 25): passes of 2,500 messages from 200 conversations over loopback, one in ten long (an English
# email or an Arabic message, 8-60 KB), four passes; after each pass and 5 s of quiet it prints the bot's RSS, GC heap
# and GC committed (EventPipe, as dotnet-counters). Arguments go to the run:
#   benchmarks/memory.sh                                  # the issue's load (about 2 min)
#   benchmarks/memory.sh --long-every 0                   # short questions only
#   DOTNET_GCConserveMemory=0 benchmarks/memory.sh        # the bot inherits the environment (settings, DOTNET_*)
# Builds EthicsBot and the driver in Release. Not a test: it asserts nothing. Everything listens on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
for project in bot/EthicsBot benchmarks/EthicsBot.Load; do
  dotnet build -c Release -v q -nologo "$project" >/tmp/ethicsbot-memory-build.log 2>&1 || { cat /tmp/ethicsbot-memory-build.log; exit 1; }
done
exec dotnet benchmarks/EthicsBot.Load/bin/Release/net10.0/EthicsBot.Load.dll memory --repo "$root" "$@"
