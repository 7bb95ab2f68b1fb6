#!/usr/bin/env bash
# Fresh-machine test: what a newcomer with only Node 20 and npm meets. Clones this repository's
# committed HEAD into a temporary folder (so there is no ../shared beside it), hides the optional
# tools (kubectl, Chromium, Debian's python3-kubernetes) and runs the README's two commands:
#
#   npm ci && npm run main
#   npm test
#
# Both must pass, and the tests that need a hidden tool or ../shared must say they were skipped and
# with which install command. Hiding is real, not a flag the tests read: in a private mount namespace
# (root, unshare, overlayfs) the tools' files are covered by whiteouts, so they are absent for this run
# only. HOME is a fresh folder (no ~/.kube/config); npm's cache is the usual one.
#
#   .ci/fresh-machine.sh            (root; about 6-8 minutes on 2 busy cores)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"

log() { echo "fresh-machine: $*" >&2; }
die() { log "FAIL: $*"; exit 1; }

if [ "${1:-}" != "--inside" ]; then
  [ "$(id -u)" = 0 ] || die "needs root (a private mount namespace hides the tools)"
  command -v unshare >/dev/null || die "needs unshare (util-linux)"
  exec unshare --mount --propagation private "$0" --inside
fi

# --- inside the private mount namespace -------------------------------------------------------------
WORK="$(mktemp -d /tmp/argo-studio-fresh.XXXXXX)"
chmod 755 "$WORK" # a test walks a tree as user nobody (root reads every directory): it must reach the clone
trap 'rm -rf "$WORK"' EXIT
START=$(date +%s)

# Files to hide: every kubectl and Chromium on PATH or at the places the tests look, and the Python
# Kubernetes package of /usr/bin/python3.
hide=()
for name in kubectl chromium chromium-browser google-chrome; do
  while IFS= read -r p; do hide+=("$p"); done < <(type -ap "$name" || true)
  [ -e "/usr/bin/$name" ] || [ -L "/usr/bin/$name" ] && hide+=("/usr/bin/$name")
done
pykube="$(/usr/bin/python3 -c 'import kubernetes, os; print(os.path.dirname(kubernetes.__file__))' 2>/dev/null || true)"
[ -n "$pykube" ] && hide+=("$pykube")

# One overlay per folder (its real path: /bin may be a link to /usr/bin), with a whiteout (character
# device 0/0) per hidden name.
declare -A dirs=() seen=()
for p in "${hide[@]}"; do
  key="$(realpath "$(dirname "$p")")/$(basename "$p")"
  [ -z "${seen[$key]:-}" ] || continue
  seen[$key]=1
  dirs["$(dirname "$key")"]+="$(basename "$key")"$'\n'
done
i=0
for dir in "${!dirs[@]}"; do
  i=$((i + 1))
  mkdir -p "$WORK/overlay/$i/up" "$WORK/overlay/$i/work"
  while IFS= read -r name; do
    [ -n "$name" ] && mknod "$WORK/overlay/$i/up/$name" c 0 0
  done <<<"${dirs[$dir]}"
  mount -t overlay overlay -o "lowerdir=$dir,upperdir=$WORK/overlay/$i/up,workdir=$WORK/overlay/$i/work" "$dir" ||
    die "cannot hide files in $dir (overlayfs)"
  log "hidden in $dir: $(echo "${dirs[$dir]}" | xargs)"
done
for name in kubectl chromium; do
  ! command -v "$name" >/dev/null || die "$name is still visible at $(command -v "$name")"
done
! /usr/bin/python3 -c 'import kubernetes' 2>/dev/null || die "python3-kubernetes is still importable"

git clone --quiet --no-hardlinks "$REPO" "$WORK/argo-studio"
[ ! -e "$WORK/shared" ] || die "$WORK/shared exists"
mkdir -p "$WORK/home"
cd "$WORK/argo-studio"
log "clone of $(git rev-parse --short HEAD) in $WORK/argo-studio; no ../shared; HOME=$WORK/home"

run() {
  log "\$ $*"
  env -u CI HOME="$WORK/home" npm_config_cache="${npm_config_cache:-$HOME/.npm}" "$@"
}
run npm ci 2>&1 | tee "$WORK/npm-ci.log" || die "npm ci failed"
! grep -q '^npm warn' "$WORK/npm-ci.log" || die "npm ci printed warnings (see above)"
run npm run main || die "npm run main failed"
run npm test 2>&1 | tee "$WORK/npm-test.log" || die "npm test failed"

# The skipped tests say why and how to install what they need.
for expected in 'apt-get install chromium' 'apt-get install python3-kubernetes' 'install it with: the kubectl' 'npm ci --prefix scripts/schemas' "../shared/argo"; do
  grep -qF "$expected" "$WORK/npm-test.log" || die "no test said it was skipped for want of: $expected"
done
log "passed in $(($(date +%s) - START)) s: npm ci quiet, npm run main and npm test green; $(grep -cE '^\s*﹣|# SKIP' "$WORK/npm-test.log" || true) skipped with a reason"
