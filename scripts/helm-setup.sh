#!/usr/bin/env bash
# Builds the real Helm from its Go module for the tests, or reuses the cached build.
#
#   scripts/helm-setup.sh           prints the path of the helm binary on stdout (last line)
#
# The build lives OUTSIDE the repo, keyed by version:
#   ${ARGO_STUDIO_CACHE:-$HOME/.cache/argo-studio}/helm-<version>/bin/helm
# with its own GOMODCACHE and GOCACHE beside it (gomod/, gocache/), so it neither needs nor touches
# the user's Go caches. Source: the Go module proxy (helm.sh/helm/v4/cmd/helm at the pinned
# version); nothing of Helm is copied into this repository. A finished build is marked by
# `.complete`; an interrupted one is redone. Concurrent runs wait for each other (flock).
#
# Needs: Go (1.25 or newer) and the Go module proxy.
set -euo pipefail

VERSION="${HELM_VERSION:-v4.3.2}"
MODULE="helm.sh/helm/v4"
CACHE="${ARGO_STUDIO_CACHE:-$HOME/.cache/argo-studio}"
DIR="$CACHE/helm-$VERSION"
BIN="$DIR/bin/helm"

log() { echo "helm-setup: $*" >&2; }
die() { echo "helm-setup: ERROR: $*" >&2; exit 1; }

command -v go >/dev/null || die "Go is not installed (https://go.dev/dl/, or apt-get install golang-go when it is 1.25 or newer)"

mkdir -p "$CACHE"
exec 9>"$CACHE/.helm-$VERSION.lock"
flock 9

if [ -f "$DIR/.complete" ] && [ -x "$BIN" ]; then
  log "reusing $BIN"
  echo "$BIN"
  exit 0
fi

start=$(date +%s)
log "building $MODULE/cmd/helm@$VERSION into $DIR (several minutes the first time)"
mkdir -p "$DIR/bin" "$DIR/gomod" "$DIR/gocache"
export GOMODCACHE="$DIR/gomod" GOCACHE="$DIR/gocache" GOFLAGS="-modcacherw -buildvcs=false" GOTOOLCHAIN=local CGO_ENABLED=0
rm -f "$DIR/.complete" "$BIN"
# Be gentle with the machine: low priority, one package compiled at a time.
if ! nice -n 10 env GOBIN="$DIR/bin" go install -p 1 -trimpath \
  -ldflags "-s -w -X $MODULE/internal/version.version=$VERSION" "$MODULE/cmd/helm@$VERSION" >"$DIR/build.log" 2>&1; then
  tail -40 "$DIR/build.log" >&2
  die "go install failed (full log: $DIR/build.log)"
fi
"$BIN" version --short >/dev/null 2>&1 || die "$BIN does not run: $BIN version --short failed"
date -u +%FT%TZ > "$DIR/.complete"
log "built $("$BIN" version --short) in $(( $(date +%s) - start )) s"
echo "$BIN"
