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
ensure_systemd_analyze   # the packaging tests (tests/Governance.IntegrationTests/Packaging)
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
# Two streams side by side. The fault tests stop RabbitMQ and restart PostgreSQL on purpose, so a test using
# them at the same moment would fail for it: they run first, alone on the servers, and the integration tests
# after them. The unit and browser tests use neither server (the browser tests drive a standalone Host), so
# they run beside both: the fault drills leave a third of the two cores idle while they wait on a stopped
# broker or a restarting database, and the browser tests use it. Every project runs even when another
# failed, so one CI run tells all that is wrong.
project_tests() { dotnet test "$1" -c Release --no-build "${loggers[@]}" "${@:2}"; }
servers_stream() {
    local failed=0
    project_tests tests/Governance.FaultTests "$@" || failed=1
    project_tests tests/Governance.IntegrationTests "$@" || failed=1
    return "$failed"
}
serverless_stream() {
    local failed=0
    project_tests tests/Governance.UnitTests "$@" || failed=1
    project_tests tests/Governance.BrowserTests "$@" || failed=1
    return "$failed"
}
servers_stream "$@" & servers=$!
serverless_stream "$@" & serverless=$!
status=0
wait "$servers" || status=1
wait "$serverless" || status=1
tests/report-failures.sh "$results"
exit "$status"
