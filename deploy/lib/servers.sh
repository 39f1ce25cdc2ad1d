# shellcheck shell=bash
# Local RabbitMQ and PostgreSQL for the distributed deployment, on a Debian machine.
# Sourced (not run) by deploy/run-distributed.sh and by test scripts, so that both prepare the
# servers the same way. Every function is idempotent: it only does what is missing.
#
#   ensure_rabbitmq                         install if needed, start on loopback if not running
#   ensure_postgres                         install if needed, start the cluster if not running
#   ensure_postgres_role_and_dbs DB...      role governance (LOGIN, CREATEDB) and the named databases
#   ensure_chromium                         Debian's Chromium and CJK fonts for the browser tests
#   ensure_systemd_analyze                  systemd-analyze, which checks the packaged units (deploy/package.sh)
#   ensure_promtool                         Debian's prometheus (its promtool checks deploy/prometheus/*.yml); its server is not started
#
# Settings (environment, all optional):
#   RABBITMQ_NODENAME        default rabbit@localhost
#   RABBITMQ_NODE_IP_ADDRESS default 127.0.0.1     RABBITMQ_NODE_PORT default 5672
#   RABBITMQ_WAIT_SECONDS    default 60
#   PG_VERSION default 15    PG_CLUSTER default main    PG_HOST default 127.0.0.1    PG_PORT default 5432
#   PG_APP_USER default governance    PG_APP_PASSWORD default governance    PG_WAIT_SECONDS default 30

# "rabbit@localhost" rather than the default rabbit@<hostname>: in a container the hostname often does
# not resolve, and Erlang distribution (which rabbitmqctl uses) then fails. Both variables are read by
# the Debian 3.10 package: its wrappers switch user with su/runuser without a login shell, which keeps
# the environment, and rabbitmq-env / rabbit_env take RABBITMQ_* from it (rabbitmq-env.conf, when it
# sets NODENAME, would win; the packaged one only has comments).
: "${RABBITMQ_NODENAME:=rabbit@localhost}"
: "${RABBITMQ_NODE_IP_ADDRESS:=127.0.0.1}"
: "${RABBITMQ_NODE_PORT:=5672}"
: "${RABBITMQ_WAIT_SECONDS:=60}"
: "${PG_VERSION:=15}"
: "${PG_CLUSTER:=main}"
: "${PG_HOST:=127.0.0.1}"
: "${PG_PORT:=5432}"
: "${PG_APP_USER:=governance}"
: "${PG_APP_PASSWORD:=governance}"
: "${PG_WAIT_SECONDS:=30}"

# The server tools live in /usr/sbin, which a non-root PATH often lacks.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

_servers_log() { echo "[servers] $*" >&2; }

# Root is needed for apt-get and for starting the servers; sudo only when we are not root already
# (containers usually run as root and have no sudo).
_as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# As the postgres superuser, with the working directory somewhere it can read.
_as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}

_SERVERS_APT_UPDATED=
_apt_install() {
    if [ -z "$_SERVERS_APT_UPDATED" ]; then
        _as_root apt-get update -q
        _SERVERS_APT_UPDATED=1
    fi
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# True when something accepts TCP connections on host:port (bash's /dev/tcp, no extra tools).
_port_open() {
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# The RabbitMQ tools, with our node settings. "env" carries them through sudo, which would drop them;
# the package's wrappers then switch to the rabbitmq user themselves. ERL_EPMD_ADDRESS keeps the port
# mapper daemon (4369) on loopback; it belongs here and not only on the server's start, because
# whichever Erlang program runs first starts epmd, and that is usually the ping below.
_rabbit() {
    _as_root env RABBITMQ_NODENAME="$RABBITMQ_NODENAME" RABBITMQ_NODE_IP_ADDRESS="$RABBITMQ_NODE_IP_ADDRESS" \
        RABBITMQ_NODE_PORT="$RABBITMQ_NODE_PORT" ERL_EPMD_ADDRESS=127.0.0.1 "$@"
}

_rabbit_ping() {
    _rabbit rabbitmq-diagnostics -q ping >/dev/null 2>&1
}

ensure_rabbitmq() {
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        _servers_log "installing rabbitmq-server"
        _apt_install rabbitmq-server
    fi
    if _rabbit_ping; then
        _servers_log "RabbitMQ $RABBITMQ_NODENAME is already running"
        return 0
    fi
    # A broker we do not manage (another node name, a service, a container) already serves AMQP here:
    # use it rather than start a second one that could not bind the port anyway.
    if _port_open "$RABBITMQ_NODE_IP_ADDRESS" "$RABBITMQ_NODE_PORT"; then
        _servers_log "something already listens on $RABBITMQ_NODE_IP_ADDRESS:$RABBITMQ_NODE_PORT; using it as RabbitMQ"
        return 0
    fi
    _servers_log "starting RabbitMQ $RABBITMQ_NODENAME on $RABBITMQ_NODE_IP_ADDRESS:$RABBITMQ_NODE_PORT"
    # RABBITMQ_NODE_IP_ADDRESS only covers the AMQP listener; inet_dist_use_interface keeps Erlang
    # distribution (25672) on loopback as well.
    _rabbit RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
        rabbitmq-server -detached
    # ping answers once the node is up; the AMQP listener opens a moment later, and that is what the
    # services need, so wait for both.
    local deadline=$((SECONDS + RABBITMQ_WAIT_SECONDS))
    until _rabbit_ping && _port_open "$RABBITMQ_NODE_IP_ADDRESS" "$RABBITMQ_NODE_PORT"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _servers_log "RabbitMQ did not come up within ${RABBITMQ_WAIT_SECONDS}s; see /var/log/rabbitmq/"
            return 1
        fi
        sleep 1
    done
    _servers_log "RabbitMQ is up"
}

ensure_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/etc/postgresql/$PG_VERSION/$PG_CLUSTER" ]; then
        # The Debian package creates and configures cluster <version>/main on installation.
        _servers_log "installing postgresql-$PG_VERSION"
        _apt_install "postgresql-$PG_VERSION"
    fi
    # pg_ctlcluster status: 0 running, 3 not running.
    if _as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
        _servers_log "PostgreSQL $PG_VERSION/$PG_CLUSTER is already running"
    else
        _servers_log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
        _as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    fi
    # The cluster being "running" is not the same as accepting TCP connections yet.
    local deadline=$((SECONDS + PG_WAIT_SECONDS))
    until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _servers_log "PostgreSQL does not accept connections on $PG_HOST:$PG_PORT after ${PG_WAIT_SECONDS}s"
            return 1
        fi
        sleep 1
    done
    _servers_log "PostgreSQL is up on $PG_HOST:$PG_PORT"
}

# ensure_postgres_role_and_dbs [DB...], e.g. governance_grids governance_incidents; no names: role only.
# The role is created when missing; when present its LOGIN, CREATEDB and password are set again,
# because the services' connection strings depend on exactly those. Databases are created when missing,
# owned by the role so its migrations can create tables in them (PostgreSQL 15 no longer lets every
# user create in schema public).
ensure_postgres_role_and_dbs() {
    local db
    for db in "$PG_APP_USER" "$@"; do
        # Names go into SQL, quoted with %I below; refusing odd ones keeps mistakes loud and simple.
        if ! [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]]; then
            _servers_log "refusing PostgreSQL name '$db' (want lower-case letters, digits, _)"
            return 1
        fi
    done
    _as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
        -v role="$PG_APP_USER" -v password="$PG_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')
\gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
\gexec
SQL
    for db in "$@"; do
        _as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres -v db="$db" -v role="$PG_APP_USER" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')
\gexec
SQL
    done
    _servers_log "PostgreSQL role $PG_APP_USER${*:+ and database(s) $*} in place"
}

# The browser tests drive Debian's Chromium with Playwright (which cannot download its own browsers
# here); fonts-noto-cjk makes Chinese render in their screenshots instead of empty boxes.
ensure_chromium() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    [ -d /usr/share/fonts/opentype/noto ] && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
    if [ "${#missing[@]}" -gt 0 ]; then
        _servers_log "installing ${missing[*]}"
        _apt_install "${missing[@]}"
    else
        _servers_log "Chromium and CJK fonts are installed"
    fi
}

# The packaging tests check the systemd units with systemd-analyze (verify, security --offline); it
# comes with Debian's systemd package, which a container image often lacks. Only the tool is used:
# nothing here starts systemd.
ensure_systemd_analyze() {
    if command -v systemd-analyze >/dev/null 2>&1; then
        _servers_log "systemd-analyze is installed"
    else
        _servers_log "installing systemd (for systemd-analyze)"
        _apt_install systemd
    fi
}

# Only the package's checker is wanted, not a Prometheus server of its own on port 9090: the package's
# start is refused for this install by a policy-rc.d (honoured by invoke-rc.d and deb-systemd-invoke), put
# there only when the machine has none (container images usually do) and removed afterwards.
ensure_promtool() {
    if command -v promtool >/dev/null 2>&1; then
        _servers_log "promtool is installed"
        return 0
    fi
    _servers_log "installing prometheus (for promtool), without starting its server"
    local policy=/usr/sbin/policy-rc.d added="" status=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# ensure_promtool (deploy/lib/servers.sh): no service starts during this install\nexit 101\n' \
            | _as_root tee "$policy" >/dev/null
        _as_root chmod 755 "$policy"
        added=1
    fi
    _apt_install prometheus || status=$?
    if [ -n "$added" ]; then _as_root rm -f "$policy"; fi
    return "$status"
}
