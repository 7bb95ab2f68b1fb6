#!/usr/bin/env bash
# Installs code-server (VS Code in a browser) for the end-to-end tests, or reuses the cached install.
#
#   scripts/e2e-setup.sh            prints the path of the code-server entry script on stdout (last line)
#
# The install lives OUTSIDE the repo, keyed by version:
#   ${ARGO_STUDIO_CACHE:-$HOME/.cache/argo-studio}/code-server-<version>
# It follows test/e2e/README.md (Recipe): `npm install code-server --ignore-scripts`, then the package's
# postinstall done by hand (its own postinstall downloads ripgrep from GitHub, which is not reachable
# here; Debian's /usr/bin/rg is linked in instead). A finished install is marked by `.complete`; an
# interrupted one is thrown away and redone. Concurrent runs wait for each other (flock).
#
# Needs (Debian): chromium ripgrep build-essential pkg-config python3 libkrb5-dev libx11-dev
# libxkbfile-dev libsecret-1-dev  (.ci/run installs them).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${ARGO_STUDIO_CACHE:-$HOME/.cache/argo-studio}"
DIR="$CACHE/code-server-$VERSION"
ENTRY="$DIR/node_modules/code-server/out/node/entry.js"

log() { echo "e2e-setup: $*" >&2; }
die() { echo "e2e-setup: ERROR: $*" >&2; exit 1; }

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v make >/dev/null && command -v g++ >/dev/null || missing+=(build-essential)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v python3 >/dev/null || missing+=(python3)
for h in krb5.h X11/Xlib.h X11/extensions/XKBfile.h; do
  [ -e "/usr/include/$h" ] || missing+=("/usr/include/$h")
done
pkg-config --exists libsecret-1 2>/dev/null || missing+=(libsecret-1-dev)
if [ ${#missing[@]} -gt 0 ]; then
  die "missing system packages: ${missing[*]}
  install them with: apt-get update && apt-get install -y --no-install-recommends chromium ripgrep build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev"
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.code-server-$VERSION.lock"
flock 9

if [ -f "$DIR/.complete" ] && [ -f "$ENTRY" ]; then
  log "reusing $DIR"
  echo "$ENTRY"
  exit 0
fi

start=$(date +%s)
log "installing code-server $VERSION into $DIR (a few minutes the first time)"
rm -rf "$DIR" "$DIR.partial"
mkdir -p "$DIR.partial"
cd "$DIR.partial"

export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
export npm_config_update_notifier=false npm_config_loglevel=error
# Be gentle with the machine: native builds run one at a time, at low priority.
export JOBS=1 npm_config_jobs=1
NICE=(nice -n 10)

run() {
  local what="$1"; shift
  log "$what"
  if ! "${NICE[@]}" "$@" >>"$DIR.partial/setup.log" 2>&1; then
    tail -40 "$DIR.partial/setup.log" >&2
    die "step failed: $what (full log: $DIR.partial/setup.log)"
  fi
}

echo '{"name":"argo-studio-e2e-code-server","private":true}' > package.json
run "npm install code-server@$VERSION --ignore-scripts" npm install --no-save "code-server@$VERSION" --ignore-scripts
run "npm rebuild argon2" npm rebuild argon2

VS="$DIR.partial/node_modules/code-server/lib/vscode"
cd "$VS"
run "lib/vscode: npm install --omit=dev --ignore-scripts" npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
run "lib/vscode: npm rebuild (node-pty, spdlog, kerberos, ...)" npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
cd extensions
run "lib/vscode/extensions: npm install --omit=dev" npm install --omit=dev

cd "$CACHE"
# Paths inside the install are relative, so the finished folder can be moved into place.
mv "$DIR.partial" "$DIR"
[ -f "$ENTRY" ] || die "install finished but $ENTRY is missing"
node "$ENTRY" --version >/dev/null 2>&1 || die "code-server $VERSION does not start: node $ENTRY --version failed"
date -u +%FT%TZ > "$DIR/.complete"
log "installed in $(( $(date +%s) - start )) s"
echo "$ENTRY"
