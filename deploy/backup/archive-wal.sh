#!/usr/bin/env bash
# PostgreSQL's archive_command: keeps every finished WAL segment in a folder, for point-in-time recovery.
#   archive_mode = on
#   archive_command = '/opt/governance/backup/archive-wal.sh %p %f /var/backups/governance/postgres/wal'
# Runs as the postgres user, from the data directory (%p is relative to it). Exit 0 only once the file is
# safely in the archive: PostgreSQL keeps the segment and calls again until then, so a full or missing disk
# stops WAL from being recycled rather than losing it (watch pg_stat_archiver.failed_count).
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 %p %f ARCHIVE_DIR" >&2
    exit 2
fi
source_path=$1 name=$2 archive=$3
target="$archive/$name"

# A segment archived before (the server was stopped after copying, before it noted the success): the same
# bytes are fine, different bytes under the same name are a second cluster writing into this archive.
if [ -e "$target" ]; then
    if cmp -s "$source_path" "$target"; then exit 0; fi
    echo "archive-wal: $target exists with other contents; is another cluster archiving here?" >&2
    exit 1
fi

mkdir -p "$archive"
# Copied under a temporary name, flushed, then renamed: a restore never sees half a segment.
tmp="$archive/.$name.partial"
cp "$source_path" "$tmp"
sync "$tmp"
mv "$tmp" "$target"
sync "$archive"
