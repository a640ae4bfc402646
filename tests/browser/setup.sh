#!/bin/sh
# Installs what tests/browser/check-report.mjs needs, only when it is missing:
#   - Debian's chromium package (/usr/bin/chromium)
#   - Node.js and npm (Debian's nodejs and npm packages) when there is no node
#   - playwright-core, at the version pinned in package-lock.json, into
#     tests/browser/node_modules (npm ci; no browser download)
# Safe to run again and again: when everything is there it only looks.
#
# Exit status: 0 ready; 77 Chromium is not installed and cannot be installed;
# 1 any other problem (Node.js or playwright-core could not be installed).
set -u

here=$(cd "$(dirname "$0")" && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
NODE_MIN_MAJOR=18   # playwright-core 1.61.x: "engines": {"node": ">=18"}

say() { printf 'setup.sh: %s\n' "$*" >&2; }

# Parallel runs (ctest -j) must not run apt-get or npm at the same time.
lock=${TMPDIR:-/tmp}/entente-browser-setup.lock
if command -v flock >/dev/null 2>&1 && (: >>"$lock") 2>/dev/null; then
    exec 9>>"$lock"
    flock -w 600 9 || say "could not lock $lock; going on without"
fi

apt_install() {
    # Root only; with sudo when that works without a password.
    if [ "$(id -u)" = 0 ]; then sudo=
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo='sudo -n'
    else say "not root and no password-less sudo: cannot apt-get install $*"; return 1
    fi
    command -v apt-get >/dev/null 2>&1 || { say "no apt-get: cannot install $*"; return 1; }
    say "installing $* from Debian's packages"
    if ! $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -o DPkg::Lock::Timeout=300 "$@" >&2; then
        say "apt-get install failed; updating the package lists and trying again"
        $sudo apt-get update -o DPkg::Lock::Timeout=300 >&2 || true
        $sudo env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -o DPkg::Lock::Timeout=300 "$@" >&2 || return 1
    fi
}

# ---- Chromium ----------------------------------------------------------------
if [ ! -x "$CHROMIUM" ]; then
    if [ "$CHROMIUM" != /usr/bin/chromium ]; then
        say "CHROMIUM=$CHROMIUM is not an executable"; exit 77
    fi
    apt_install chromium || { say "Chromium is missing and could not be installed"; exit 77; }
    [ -x "$CHROMIUM" ] || { say "chromium installed but $CHROMIUM is not there"; exit 77; }
fi

# ---- Node.js and npm -------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
    apt_install nodejs npm || { say "Node.js is missing and could not be installed"; exit 1; }
fi
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt "$NODE_MIN_MAJOR" ]; then
    say "node $(node --version 2>/dev/null) is too old: playwright-core needs Node >= $NODE_MIN_MAJOR"
    exit 1
fi

# ---- playwright-core ---------------------------------------------------------
# Installed already at the locked version? Then nothing to do.
want=$(node -e '
  const l = require(process.argv[1]);
  process.stdout.write(l.packages["node_modules/playwright-core"].version);
' "$here/package-lock.json" 2>/dev/null) || { say "cannot read $here/package-lock.json"; exit 1; }
have=$(node -e '
  try { process.stdout.write(require(process.argv[1]).version); } catch (e) {}
' "$here/node_modules/playwright-core/package.json" 2>/dev/null)
if [ "$have" != "$want" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        apt_install npm || { say "npm is missing and could not be installed"; exit 1; }
    fi
    say "installing playwright-core $want into $here/node_modules (npm ci)"
    # playwright-core never downloads a browser by itself; this makes sure.
    if ! (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
            npm ci --no-audit --no-fund --loglevel=error >&2); then
        say "npm ci failed"
        exit 1
    fi
fi
exit 0
