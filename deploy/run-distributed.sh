#!/usr/bin/env bash
# Runs the distributed deployment on one Debian machine: RabbitMQ and PostgreSQL on loopback, each
# service in its own process (the same Host executable, Governance__Services picking one service),
# and the gateway in front as the single address clients use. Ctrl+C (or any exit) stops the .NET
# processes this script started; RabbitMQ and PostgreSQL are left running for the next run.
#
# Settings (environment, all optional):
#   GATEWAY_PORT 5080   GRIDS_PORT 5101   INCIDENTS_PORT 5102   DISPATCH_PORT 5103
#   INSTANCES     1     processes of each service (1-9); the n-th listens 10·(n-1) ports higher (the
#                       second grids on 5111, incidents 5112, dispatch 5113), logs as grids-2 …, and the
#                       gateway balances over all of them (deploy/README.md, "Two instances of each service")
#   LOG_DIR       <repo>/data/distributed-logs   (a relative path is taken from the current directory)
#   READY_TIMEOUT 120     seconds each service may take to answer /health/ready
#   SKIP_BUILD    1 to run what is already built
# Broker and database settings: see deploy/lib/servers.sh. The services read their RabbitMQ and
# PostgreSQL addresses from services/Host/appsettings.Distributed.json; exported variables such as
# ConnectionStrings__grids or Messaging__RabbitMq__Port reach them and override it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/servers.sh
source "$ROOT/deploy/lib/servers.sh"

GATEWAY_PORT="${GATEWAY_PORT:-5080}"
GRIDS_PORT="${GRIDS_PORT:-5101}"
INCIDENTS_PORT="${INCIDENTS_PORT:-5102}"
DISPATCH_PORT="${DISPATCH_PORT:-5103}"
LOG_DIR="${LOG_DIR:-$ROOT/data/distributed-logs}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"
INSTANCES="${INSTANCES:-1}"
SKIP_BUILD="${SKIP_BUILD:-}"
CONFIGURATION=Release
HOST_BIN="$ROOT/services/Host/bin/$CONFIGURATION/net10.0"
GATEWAY_BIN="$ROOT/services/Gateway/bin/$CONFIGURATION/net10.0"

log() { echo "[run-distributed] $*" >&2; }
die() { log "$*"; exit 1; }

command -v dotnet >/dev/null || die "dotnet is not on PATH"
command -v curl >/dev/null || die "curl is needed for the readiness checks"

[[ "$INSTANCES" =~ ^[1-9]$ ]] || die "INSTANCES must be a number from 1 to 9, not '$INSTANCES'"

# port_of BASE N: where the N-th instance (from 1) of the service whose first listens on BASE listens.
port_of() { echo $(($1 + 10 * ($2 - 1))); }
SERVICE_SPECS=("grids:$GRIDS_PORT" "incidents:$INCIDENTS_PORT" "dispatch:$DISPATCH_PORT")
PORTS=("$GATEWAY_PORT")
for ((n = 1; n <= INSTANCES; n++)); do
    for spec in "${SERVICE_SPECS[@]}"; do PORTS+=("$(port_of "${spec#*:}" "$n")"); done
done

mkdir -p "$LOG_DIR"
LOG_DIR="$(cd "$LOG_DIR" && pwd)"

# A port already taken (a standalone Host on 5080, a previous run still alive) would make a service
# fail to bind after the others started; find out before starting anything.
for port in "${PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is already in use; stop what listens there or choose another port (see the header of $0)"
    fi
done

# Stop exactly the processes started below, newest first (the gateway before the services it fronts),
# politely (SIGTERM lets ASP.NET Core and MassTransit shut down cleanly), and by force after 15s.
PIDS=()
NAMES=()
# shellcheck disable=SC2317  # only called through the trap, which shellcheck cannot see
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local i pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        if kill -0 "$pid" 2>/dev/null; then
            log "stopping ${NAMES[i]} (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    local deadline=$((SECONDS + 15))
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            log "${NAMES[i]} (pid $pid) did not stop in time; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$LOG_DIR/${NAMES[i]}.pid"
    done
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME DIR DLL PORT [VAR=VALUE...]: runs "dotnet DLL" from its build folder, because the content
# root (where appsettings*.json are found) is the working directory. Everything listens on loopback
# only. exec makes $! the pid of dotnet itself, so the trap signals the process, not a shell around it.
start() {
    local name=$1 dir=$2 dll=$3 port=$4
    shift 4
    [ -f "$dir/$dll" ] || die "$dir/$dll is missing; build first (without SKIP_BUILD)"
    (cd "$dir" && exec env "$@" dotnet "$dll" --urls "http://127.0.0.1:$port") >"$LOG_DIR/$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    NAMES+=("$name")
    echo "$pid" >"$LOG_DIR/$name.pid"
    log "started $name (pid $pid) on http://127.0.0.1:$port, log $LOG_DIR/$name.log"
}

# wait_ready NAME URL: polls until URL answers 2xx, giving up after READY_TIMEOUT seconds or as soon as
# the process has exited (its log usually says why: a database or broker it cannot reach).
wait_ready() {
    local name=$1 url=$2 pid=${PIDS[${#PIDS[@]} - 1]}
    local deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$LOG_DIR/$name.log" >&2 || true
            die "$name exited before it was ready (log above: $LOG_DIR/$name.log)"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            tail -n 30 "$LOG_DIR/$name.log" >&2 || true
            die "$name was not ready within ${READY_TIMEOUT}s ($url)"
        fi
        sleep 1
    done
    log "$name is ready"
}

ensure_rabbitmq
ensure_postgres
ensure_postgres_role_and_dbs governance_grids governance_incidents governance_dispatch

if [ -z "$SKIP_BUILD" ]; then
    # Host first, then Gateway: the second build finds the shared projects already up to date.
    log "building ($CONFIGURATION)"
    dotnet build -c "$CONFIGURATION" --nologo -v quiet "$ROOT/services/Host"
    dotnet build -c "$CONFIGURATION" --nologo -v quiet "$ROOT/services/Gateway"
fi

# The services accept tokens signed with this key (a county connects its identity provider instead:
# Auth__Authority). Kept beside the logs, so tokens issued earlier stay valid across restarts.
KEY_FILE="$LOG_DIR/signing-key"
if [ -z "${Auth__SigningKey:-}" ]; then
    [ -s "$KEY_FILE" ] || (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' > "$KEY_FILE")
    Auth__SigningKey="$(cat "$KEY_FILE")"
fi
export Auth__SigningKey

# Residents' names and phone numbers are sealed with this key (AES-256-GCM; deploy/README.md, "Rotating
# the personal-data key"). Kept beside the logs like the signing key: lose it and the contacts are lost.
PD_KEY_FILE="$LOG_DIR/personal-data-key"
if [ -z "${PersonalData__CurrentKeyId:-}" ]; then
    [ -s "$PD_KEY_FILE" ] || (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' > "$PD_KEY_FILE")
    export PersonalData__CurrentKeyId=local
    PersonalData__Keys__local="$(cat "$PD_KEY_FILE")"
    export PersonalData__Keys__local
fi

# Grids first and ready before the others: it owns the grid units the other services learn about
# through RabbitMQ, and its start-up creates them. One at a time, each ready before the next: two Grids
# seeding the demo county into an empty database at the same moment collide on the units' keys.
# The gateway learns every instance's address from the same variables, so changed ports stay consistent.
DESTINATIONS=()
for ((n = 1; n <= INSTANCES; n++)); do
    for spec in "${SERVICE_SPECS[@]}"; do
        service=${spec%%:*}
        port=$(port_of "${spec#*:}" "$n")
        name=$service
        [ "$n" -eq 1 ] || name="$service-$n"
        start "$name" "$HOST_BIN" Governance.Host.dll "$port" \
            ASPNETCORE_ENVIRONMENT=Distributed Governance__Services="$service"
        wait_ready "$name" "http://127.0.0.1:$port/health/ready"
        DESTINATIONS+=("ReverseProxy__Clusters__${service}__Destinations__d${n}__Address=http://127.0.0.1:$port")
    done
done

start gateway "$GATEWAY_BIN" Governance.Gateway.dll "$GATEWAY_PORT" "${DESTINATIONS[@]}"
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/ready"

echo
echo "Governance (distributed) is serving at http://127.0.0.1:$GATEWAY_PORT"
echo "  health:  http://127.0.0.1:$GATEWAY_PORT/health/ready"
echo "  logs:    $LOG_DIR   (pids in *.pid)"
# issue-token records the token in Grids' database (listed and revocable), so it runs with Grids' settings.
echo "  a token: TOKEN=\$(ASPNETCORE_ENVIRONMENT=Distributed dotnet $HOST_BIN/Governance.Host.dll issue-token admin county-administrator 500101000000 --Auth:SigningKey=\$(cat $KEY_FILE))"
echo "           curl -H \"Authorization: Bearer \$TOKEN\" http://127.0.0.1:$GATEWAY_PORT/incidents"
# The pages' sign-in is account and password (docs/sessions.md, "Passwords"): the administrator's first one from here.
echo "  the pages: a one-time password for the demo county's administrator, to sign in at http://127.0.0.1:$GATEWAY_PORT/ (you then choose your own):"
echo "           ASPNETCORE_ENVIRONMENT=Distributed dotnet $HOST_BIN/Governance.Host.dll reset-password county-administrator-500101000000 --Auth:SigningKey=\$(cat $KEY_FILE)"
echo "  Ctrl+C stops the services and the gateway; RabbitMQ and PostgreSQL keep running."
echo

# still_serving: the gateway runs and so does at least one instance of every service.
still_serving() {
    local i spec alive
    for spec in gateway "${SERVICE_SPECS[@]%%:*}"; do
        alive=
        for i in "${!PIDS[@]}"; do
            if [ "${NAMES[i]%-[0-9]}" = "$spec" ] && kill -0 "${PIDS[i]}" 2>/dev/null; then alive=1; fi
        done
        [ -n "$alive" ] || return 1
    done
}

# Stay in the foreground while the processes run. When one ends: if another instance of its service
# still runs, the gateway routes around it (its /health/ready says "degraded") and so does this script;
# otherwise stop the rest too, since a partial deployment would only fail in confusing ways.
set +e
REPORTED=()
while true; do
    wait -n
    rc=$?
    for i in "${!PIDS[@]}"; do
        if [ -z "${REPORTED[i]:-}" ] && ! kill -0 "${PIDS[i]}" 2>/dev/null; then
            REPORTED[i]=1
            log "${NAMES[i]} exited (status $rc); see $LOG_DIR/${NAMES[i]}.log"
        fi
    done
    still_serving || break
    log "the other instances serve on; the gateway routes around the one that ended"
done
set -e
exit 1
