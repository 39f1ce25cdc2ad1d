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
status=0
# First every test project side by side except the fault and package tests. (Tried: the integration tests' Grids
# fixtures in a test process of their own beside the rest, to fill the minutes the integration tests run on alone
# after the browser tests. A second test process costs its own start and JIT, and the CPU was busy already: the
# first phase took 17 minutes instead of 15.)
dotnet test Governance.sln -c Release --no-build -p:SkipFaultTests=true -p:SkipPackageTests=true \
    --logger "$(trx tests)" "${common[@]}" "$@" || status=$?
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
