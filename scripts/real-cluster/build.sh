#!/usr/bin/env bash
# Builds the real cluster's binaries from pinned Go module versions (fetched from the Go module proxy at
# build time; nothing of Kubernetes, etcd or Argo is committed) into a cache:
#   ${ARGO_STUDIO_CACHE:-~/.cache/argo-studio}/real-cluster/bin/
# with GOMODCACHE and GOCACHE beside it, so a warm rebuild takes seconds.
#
#   scripts/real-cluster/build.sh [argo|controller|apiserver|etcd|all]...   (default: all)
#
# `argo` alone builds only the argo CLI (e.g. for `argo lint --offline`). Prints one line per binary:
# NAME PATH. See docs/real-cluster.md.
set -euo pipefail

K8S_VERSION=v1.35.4
K8S_STAGING_VERSION=v0.35.4
ETCD_VERSION=v3.6.5
ARGO_VERSION=v4.0.5

CACHE="${ARGO_STUDIO_CACHE:-$HOME/.cache/argo-studio}/real-cluster"
BIN="$CACHE/bin"
SRC="$CACHE/src"
mkdir -p "$BIN" "$SRC"
export GOMODCACHE="$CACHE/gomod" GOCACHE="$CACHE/gocache" GOTOOLCHAIN=local GOFLAGS=-buildvcs=false CGO_ENABLED=0
export GOPROXY="${GOPROXY:-https://proxy.golang.org}"
GO="nice -n 10 go"

log() { echo "real-cluster build: $*" >&2; }
timed() { local t0=$SECONDS; "$@"; log "$1 ... took $((SECONDS - t0)) s"; }

# One build at a time per cache (parallel test runs or engineers share it).
exec 9>"$CACHE/build.lock"
flock 9

module_dir() { go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'; }

argo_source() {
  local dir="$SRC/argo-workflows-$ARGO_VERSION"
  if [ ! -f "$dir/.prepared" ]; then
    log "downloading github.com/argoproj/argo-workflows/v4@$ARGO_VERSION"
    local mod
    mod="$(cd "$SRC" && module_dir "github.com/argoproj/argo-workflows/v4@$ARGO_VERSION")"
    rm -rf "$dir" && cp -r "$mod" "$dir" && chmod -R u+w "$dir"
    # The module zip lacks ui/dist/app, the go:embed target of the argo CLI's server.
    mkdir -p "$dir/ui/dist/app" && echo '<!doctype html><title>argo</title>' >"$dir/ui/dist/app/index.html"
    # The controller's healthz/pprof listener is hard-coded to all interfaces: loopback only.
    grep -rl '":6060"' "$dir/cmd/workflow-controller" | xargs -r sed -i 's/":6060"/"127.0.0.1:6060"/'
    (cd "$dir" && $GO mod download)
    touch "$dir/.prepared"
  fi
  echo "$dir"
}

build_argo_binary() { # name package
  local out="$BIN/$1-$ARGO_VERSION"
  if [ ! -x "$out" ]; then
    local dir
    dir="$(argo_source)"
    log "building $1 $ARGO_VERSION"
    local v=github.com/argoproj/argo-workflows/v4
    (cd "$dir" && $GO build -trimpath -pgo=off -ldflags "-X $v.version=$ARGO_VERSION -X $v.gitTag=$ARGO_VERSION -X $v.gitTreeState=clean" \
      -o "$out.tmp" "$2" && mv "$out.tmp" "$out")
  fi
  echo "$1 $out"
}

k8s_module() {
  local dir="$SRC/kube-apiserver-$K8S_VERSION"
  if [ ! -f "$dir/go.sum" ]; then
    log "preparing a module for k8s.io/kubernetes@$K8S_VERSION"
    rm -rf "$dir" && mkdir -p "$dir"
    cd "$dir"
    cat >go.mod <<MOD
module argostudio.local/kube-apiserver

go 1.25
MOD
    cat >tools.go <<'GO'
//go:build tools

package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
GO
    go mod download -json "k8s.io/kubernetes@$K8S_VERSION" >/dev/null
    go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
    # k8s.io/kubernetes replaces its staging modules with ./staging (v0.0.0): use the published ones.
    sed -n 's/^\s*\(k8s\.io\/[^ ]*\) => \.\/staging\/.*/\1/p' \
      "$GOMODCACHE/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod" | while read -r m; do
      go mod edit -replace="$m=$m@$K8S_STAGING_VERSION"
    done
    $GO mod tidy
    cd - >/dev/null
  fi
  echo "$dir"
}

build_apiserver() {
  local out="$BIN/kube-apiserver-$K8S_VERSION"
  if [ ! -x "$out" ]; then
    local dir v=k8s.io/component-base/version
    dir="$(k8s_module)"
    log "building kube-apiserver $K8S_VERSION"
    local minor="${K8S_VERSION#v1.}"
    minor="${minor%%.*}"
    (cd "$dir" && $GO build -tags tools -trimpath -pgo=off \
      -ldflags "-X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean" \
      -o "$out.tmp" k8s.io/kubernetes/cmd/kube-apiserver && mv "$out.tmp" "$out")
  fi
  echo "kube-apiserver $out"
}

build_etcd() {
  local out="$BIN/etcd-$ETCD_VERSION"
  if [ ! -x "$out" ]; then
    local dir="$SRC/etcd-$ETCD_VERSION"
    mkdir -p "$dir"
    cat >"$dir/main.go" <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
    if [ ! -f "$dir/go.sum" ]; then
      (cd "$dir" && printf 'module argostudio.local/etcd\n\ngo 1.25\n' >go.mod &&
        go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION" && $GO mod tidy)
    fi
    log "building etcd $ETCD_VERSION"
    (cd "$dir" && $GO build -trimpath -pgo=off -o "$out.tmp" . && mv "$out.tmp" "$out")
  fi
  echo "etcd $out"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(all)
for t in "${targets[@]}"; do
  case "$t" in
  argo) timed build_argo_binary argo ./cmd/argo ;;
  controller) timed build_argo_binary workflow-controller ./cmd/workflow-controller ;;
  apiserver) timed build_apiserver ;;
  etcd) timed build_etcd ;;
  all)
    timed build_argo_binary workflow-controller ./cmd/workflow-controller
    timed build_argo_binary argo ./cmd/argo
    timed build_etcd
    timed build_apiserver
    ;;
  *) echo "unknown target $t (argo|controller|apiserver|etcd|all)" >&2 && exit 2 ;;
  esac
done
