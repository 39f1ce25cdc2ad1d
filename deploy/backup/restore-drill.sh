#!/usr/bin/env bash
# The restore drill: proves the backups restore, by doing it. Restores a base backup (base-backup.sh) into a
# scratch folder, replays the WAL archive (archive-wal.sh) up to a moment, starts the result on a spare port
# reachable only through its own socket, prints every table's row count, checks what it is told to, then
# stops and deletes it. Nothing touches the running cluster or the archive.
#   sudo -u postgres deploy/backup/restore-drill.sh --target-time '2026-12-06 14:30:00+08' \
#       --expect "governance_incidents:SELECT count(*) > 0 FROM incidents"
# Options:
#   --base DIR          the base backup (default: the newest in BACKUP_ROOT/base); it must be older than the target
#   --wal DIR           the WAL archive (default: BACKUP_ROOT/wal)
#   --target-time TIME  recover to this moment (a timestamp with zone); default: the end of the archive
#   --port PORT         the spare port for the restored copy (default 5499; socket only, no TCP)
#   --expect DB:SQL     a query on database DB that must answer true (t); repeatable
#   --keep              leave the restored copy running (its folder and a psql line are printed)
# Settings (environment): BACKUP_ROOT (default /var/backups/governance/postgres), DRILL_ROOT (where the
# scratch folder goes, default /var/tmp), PG_BIN (default the newest /usr/lib/postgresql/*/bin).
# Exit 0 when the copy came up at the target and every --expect held; 1 otherwise.
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then exec runuser -u postgres -- "$0" "$@"; fi
# A caller's folder closed to postgres (root's, a 0700 checkout): work from / instead, or psql says so in every
# answer. Relative paths in the options could not be read from there anyway.
if [ ! -x "$PWD" ]; then cd /; fi

: "${BACKUP_ROOT:=/var/backups/governance/postgres}"
: "${DRILL_ROOT:=/var/tmp}"
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
base="" wal="$BACKUP_ROOT/wal" target_time="" port=5499 keep="" expects=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --base) base=$2; shift 2 ;;
        --wal) wal=$2; shift 2 ;;
        --target-time) target_time=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --expect) expects+=("$2"); shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "restore-drill: unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done
[ -n "$base" ] || base=$(ls -1d "$BACKUP_ROOT"/base/*/ 2>/dev/null | sort | tail -1)
if [ -z "$base" ] || [ ! -f "$base/base.tar.gz" ]; then echo "restore-drill: no base backup at '$base'" >&2; exit 1; fi

started=$SECONDS
scratch=$(mktemp -d "$DRILL_ROOT/governance-restore-drill.XXXXXX")
data="$scratch/data"
cleanup() {
    if [ -z "$keep" ]; then
        "$bin/pg_ctl" stop -D "$data" -m immediate >/dev/null 2>&1 || true
        rm -rf "$scratch"
    fi
}
trap cleanup EXIT

echo "restore-drill: base backup $base, WAL archive $wal, target ${target_time:-end of archive}"
mkdir -m 700 "$data"
tar -xzf "$base/base.tar.gz" -C "$data"
[ -f "$base/pg_wal.tar.gz" ] && tar -xzf "$base/pg_wal.tar.gz" -C "$data/pg_wal"
rm -f "$data/standby.signal" "$data/postmaster.pid"
# A Debian cluster keeps its configuration in /etc/postgresql, outside the backup: the copy gets a minimal one.
[ -f "$data/postgresql.conf" ] || : >"$data/postgresql.conf"
[ -f "$data/pg_hba.conf" ] || echo "local all all peer" >"$data/pg_hba.conf"
[ -f "$data/pg_ident.conf" ] || : >"$data/pg_ident.conf"
# postgresql.auto.conf is read last, so these win over whatever the backed-up cluster had. Above all: the copy
# must not archive into the real archive, and, restored from a primary with a synchronous standby, must not
# wait for that standby on its first commit.
{
    echo "port = $port"
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$scratch'"
    echo "archive_mode = off"
    echo "synchronous_standby_names = ''"
    echo "primary_conninfo = ''"
    echo "restore_command = 'cp \"$wal/%f\" \"%p\"'"
    [ -z "$target_time" ] || echo "recovery_target_time = '$target_time'"
    echo "recovery_target_action = 'promote'"
} >>"$data/postgresql.auto.conf"
touch "$data/recovery.signal"

"$bin/pg_ctl" start -D "$data" -l "$scratch/server.log" -w -t 3600 >/dev/null || {
    echo "restore-drill: the restored copy did not start; its log:" >&2
    tail -30 "$scratch/server.log" >&2
    exit 1
}
psql_copy() { "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$scratch" -p "$port" "$@"; }
# Recovery ends (and the copy takes writes) once the target is reached; a target past the archive's end
# stops the server instead ("recovery ended before configured recovery target was reached").
until [ "$(psql_copy -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; do
    if ! "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
        echo "restore-drill: recovery failed; the copy's log:" >&2
        tail -30 "$scratch/server.log" >&2
        exit 1
    fi
    sleep 0.5
done
echo "restore-drill: restored and recovered in $((SECONDS - started)) s; last replayed transaction at $(psql_copy -d postgres -c "SELECT coalesce(pg_last_xact_replay_timestamp()::text, 'none')")"

# Every table's row count, database by database: the figures to compare with what the county knows.
for db in $(psql_copy -d postgres -c "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY 1"); do
    psql_copy -d "$db" -v db="$db" <<'SQL'
SELECT format('SELECT %L || '' '' || %L || '' '' || count(*) FROM %I.%I', :'db', schemaname || '.' || relname, schemaname, relname)
FROM pg_stat_user_tables ORDER BY schemaname, relname
\gexec
SQL
done | sed 's/^/rows /'

failed=0
for expect in "${expects[@]}"; do
    db=${expect%%:*} sql=${expect#*:}
    answer=$(psql_copy -d "$db" -c "$sql" 2>&1) || true
    if [ "$answer" = t ]; then echo "expect ok: $expect"; else echo "expect FAILED ($answer): $expect"; failed=1; fi
done

if [ -n "$keep" ]; then
    echo "restore-drill: the copy keeps running in $data: psql -h $scratch -p $port; stop it with $bin/pg_ctl stop -D $data"
fi
exit "$failed"
