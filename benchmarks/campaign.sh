#!/usr/bin/env bash
# The campaign run: a campaign to --people (10,000) through two bot instances sharing one store (the SQLite file, or
# with --store tables Azure Table Storage and a storage queue on Azurite), against a
# connector stand-in that answers the first send to one person in ten with 429 and Retry-After: 1; instance A is killed
# (kill -9) when half the people have their card, and started again. Prints the time from launch to the last person
# against what the pace (--rate, cards a second for the whole bot) allows, people lost, people with more than one card
# (the crash window), and a JSON line. Not a test: it asserts nothing. Everything listens on 127.0.0.1.
#   benchmarks/campaign.sh                       # 10,000 people at 50 a second (about 4 minutes, plus the installs)
#   benchmarks/campaign.sh --people 2000 --rate 50
#   benchmarks/campaign.sh --store tables         # on Table Storage and a storage queue (Azurite, from tests/e2e: run ./test.sh once)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
for project in bot/EthicsBot benchmarks/EthicsBot.Load; do
  dotnet build -c Release -v q -nologo "$project" >/tmp/ethicsbot-campaign-build.log 2>&1 || { cat /tmp/ethicsbot-campaign-build.log; exit 1; }
done
echo "campaign.sh: $(nproc) cores, $(dotnet --version) SDK, load average $(cut -d' ' -f1 /proc/loadavg)"
exec dotnet benchmarks/EthicsBot.Load/bin/Release/net10.0/EthicsBot.Load.dll campaign --repo "$root" "$@"
