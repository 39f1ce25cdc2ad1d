#!/usr/bin/env bash
# Runs every test, on a fresh Debian machine with the .NET SDK as well as on a developer's.
# Installs RabbitMQ (Debian package) when missing, starts RabbitMQ and PostgreSQL on loopback when
# they are not running, creates the test role, builds once, then runs all test projects.
# CI (.ci/run) calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=../deploy/lib/servers.sh
source deploy/lib/servers.sh
ensure_rabbitmq
ensure_postgres
# The tests create (and drop) their own databases, so the role needs CREATEDB and nothing else.
ensure_postgres_role_and_dbs
ensure_chromium   # the browser tests (tests/Governance.BrowserTests)
ensure_systemd_analyze   # the packaging tests (tests/Governance.PackageTests)
ensure_promtool          # the alert rules' tests (tests/Governance.IntegrationTests/Telemetry/AlertRulesTests)

export RABBITMQ_NODENAME   # the tests create a RabbitMQ virtual host per fixture with rabbitmqctl
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Governance.sln -c Release

results=artifacts/test-results
rm -f "$results"/*.trx "$results"/failures.txt
# A test that hangs (a send retried without end, a lock never released) fails after 10 minutes with a dump
# of the test process, instead of holding CI until its own limit: no single test here takes that long.
common=(--logger "console;verbosity=normal" --results-directory "$results" --blame-hang-timeout 10m)
# Each stream writes TRX files of its own name: two runs ending in the same second would write the same file.
trx() { echo "trx;LogFilePrefix=$1"; }
grids=Governance.IntegrationTests.Grids.
status=0
# First every test project side by side except the fault and package tests, with the integration tests' Grids
# fixtures (a third of them) in a test process of their own: the browser tests finish first, and the integration
# tests then ran alone for minutes, one fixture after another waiting on PostgreSQL and RabbitMQ, a core idle.
# Each fixture has databases and a virtual host of its own (named after its process), so two processes do not meet.
# Extra arguments (a caller's own --filter, say) go to every run, and then nothing is split off.
grids_run=""
rest=()
if (( $# == 0 )); then
    dotnet test tests/Governance.IntegrationTests -c Release --no-build --filter "FullyQualifiedName~$grids" \
        --logger "$(trx grids)" "${common[@]}" &
    grids_run=$!
    rest=(--filter "FullyQualifiedName!~$grids")
fi
dotnet test Governance.sln -c Release --no-build -p:SkipFaultTests=true -p:SkipPackageTests=true \
    "${rest[@]}" --logger "$(trx tests)" "${common[@]}" "$@" || status=$?
if [[ -n $grids_run ]]; then wait "$grids_run" || status=$?; fi
# Then the fault tests alone: they stop RabbitMQ and restart PostgreSQL on purpose, and a test running at the same
# moment would fail for it. The package tests (a self-contained publish: minutes of compiler work, no server) run
# beside them, as the fault tests leave the CPU idle while a broker or a database is down. The fault tests run even
# when the others failed, so one CI run tells all that is wrong.
dotnet test tests/Governance.PackageTests -c Release --no-build --logger "$(trx package)" "${common[@]}" "$@" &
package=$!
dotnet test tests/Governance.FaultTests -c Release --no-build --logger "$(trx fault)" "${common[@]}" "$@" || status=$?
wait "$package" || status=$?
tests/report-failures.sh "$results"
exit "$status"
