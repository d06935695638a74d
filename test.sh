#!/usr/bin/env bash
# The test command (README, "Set up and run"): installs what the tests need when it is missing, then runs
# `dotnet test NotificationActors.sln -c Release`. Extra arguments go to dotnet test (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The dashboard tests drive Debian's headless Chromium (never a downloaded browser); the PostgreSQL tests start a
# throwaway server from Debian's binaries unless NA_POSTGRES names one; the Azure tests start Azurite from npm unless
# NA_AZURE names an account.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [[ -z "${NA_POSTGRES:-}" ]] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if [[ -z "${NA_AZURE:-}" ]] && ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if (( ${#missing[@]} > 0 )); then
  if [[ $(id -u) != 0 ]]; then
    echo "The tests need Debian's ${missing[*]}, which is not installed. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    echo "(or set NA_POSTGRES / NA_AZURE to a PostgreSQL connection string / an Azure Storage account), then ./test.sh again." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# Azurite at the version tests/azurite/package-lock.json pins, when missing or installed from an older lock file
# (the tests would run this themselves if missing).
if [[ -z "${NA_AZURE:-}" ]] && [[ ! -x tests/azurite/node_modules/.bin/azurite || tests/azurite/package-lock.json -nt tests/azurite/node_modules/.package-lock.json ]]; then
  (cd tests/azurite && npm ci --no-audit --no-fund)
fi

# The NuGet registry copy fills on demand: a first NU1101 can clear on a retry.
for attempt in 1 2 3; do
  if dotnet restore NotificationActors.sln; then break; fi
  if [[ $attempt == 3 ]]; then echo "restore failed three times" >&2; exit 1; fi
  sleep 60
done

dotnet test NotificationActors.sln -c Release "$@"
