#!/usr/bin/env bash
# The performance benchmark (issue #7), in one command: the machine's own ceilings (raw RabbitMQ.Client
# publish+consume with confirms, raw Dapper inserts), the system end to end in distributed mode (three
# Host processes, RabbitMQ, PostgreSQL) and standalone (one process, in-memory bus, SQLite), the cost
# of one case in round trips and messages, peak memory of each service, and BenchmarkDotNet on the hot
# in-process paths. Prints a table, appends it with the date and commit to deploy/benchmark-history.md,
# and ends with one line:
#   summary e2e_cases_per_s=… broker_msgs_per_s=… ratio=… p99_ms=… standalone_cases_per_s=… max_rss_mb=…
#
# Takes about 8 minutes on a 2-core machine. Not part of tests/run-all.sh or CI.
#
# Options (passed to tests/Governance.Benchmarks):
#   --growth            also the growth run: 100 k → 1 M → 10 M closed cases (about 10 more minutes, ~6 GB
#                       of PostgreSQL data, dropped at the end)      --growth-only   just that
#   --exports           also exports (issue #15): a case list as CSV and XLSX against a plain CSV write, rows/s
#                       and peak RSS (about 3 minutes at 1 M)        --exports-only  just that
#   --export-cases N    how many cases the exports part generates, default 1000000
#   --duration S        closed-loop length, default 60               --workers N     concurrent filers, default 32
#   --rate R            open-loop offered load for latency, default 300 cases/s
#   --no-ceilings --no-distributed --no-standalone --no-micro --no-day-mix   skip a part (the day mix: each case's
#                       whole life, accept/resolve/verify and the pages' reads, after the filing phases)
#   --scale-out         also a second instance of Incidents and Dispatch, the closed loop again (ratio to one)
#   --profile           also where each service's CPU goes: a short closed loop sampled with dotnet-trace
#                       collect-linux (installed into artifacts/tools; needs root or CAP_PERFMON)
#   --set Key=Value     configuration for every service process (e.g. --set Messaging:PrefetchCount=64)
#   --label TEXT        a note in the history heading               --no-record     do not append to the history
#
# Everything it sends goes to loopback; every loop is bounded in count and time; every process it starts
# is stopped when it ends. RabbitMQ and PostgreSQL are started if needed (deploy/lib/servers.sh) and left
# running; the benchmark's own databases (bench_*) and virtual hosts (governance-bench*) are dropped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/servers.sh
source "$ROOT/deploy/lib/servers.sh"

ensure_rabbitmq
ensure_postgres
# The benchmark creates and drops its own databases, so the role needs CREATEDB and nothing else.
ensure_postgres_role_and_dbs
export RABBITMQ_NODENAME   # the benchmark creates its RabbitMQ virtual hosts with rabbitmqctl
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "[benchmark] building (Release)" >&2
# The web pages are not needed to measure the API; skipping them keeps Node.js out of the benchmark.
dotnet build "$ROOT/services/Host" -c Release --nologo -v quiet -p:SkipWebPages=true >&2
dotnet build "$ROOT/tests/Governance.Benchmarks" -c Release --nologo -v quiet -p:SkipWebPages=true >&2

# --profile: dotnet-trace, pinned, in the repository's artifacts (no global tool, nothing outside the clone).
for arg in "$@"; do
    if [ "$arg" = --profile ]; then
        tools="$ROOT/artifacts/tools"
        if [ ! -x "$tools/dotnet-trace" ]; then
            echo "[benchmark] installing dotnet-trace into $tools" >&2
            dotnet tool install --tool-path "$tools" dotnet-trace --version 10.0.750501 >&2
        fi
        export GOVERNANCE_DOTNET_TRACE="$tools/dotnet-trace"
    fi
done

cd "$ROOT"
exec dotnet "$ROOT/tests/Governance.Benchmarks/bin/Release/net10.0/Governance.Benchmarks.dll" --root "$ROOT" "$@"
