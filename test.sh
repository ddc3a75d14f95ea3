#!/usr/bin/env bash
# Runs every test of Saison on a fresh machine: installs what the tests need through the project's
# own files (npm ci for Azurite, Debian's chromium for the browser tests), then `dotnet test` on the
# solution, and ends with one line a runner can read: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Azurite (the Azure Table service emulator) and axe-core (accessibility checks of the browser tests), pinned in package-lock.json.
if [ ! -x node_modules/.bin/azurite-table ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian's Chromium for Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: chromium could not be installed; browser tests will fail" >&2
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: chromium could not be installed; browser tests will fail" >&2
  fi
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
results="$(mktemp -d)"
status=0
dotnet test Saison.sln --nologo --results-directory "$results" --logger "trx" || status=$?

# dotnet test prints one summary per test project (interleaved when they run in parallel); add up
# the TRX counters into the one line runners read.
passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
