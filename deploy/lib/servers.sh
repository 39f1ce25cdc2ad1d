# shellcheck shell=bash
# Local RabbitMQ and PostgreSQL for the distributed deployment, on a Debian machine.
# Sourced (not run) by deploy/run-distributed.sh and by test scripts, so that both prepare the
# servers the same way. Every function is idempotent: it only does what is missing.
#
#   ensure_rabbitmq                         install if needed, start on loopback if not running
#   ensure_rabbitmq_cluster                 three more RabbitMQ nodes on loopback, joined into one cluster
#   rabbitmq_cluster_ctl N ARGS...          rabbitmqctl against the cluster's node N (1..3)
#   remove_rabbitmq_cluster                 stop the cluster's nodes and delete their data
#   ensure_postgres                         install if needed, start the cluster if not running
#   ensure_postgres_role_and_dbs DB...      role governance (LOGIN, CREATEDB) and the named databases
#   ensure_chromium                         Debian's Chromium and CJK fonts for the browser tests
#   ensure_systemd_analyze                  systemd-analyze, which checks the packaged units (deploy/package.sh)
#   ensure_postgres_cluster DIR PORT [SETTING=VALUE...]  a cluster of our own (initdb) in DIR on 127.0.0.1:PORT
#   stop_postgres_cluster DIR [MODE]        pg_ctl stop (fast, or immediate) when it runs
#   ensure_postgres_pair [DB...]            primary + synchronous hot standby (two clusters by port), role and DBs
#   fail_over_postgres_pair                 stops the pair's primary at once (immediate) and promotes the standby
#   rejoin_postgres_pair_old_primary        then the old primary follows the promoted one (pg_rewind)
#   stop_postgres_pair                      stops both clusters of the pair
#   ensure_promtool                         Debian's prometheus (its promtool checks deploy/prometheus/*.yml); its server is not started
#
# Settings (environment, all optional):
#   RABBITMQ_NODENAME        default rabbit@localhost
#   RABBITMQ_NODE_IP_ADDRESS default 127.0.0.1     RABBITMQ_NODE_PORT default 5672
#   RABBITMQ_WAIT_SECONDS    default 60
#   RABBITMQ_CLUSTER_SIZE default 3    RABBITMQ_CLUSTER_PORT default 5680: node N (haN@localhost) serves
#   AMQP on RABBITMQ_CLUSTER_PORT+N (5681-5683) and Erlang distribution on 20000 more (25681-25683)
#   PG_VERSION default 15    PG_CLUSTER default main    PG_HOST default 127.0.0.1    PG_PORT default 5432
#   PG_APP_USER default governance    PG_APP_PASSWORD default governance    PG_WAIT_SECONDS default 30
#   PG_PAIR_ROOT default /var/lib/postgresql/governance-pair
#   PG_PAIR_PRIMARY_PORT default 5441    PG_PAIR_STANDBY_PORT default 5442
#   PG_REPLICATION_USER default replicator    PG_REPLICATION_PASSWORD default replicator

# "rabbit@localhost" rather than the default rabbit@<hostname>: in a container the hostname often does
# not resolve, and Erlang distribution (which rabbitmqctl uses) then fails. Both variables are read by
# the Debian 3.10 package: its wrappers switch user with su/runuser without a login shell, which keeps
# the environment, and rabbitmq-env / rabbit_env take RABBITMQ_* from it (rabbitmq-env.conf, when it
# sets NODENAME, would win; the packaged one only has comments).
: "${RABBITMQ_NODENAME:=rabbit@localhost}"
: "${RABBITMQ_NODE_IP_ADDRESS:=127.0.0.1}"
: "${RABBITMQ_NODE_PORT:=5672}"
: "${RABBITMQ_WAIT_SECONDS:=60}"
: "${RABBITMQ_CLUSTER_SIZE:=3}"
: "${RABBITMQ_CLUSTER_PORT:=5680}"
: "${PG_VERSION:=15}"
: "${PG_CLUSTER:=main}"
: "${PG_HOST:=127.0.0.1}"
: "${PG_PORT:=5432}"
: "${PG_APP_USER:=governance}"
: "${PG_APP_PASSWORD:=governance}"
: "${PG_WAIT_SECONDS:=30}"
: "${PG_PAIR_ROOT:=/var/lib/postgresql/governance-pair}"
: "${PG_PAIR_PRIMARY_PORT:=5441}"
: "${PG_PAIR_STANDBY_PORT:=5442}"
: "${PG_REPLICATION_USER:=replicator}"
: "${PG_REPLICATION_PASSWORD:=replicator}"

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

# A RabbitMQ cluster on this one machine: nodes ha1@localhost, ha2@localhost, ha3@localhost beside the
# single node above (which they leave alone), for the fault test that kills a node under load
# (tests/Governance.FaultTests/RabbitClusterFaultTests.cs) and to rehearse a county's three-machine
# cluster (deploy/README.md, "RabbitMQ cluster", gives the steps for real machines).
# Each node keeps its data in its own directory, named after the node under the package's
# /var/lib/rabbitmq/mnesia, and its log in /var/log/rabbitmq/haN@localhost.log. They share the rabbitmq
# user's Erlang cookie, as nodes of one cluster must.
_rabbit_cluster_node_name() { echo "ha$1@localhost"; }

# The RabbitMQ tools with node N's settings (see _rabbit). Its own enabled-plugins file, which does not
# exist: no plugins, so a management plugin enabled for the single node does not make these nodes
# fight for its port 15672.
_rabbit_cluster_node() {
    local n=$1
    shift
    _as_root env RABBITMQ_NODENAME="$(_rabbit_cluster_node_name "$n")" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_NODE_PORT=$((RABBITMQ_CLUSTER_PORT + n)) RABBITMQ_DIST_PORT=$((RABBITMQ_CLUSTER_PORT + 20000 + n)) \
        RABBITMQ_ENABLED_PLUGINS_FILE="/var/lib/rabbitmq/ha$n-enabled_plugins" ERL_EPMD_ADDRESS=127.0.0.1 "$@"
}

rabbitmq_cluster_ctl() {
    local n=$1
    shift
    _rabbit_cluster_node "$n" rabbitmqctl "$@"
}

_rabbit_cluster_ping() {
    _rabbit_cluster_node "$1" rabbitmq-diagnostics -q ping >/dev/null 2>&1
}

# Idempotent like the rest: starts the nodes that are not running (all at once, so that nodes which were
# stopped together find each other again), then joins to ha1 each node that is not yet in its cluster.
# A node that was in the cluster and restarts (after a kill) rejoins by itself.
ensure_rabbitmq_cluster() {
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
        _servers_log "installing rabbitmq-server"
        _apt_install rabbitmq-server
    fi
    local n port seed
    seed="$(_rabbit_cluster_node_name 1)"
    for n in $(seq 1 "$RABBITMQ_CLUSTER_SIZE"); do
        port=$((RABBITMQ_CLUSTER_PORT + n))
        # The port first: asking a node that does not run costs an Erlang start of the tools.
        if _port_open 127.0.0.1 "$port"; then
            _rabbit_cluster_ping "$n" && continue
            _servers_log "127.0.0.1:$port is taken by something other than $(_rabbit_cluster_node_name "$n"); set RABBITMQ_CLUSTER_PORT"
            return 1
        fi
        _servers_log "starting RabbitMQ $(_rabbit_cluster_node_name "$n") on 127.0.0.1:$port"
        _rabbit_cluster_node "$n" RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
            rabbitmq-server -detached
    done
    local deadline=$((SECONDS + RABBITMQ_WAIT_SECONDS))
    for n in $(seq 1 "$RABBITMQ_CLUSTER_SIZE"); do
        until _rabbit_cluster_node "$n" rabbitmqctl -q await_startup >/dev/null 2>&1 && _port_open 127.0.0.1 $((RABBITMQ_CLUSTER_PORT + n)); do
            if [ "$SECONDS" -ge "$deadline" ]; then
                _servers_log "RabbitMQ $(_rabbit_cluster_node_name "$n") did not come up within ${RABBITMQ_WAIT_SECONDS}s; see /var/log/rabbitmq/"
                return 1
            fi
            sleep 1
        done
    done
    for n in $(seq 2 "$RABBITMQ_CLUSTER_SIZE"); do
        # A node's cluster_status lists the nodes of its cluster: the seed there means it has joined.
        if rabbitmq_cluster_ctl "$n" -q cluster_status --formatter json 2>/dev/null | grep -q "\"$seed\""; then
            continue
        fi
        _servers_log "joining $(_rabbit_cluster_node_name "$n") to $seed"
        # reset: a node that belonged to an earlier cluster of these names must forget it before joining.
        # The tools print the node's start-up log lines; shown only if the join fails.
        local out
        if ! out=$(rabbitmq_cluster_ctl "$n" -q stop_app 2>&1 && rabbitmq_cluster_ctl "$n" -q reset 2>&1 \
            && rabbitmq_cluster_ctl "$n" -q join_cluster "$seed" 2>&1 && rabbitmq_cluster_ctl "$n" -q start_app 2>&1); then
            _servers_log "$(_rabbit_cluster_node_name "$n") could not join $seed (see /var/log/rabbitmq/): $out"
            return 1
        fi
    done
    _servers_log "RabbitMQ cluster of $RABBITMQ_CLUSTER_SIZE nodes is up on 127.0.0.1:$((RABBITMQ_CLUSTER_PORT + 1))-$((RABBITMQ_CLUSTER_PORT + RABBITMQ_CLUSTER_SIZE))"
}

# Stops every node of the cluster (one that is already down is skipped) and deletes its data, so that
# the next ensure_rabbitmq_cluster starts a fresh cluster. The single node and its data stay.
remove_rabbitmq_cluster() {
    local n name
    for n in $(seq 1 "$RABBITMQ_CLUSTER_SIZE"); do
        _rabbit_cluster_ping "$n" && rabbitmq_cluster_ctl "$n" -q stop >/dev/null 2>&1
    done
    for n in $(seq 1 "$RABBITMQ_CLUSTER_SIZE"); do
        name="$(_rabbit_cluster_node_name "$n")"
        _as_root rm -rf "/var/lib/rabbitmq/mnesia/$name" "/var/lib/rabbitmq/mnesia/$name-feature_flags" \
            "/var/lib/rabbitmq/mnesia/$name-plugins-expand" "/var/lib/rabbitmq/mnesia/$name.pid" "/var/lib/rabbitmq/ha$n-enabled_plugins"
    done
    _servers_log "RabbitMQ cluster nodes stopped and their data removed"
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

# ---- PostgreSQL clusters of our own, beside Debian's (which the other tests share) ----------------------
# Made with initdb and run with pg_ctl as the postgres user, on their own loopback ports: the HA pair
# (ensure_postgres_pair) and throwaway clusters (the restore drill's test). Debian's pg_ctlcluster
# would also do, but it keeps their settings in /etc/postgresql, where a rebuilt standby would need
# them copied by hand; here everything a cluster is lives in its directory.

_pg_bin() { echo "/usr/lib/postgresql/$PG_VERSION/bin/$1"; }

_pg_running() { _as_postgres "$(_pg_bin pg_ctl)" status -D "$1" >/dev/null 2>&1; }

_pg_wait_ready() {
    local deadline=$((SECONDS + PG_WAIT_SECONDS))
    until pg_isready -q -h 127.0.0.1 -p "$1"; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _servers_log "PostgreSQL does not accept connections on 127.0.0.1:$1 after ${PG_WAIT_SECONDS}s"
            return 1
        fi
        sleep 0.2
    done
}

# ensure_postgres_cluster DIR PORT [SETTING=VALUE...]: initdb when DIR holds no cluster, then its
# settings written to DIR/governance.conf (included by postgresql.conf) and the cluster started; a
# running cluster whose settings changed is restarted. Values are written as given: quote strings
# ("archive_command='…'"). Peer authentication on the socket, SCRAM passwords over TCP.
ensure_postgres_cluster() {
    local dir=$1 port=$2
    shift 2
    if [ ! -x "$(_pg_bin initdb)" ]; then
        _servers_log "installing postgresql-$PG_VERSION"
        _apt_install "postgresql-$PG_VERSION"
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        _servers_log "creating a PostgreSQL cluster in $dir"
        _as_root install -d -o postgres -g postgres -m 700 "$dir"
        _as_postgres "$(_pg_bin initdb)" -D "$dir" -U postgres -E UTF8 --locale=C \
            --auth-local=peer --auth-host=scram-sha-256 >/dev/null
        echo "include_if_exists = 'governance.conf'" | _as_postgres tee -a "$dir/postgresql.conf" >/dev/null
    fi
    local settings
    settings=$(printf '%s\n' "port = $port" "listen_addresses = '127.0.0.1'" "$@")
    if [ "$(_as_postgres cat "$dir/governance.conf" 2>/dev/null)" != "$settings" ]; then
        printf '%s\n' "$settings" | _as_postgres tee "$dir/governance.conf" >/dev/null
        if _pg_running "$dir"; then
            _servers_log "settings of $dir changed: restarting it"
            _as_postgres "$(_pg_bin pg_ctl)" restart -D "$dir" -m fast -w -t "$PG_WAIT_SECONDS" >/dev/null
        fi
    fi
    if ! _pg_running "$dir"; then
        _servers_log "starting PostgreSQL in $dir on 127.0.0.1:$port"
        # The log beside the directory, not in it: a base backup of the directory would copy it.
        _as_postgres "$(_pg_bin pg_ctl)" start -D "$dir" -l "${dir%/}.log" -w -t "$PG_WAIT_SECONDS" >/dev/null
    fi
    _pg_wait_ready "$port"
}

# stop_postgres_cluster DIR [fast|immediate]: immediate is a crash (no checkpoint; recovery at next start).
stop_postgres_cluster() {
    if _pg_running "$1"; then
        _servers_log "stopping PostgreSQL in $1 (${2:-fast})"
        _as_postgres "$(_pg_bin pg_ctl)" stop -D "$1" -m "${2:-fast}" -w -t "$PG_WAIT_SECONDS" >/dev/null
    fi
}

# psql as the postgres superuser on one of our clusters. synchronous_commit=local: the setup's own
# commits must not wait for a standby that does not stream yet.
_pg_psql() {
    local port=$1
    shift
    _as_postgres env PGOPTIONS="-c synchronous_commit=local" psql -X -q -A -t -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

# ensure_postgres_pair [DB...]: a primary on PG_PAIR_PRIMARY_PORT and its hot standby on
# PG_PAIR_STANDBY_PORT, streaming synchronously: the primary names the standby in
# synchronous_standby_names (synchronous_commit=on), so a commit is acknowledged only once the
# standby has it on disk, and promoting the standby loses nothing acknowledged. Then the role and
# databases of ensure_postgres_role_and_dbs on the primary. A standby that is missing or no longer one
# (promoted by fail_over_postgres_pair) is made again from the primary with pg_basebackup -R: this
# pair is for tests and development, its data disposable. On real machines the old primary rejoins as
# the new standby with pg_rewind instead (deploy/README.md, "PostgreSQL primary and standby").
ensure_postgres_pair() {
    local primary="$PG_PAIR_ROOT/primary" standby="$PG_PAIR_ROOT/standby" name=governance_standby
    if _as_root test -f "$primary/standby.signal"; then
        _servers_log "the pair's roles are swapped (rejoin_postgres_pair_old_primary): making it anew"
        stop_postgres_pair
        _as_root rm -rf "$primary" "$standby"
    fi
    _as_root install -d -o postgres -g postgres -m 700 "$PG_PAIR_ROOT"
    # wal_log_hints: what pg_rewind needs to turn a failed primary into a standby of the promoted one; wal_keep_size:
    # the WAL back to the last checkpoint both share, which later checkpoints would otherwise have recycled.
    ensure_postgres_cluster "$primary" "$PG_PAIR_PRIMARY_PORT" \
        "synchronous_standby_names = '$name'" "synchronous_commit = on" "wal_log_hints = on" "wal_keep_size = '256MB'"
    _pg_psql "$PG_PAIR_PRIMARY_PORT" -v role="$PG_REPLICATION_USER" -v password="$PG_REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')
\gexec
SELECT format('ALTER ROLE %I LOGIN REPLICATION PASSWORD %L', :'role', :'password')
\gexec
SQL
    if ! _as_root test -f "$standby/standby.signal"; then
        _servers_log "making the standby in $standby from the primary (pg_basebackup -R)"
        stop_postgres_cluster "$standby" immediate
        _as_root rm -rf "$standby"
        # -R writes standby.signal and primary_conninfo (with application_name, which
        # synchronous_standby_names names) into postgresql.auto.conf.
        _as_postgres "$(_pg_bin pg_basebackup)" -D "$standby" -R -X stream -c fast \
            -d "host=127.0.0.1 port=$PG_PAIR_PRIMARY_PORT user=$PG_REPLICATION_USER password=$PG_REPLICATION_PASSWORD application_name=$name"
    fi
    # The standby's own settings (its copy of governance.conf is the primary's): no synchronous_standby_names,
    # so once promoted it commits alone until a new standby joins, instead of waiting for one.
    ensure_postgres_cluster "$standby" "$PG_PAIR_STANDBY_PORT" "hot_standby = on" "wal_log_hints = on" "wal_keep_size = '256MB'"
    _pg_wait_synchronous_standby "$PG_PAIR_PRIMARY_PORT" "$name" || return 1
    _servers_log "PostgreSQL pair up: primary 127.0.0.1:$PG_PAIR_PRIMARY_PORT, synchronous standby 127.0.0.1:$PG_PAIR_STANDBY_PORT"
    PG_PORT=$PG_PAIR_PRIMARY_PORT ensure_postgres_role_and_dbs "$@"
}

# Waits until the primary on port $1 has the standby named $2 streaming synchronously.
_pg_wait_synchronous_standby() {
    local deadline=$((SECONDS + PG_WAIT_SECONDS))
    until [ "$(_pg_psql "$1" -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$2'")" = sync ]; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            _servers_log "no synchronous standby $2 streams from 127.0.0.1:$1 after ${PG_WAIT_SECONDS}s; see the logs in $PG_PAIR_ROOT"
            return 1
        fi
        sleep 0.2
    done
}

# fail_over_postgres_pair: the primary stops as if it crashed (pg_ctl stop -m immediate), then the standby
# is promoted (pg_ctl promote waits until it accepts writes).
fail_over_postgres_pair() {
    stop_postgres_cluster "$PG_PAIR_ROOT/primary" immediate
    _servers_log "promoting the standby on 127.0.0.1:$PG_PAIR_STANDBY_PORT"
    _as_postgres "$(_pg_bin pg_ctl)" promote -D "$PG_PAIR_ROOT/standby" -w -t "$PG_WAIT_SECONDS" >/dev/null
}

# rejoin_postgres_pair_old_primary: after fail_over_postgres_pair, the old primary becomes the synchronous
# standby of the promoted one with pg_rewind, as deploy/README.md tells it for real machines ("The old primary
# rejoins"); the roles stay swapped (primary on PG_PAIR_STANDBY_PORT) until ensure_postgres_pair makes the pair anew.
rejoin_postgres_pair_old_primary() {
    local old="$PG_PAIR_ROOT/primary" name=governance_standby
    stop_postgres_cluster "$old"
    # A promoted server's control file names its new timeline only after a checkpoint, and pg_rewind reads it there.
    _pg_psql "$PG_PAIR_STANDBY_PORT" -c CHECKPOINT
    # It copies the source's configuration files too; ensure_postgres_cluster writes the old primary's back.
    if ! _as_postgres "$(_pg_bin pg_rewind)" -D "$old" \
        --source-server="host=/var/run/postgresql port=$PG_PAIR_STANDBY_PORT user=postgres dbname=postgres" >"$PG_PAIR_ROOT/rewind.log" 2>&1; then
        _servers_log "pg_rewind failed:"
        tail -5 "$PG_PAIR_ROOT/rewind.log" >&2
        return 1
    fi
    _as_postgres touch "$old/standby.signal"
    printf "primary_conninfo = '%s'\n" \
        "host=127.0.0.1 port=$PG_PAIR_STANDBY_PORT user=$PG_REPLICATION_USER password=$PG_REPLICATION_PASSWORD application_name=$name" |
        _as_postgres tee -a "$old/postgresql.auto.conf" >/dev/null
    ensure_postgres_cluster "$old" "$PG_PAIR_PRIMARY_PORT" "hot_standby = on" "wal_log_hints = on" "wal_keep_size = '256MB'"
    _pg_psql "$PG_PAIR_STANDBY_PORT" -c "ALTER SYSTEM SET synchronous_standby_names = '$name'"
    _pg_psql "$PG_PAIR_STANDBY_PORT" -c "SELECT pg_reload_conf()" >/dev/null
    _pg_wait_synchronous_standby "$PG_PAIR_STANDBY_PORT" "$name" || return 1
    _servers_log "the old primary streams from the promoted one: standby 127.0.0.1:$PG_PAIR_PRIMARY_PORT, primary 127.0.0.1:$PG_PAIR_STANDBY_PORT"
}

stop_postgres_pair() {
    stop_postgres_cluster "$PG_PAIR_ROOT/standby"
    stop_postgres_cluster "$PG_PAIR_ROOT/primary"
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
