#!/usr/bin/env bash
# Installs the real VS Code test host used by the integration and e2e layers:
#   - Debian packages (Chromium for Playwright, ripgrep + krb5 headers for code-server's native
#     modules, podman/docker-registry/htpasswd for the publish tests);
#   - code-server 4.100.3 (VS Code 1.100 on Node 20) into the git-ignored .test-host/ folder.
# It is idempotent: a second run only checks what is there and returns in about a second.
# code-server is never a dependency in package.json: it is test machinery, not part of the extension.
# Each step below says why it is needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${ECS_WORKBENCH_TEST_HOST_DIR:-$ROOT/.test-host}"
CODE_SERVER_VERSION=4.100.3
PACKAGES=(libkrb5-dev ripgrep chromium podman docker-registry apache2-utils)

log() { printf '[install-test-host] %s\n' "$*"; }

# Runs a long step ("$@") and, while it runs, says every 15 s how long it has taken and how much
# the folder $PROGRESS_DIR holds (when set): the code-server install takes minutes and prints nothing
# of its own (issue 17: the first `npm run demo` sat silent for minutes after "about a minute").
# The command names of the processes under $1 (its whole tree).
descendant_commands() {
  ps -eo pid=,ppid=,comm= | awk -v root="$1" '
    { parent[$1] = $2; name[$1] = $3 }
    END { for (p in parent) { q = parent[p]; while (q != root && q in parent && q > 1) q = parent[q]; if (q == root) print name[p] } }'
}

with_progress() {
  local what=$1 start=$SECONDS pid status=0 i elapsed size
  shift
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for ((i = 0; i < 15; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2>/dev/null || break
    elapsed=$((SECONDS - start))
    size=""
    if [ -n "${PROGRESS_DIR:-}" ] && [ -d "$PROGRESS_DIR" ]; then
      size=", $(du -sm "$PROGRESS_DIR" 2>/dev/null | cut -f1) MB so far"
    fi
    # Said only when seen: a compiler or node-gyp running under the step.
    if descendant_commands "$pid" | grep -Eq '^(cc1|cc1plus|g\+\+|gcc|c\+\+|make|node-gyp)$'; then size="$size, compiling native modules"; fi
    log "  … $what: $((elapsed / 60)) min $((elapsed % 60)) s$size"
  done
  wait "$pid" || status=$?
  elapsed=$((SECONDS - start))
  if [ "$status" -eq 0 ]; then log "  $what: done in $((elapsed / 60)) min $((elapsed % 60)) s"; fi
  return "$status"
}

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  log "installing Debian packages: ${missing[*]}"
  # Other processes on the machine use apt too: serialise through the shared lock.
  "${SUDO[@]}" flock /tmp/apt.lock env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  with_progress "installing ${missing[*]}" "${SUDO[@]}" flock /tmp/apt.lock env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null
else
  log "Debian packages present"
fi

# --- 2. code-server -----------------------------------------------------------------------------
installed_version() {
  node -p "try { require('$HOST_DIR/node_modules/code-server/package.json').version } catch { '' }" 2>/dev/null
}
if [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] && [ -x "$HOST_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION present in $HOST_DIR"
  exit 0
fi

# @vscode/ripgrep downloads ripgrep from GitHub in its postinstall unless it finds the tarball in its
# cache. Put Debian's rg there so the install works offline.
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64|arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) RG_TARGET="$(uname -m)-unknown-linux-gnu" ;;
esac
TMP_ROOT="$(node -p "require('os').tmpdir()")"
RG_CACHE="$TMP_ROOT/vscode-ripgrep-cache-1.15.11"
RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-$RG_TARGET.tar.gz"
if [ ! -s "$RG_TARBALL" ]; then
  log "seeding the ripgrep cache with /usr/bin/rg"
  mkdir -p "$RG_CACHE"
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  tar -C "$staging" -czf "$RG_TARBALL.tmp" rg
  mv "$RG_TARBALL.tmp" "$RG_TARBALL"
  rm -rf "$staging"
fi

# Measured on a 2-core machine shared with other builds: 4 min 20 s, about 300 MB (README, Quick start).
log "installing code-server $CODE_SERVER_VERSION into $HOST_DIR: a few minutes (about 300 MB, native modules built on the way); progress every 15 s"
mkdir -p "$HOST_DIR"
# Its own package.json makes .test-host an npm root, so nothing touches the project's manifest.
if [ ! -f "$HOST_DIR/package.json" ]; then
  printf '{\n  "name": "ecs-workbench-test-host",\n  "private": true\n}\n' >"$HOST_DIR/package.json"
fi
# npm_config_yes lets node-pty's postinstall run `npx node-gyp` without a prompt.
PROGRESS_DIR="$HOST_DIR" with_progress "installing code-server" \
  sh -c 'cd "$1" && npm_config_yes=true exec npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$2" </dev/null' \
  sh "$HOST_DIR" "$CODE_SERVER_VERSION"

if [ "$(installed_version)" != "$CODE_SERVER_VERSION" ]; then
  log "code-server did not install" >&2
  exit 1
fi
log "code-server $CODE_SERVER_VERSION installed"
