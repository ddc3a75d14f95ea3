#!/usr/bin/env bash
# Runs every test of Saison on a fresh machine: installs what the tests need through the project's
# own files (npm ci for Azurite, Debian's chromium for the browser tests), then `dotnet test` on the
# solution, and ends with one line a runner can read: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# Azurite (the Azure Table service emulator) from the version pinned in package-lock.json.
if [ ! -x node_modules/.bin/azurite-table ]; then
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
log="$(mktemp)"
status=0
dotnet test Saison.sln --nologo 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project; add them up into the line runners read.
awk '
  /(Passed|Failed)!  - Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i + 1) + 0 }
      if ($i == "Passed:")  { p += $(i + 1) + 0 }
      if ($i == "Skipped:") { s += $(i + 1) + 0 }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
rm -f "$log"
exit "$status"
