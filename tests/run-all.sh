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
loggers=(--logger "console;verbosity=normal" --logger "trx;LogFilePrefix=tests" --results-directory "$results")
# A test that hangs (a send retried without end, a lock never released) fails after 10 minutes with a dump
# of the test process, instead of holding CI until its own limit: no single test here takes that long.
loggers+=(--blame-hang-timeout 10m)
status=0
# Every test project side by side except the fault tests, then those alone: they stop RabbitMQ and
# restart PostgreSQL on purpose, and a test running at the same moment would fail for it. The package
# tests (a self-contained publish: minutes of compiler work, no server) run beside the fault tests, which
# leave the CPU idle while a broker or a database is down, instead of in the busy first phase. The fault
# tests run even when the others failed, so one CI run tells all that is wrong.
dotnet test Governance.sln -c Release --no-build -p:SkipFaultTests=true -p:SkipPackageTests=true "${loggers[@]}" "$@" || status=$?
dotnet test tests/Governance.PackageTests -c Release --no-build "${loggers[@]}" "$@" &
package=$!
dotnet test tests/Governance.FaultTests -c Release --no-build "${loggers[@]}" "$@" || status=$?
wait "$package" || status=$?
tests/report-failures.sh "$results"
exit "$status"
