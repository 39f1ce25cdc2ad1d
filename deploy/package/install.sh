#!/usr/bin/env bash
# Installs or upgrades Governance on a systemd machine from this unpacked package (made by
# deploy/package.sh). Safe to run again: it creates only what is missing (the user, the folders, the
# settings files with fresh keys) and replaces only the programs and the unit files.
#
#   sudo ./install.sh              install, then: edit /etc/governance/*.env, systemctl enable --now governance.target
#   ./install.sh --root DIR        lay the same files out under DIR instead of / (no user, no owners, no
#                                  systemctl): to inspect a release, or to check it (the tests do)
#
# Where things go:
#   /opt/governance/host/        the Host (grids, incidents, dispatch: one executable)
#   /opt/governance/gateway/     the gateway
#   /opt/governance/backup/      base backup, WAL archiving and restore drill for PostgreSQL (deploy/README.md)
#   /etc/governance/*.env        settings: common.env, grids.env, incidents.env, dispatch.env, gateway.env
#   /var/lib/governance/         the user's home and working folder
#   /etc/systemd/system/         governance@.service, governance-gateway.service, governance.target,
#                                and the drop-in hardening.conf of both services
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT=
while [ $# -gt 0 ]; do
    case "$1" in
        --root) ROOT="${2:?--root needs a folder}"; shift 2 ;;
        --root=*) ROOT="${1#--root=}"; shift ;;
        *) echo "usage: $0 [--root DIR]" >&2; exit 64 ;;
    esac
done
ROOT="${ROOT%/}"

ACCOUNT=governance
PREFIX=/opt/governance
CONF=/etc/governance
STATE=/var/lib/governance
UNITS=/etc/systemd/system
SERVICES="grids:5101 incidents:5102 dispatch:5103"

log() { echo "[install] $*" >&2; }

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
    log "run as root (or with --root DIR to lay the files out elsewhere)"
    exit 77
fi
for part in host gateway systemd env; do
    [ -d "$HERE/$part" ] || { log "$HERE/$part is missing: run this from an unpacked package (deploy/package.sh)"; exit 66; }
done

# dir MODE OWNER:GROUP PATH: a folder, its owner set only on a real install.
dir() {
    install -d -m "$1" "$ROOT$3"
    [ -n "$ROOT" ] || chown "$2" "$ROOT$3"
}

# The system user the services run as: no login, no password, home = the state folder.
if [ -z "$ROOT" ]; then
    if getent passwd "$ACCOUNT" >/dev/null; then
        log "user $ACCOUNT exists"
    else
        useradd --system --user-group --home-dir "$STATE" --no-create-home --shell /usr/sbin/nologin \
            --comment "Governance services" "$ACCOUNT"
        log "created system user $ACCOUNT"
    fi
fi

dir 0755 root:root "$PREFIX"
dir 0750 "root:$ACCOUNT" "$CONF"
dir 0750 "$ACCOUNT:$ACCOUNT" "$STATE"
dir 0755 root:root "$UNITS"

# The programs: copied beside the old ones and swapped in, so a failed copy leaves the old release whole.
# Running services keep the files they opened until they are restarted.
for program in host gateway backup; do
    rm -rf "$ROOT$PREFIX/$program.new" "$ROOT$PREFIX/$program.old"
    cp -a "$HERE/$program" "$ROOT$PREFIX/$program.new"
    [ -n "$ROOT" ] || chown -R root:root "$ROOT$PREFIX/$program.new"
    if [ -d "$ROOT$PREFIX/$program" ]; then mv "$ROOT$PREFIX/$program" "$ROOT$PREFIX/$program.old"; fi
    mv "$ROOT$PREFIX/$program.new" "$ROOT$PREFIX/$program"
    rm -rf "$ROOT$PREFIX/$program.old"
done
[ ! -f "$HERE/VERSION" ] || install -m 0644 "$HERE/VERSION" "$ROOT$PREFIX/VERSION"
log "programs in $ROOT$PREFIX ($(cat "$HERE/VERSION" 2>/dev/null || echo 'version unknown'))"

# A random secret in base64: 48 bytes make a 64-character signing key, 32 bytes the AES-256 key.
secret() { head -c "$1" /dev/urandom | base64 -w0; }

# settings NAME: writes $CONF/NAME from standard input unless it exists (an operator's edits are kept);
# an existing file missing a setting the new template has is named, not changed.
settings() {
    local target="$ROOT$CONF/$1" template
    template="$(cat)"
    if [ -e "$target" ]; then
        local key
        for key in $(grep -oE '^[A-Za-z_][A-Za-z0-9_]*=' <<<"$template" | tr -d =); do
            grep -qE "^$key=" "$target" || log "note: $target has no $key (new in this release; see $HERE/env/)"
        done
        log "kept $target"
        return
    fi
    (umask 027 && printf '%s\n' "$template" > "$target")
    [ -n "$ROOT" ] || chown "root:$ACCOUNT" "$target"
    log "wrote $target"
}

sed -e "s|@SIGNING_KEY@|$(secret 48)|" -e "s|@PERSONAL_DATA_KEY@|$(secret 32)|" "$HERE/env/common.env" | settings common.env
for spec in $SERVICES; do
    sed -e "s|@SERVICE@|${spec%%:*}|g" -e "s|@PORT@|${spec#*:}|g" "$HERE/env/service.env" | settings "${spec%%:*}.env"
done
settings gateway.env < "$HERE/env/gateway.env"

# The units, and the hardening every one of them gets (one file, a drop-in of each).
for unit in governance@.service governance-gateway.service governance.target; do
    install -m 0644 "$HERE/systemd/$unit" "$ROOT$UNITS/$unit"
done
for unit in governance@.service governance-gateway.service; do
    install -d -m 0755 "$ROOT$UNITS/$unit.d"
    install -m 0644 "$HERE/systemd/hardening.conf" "$ROOT$UNITS/$unit.d/hardening.conf"
done
log "units in $ROOT$UNITS"

if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    log "systemd reloaded. Next: edit $CONF/*.env (databases, broker), then"
    log "  systemctl enable --now governance.target       (first install)"
    log "  systemctl restart governance.target            (upgrade)"
fi
