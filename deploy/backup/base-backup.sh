#!/usr/bin/env bash
# A base backup of the whole PostgreSQL cluster (every service's database), the starting point of a
# point-in-time recovery; the WAL archive (archive-wal.sh) carries it forward to any later moment.
#   sudo -u postgres deploy/backup/base-backup.sh          (from a timer, e.g. nightly)
# Settings (environment): the server as libpq takes it (PGHOST, PGPORT, PGUSER; default the local socket
# and the postgres user), BACKUP_ROOT (default /var/backups/governance/postgres), KEEP_BASE_BACKUPS (default 7),
# PG_BIN (default the newest /usr/lib/postgresql/*/bin: the server's version).
# Writes BACKUP_ROOT/base/<UTC time>/ (base.tar.gz, pg_wal.tar.gz, backup_manifest), checks the archives
# are whole, prints its path; then deletes the oldest beyond KEEP_BASE_BACKUPS and the archived WAL
# that only they needed.
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then exec runuser -u postgres -- "$0" "$@"; fi
# A caller's folder closed to postgres (root's, a 0700 checkout): work from / instead, or psql says so in every
# answer. Relative paths in the options could not be read from there anyway.
if [ ! -x "$PWD" ]; then cd /; fi

: "${BACKUP_ROOT:=/var/backups/governance/postgres}"
: "${KEEP_BASE_BACKUPS:=7}"
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}

target="$BACKUP_ROOT/base/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_ROOT/base" "$BACKUP_ROOT/wal"
# -X stream: the WAL written during the backup comes with it, so the backup restores on its own too.
# -c fast: an immediate checkpoint rather than waiting for the next one.
"$bin/pg_basebackup" -D "$target" -F tar -z -X stream -c fast --label "governance $(basename "$target")"
# (pg_verifybackup reads only plain-format backups before PostgreSQL 18; the restore drill is the real check.)
gzip -t "$target"/*.tar.gz
echo "$target"

# The oldest backups beyond the ones kept, then the WAL segments older than the oldest one kept.
mapfile -t backups < <(ls -1d "$BACKUP_ROOT"/base/*/ 2>/dev/null | sort)
excess=$((${#backups[@]} - KEEP_BASE_BACKUPS))
for ((i = 0; i < excess; i++)); do rm -rf "${backups[$i]}"; done
oldest=$(ls -1d "$BACKUP_ROOT"/base/*/ | sort | head -1)
# The first segment the oldest backup needs, from its manifest's Start-LSN and timeline (16 MB segments).
start=$(grep -o '"Start-LSN": "[0-9A-F]*/[0-9A-F]*"' "$oldest/backup_manifest" | head -1 | grep -o '[0-9A-F]*/[0-9A-F]*')
timeline=$(grep -o '"Timeline": [0-9]*' "$oldest/backup_manifest" | head -1 | grep -o '[0-9]*$')
if [ -n "$start" ] && [ -n "$timeline" ]; then
    first=$(printf '%08X%08X%08X' "$timeline" "0x${start%/*}" $((0x${start#*/} / 0x1000000)))
    "$bin/pg_archivecleanup" "$BACKUP_ROOT/wal" "$first"
fi
