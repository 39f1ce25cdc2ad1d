#!/usr/bin/env bash
# Builds every artifact that can be built here, in one command:
#   <OUT>/governance/host/        the Host published (self-contained: the server needs no .NET installed)
#   <OUT>/governance/gateway/     the gateway published the same way
#   <OUT>/governance/systemd/     the units (governance@.service per service, the gateway's, governance.target)
#   <OUT>/governance/env/         the settings templates install.sh fills in
#   <OUT>/governance/install.sh   the installer (deploy/README.md, "Installing with systemd")
#   <OUT>/governance/container/   a Dockerfile and compose.yaml (NOT built or run here: no container engine)
#   <OUT>/governance-<version>-<runtime>.tar.gz   all of the above, to copy to a county's server
#
# Settings (environment, all optional):
#   OUT        <repo>/artifacts/package
#   RUNTIME    linux-x64 (or linux-arm64)
#   BUILD_DIR  <repo>/artifacts/package-build: the publish's own obj/ and bin/, apart from the
#              developer's (a runtime-specific restore would otherwise rewrite theirs); kept, so a second
#              run only compiles what changed
#   SKIP_WEB_PAGES=1  publish without the web pages (no Node.js needed; for a quick check only)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$REPO/artifacts/package}"
RUNTIME="${RUNTIME:-linux-x64}"
BUILD_DIR="${BUILD_DIR:-$REPO/artifacts/package-build}"
VERSION="$(git -C "$REPO" describe --tags --always --dirty 2>/dev/null || echo unversioned)"
STAGE="$OUT/governance"

log() { echo "[package] $*" >&2; }

command -v dotnet >/dev/null || { log "dotnet is not on PATH"; exit 69; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$STAGE"
mkdir -p "$STAGE"

publish() {
    local project=$1 into=$2
    log "publishing $project ($RUNTIME, self-contained) to $into"
    dotnet publish "$REPO/services/$project" -c Release -r "$RUNTIME" --self-contained \
        --artifacts-path "$BUILD_DIR" -o "$into" --nologo -v quiet \
        ${SKIP_WEB_PAGES:+-p:SkipWebPages=true}
}
publish Host "$STAGE/host"
publish Gateway "$STAGE/gateway"

cp -r "$REPO/deploy/package/systemd" "$REPO/deploy/package/env" "$REPO/deploy/package/container" "$STAGE/"
cp -r "$REPO/deploy/backup" "$STAGE/"   # the PostgreSQL backup scripts, for the database machines
install -m 0755 "$REPO/deploy/package/install.sh" "$STAGE/install.sh"
echo "$VERSION" > "$STAGE/VERSION"

TARBALL="$OUT/governance-$VERSION-$RUNTIME.tar.gz"
rm -f "$OUT"/governance-*.tar.gz
tar -C "$OUT" -czf "$TARBALL" governance
log "done: $STAGE"
log "      $TARBALL ($(du -h "$TARBALL" | cut -f1))"
