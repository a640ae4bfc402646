#!/bin/sh
# Installs the Debian packages named on the command line when any is missing.
# As root it runs apt-get itself; otherwise it prints the exact command to run
# and fails, so that `make` stops before a confusing build error.
set -eu

missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "entente: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "entente: these Debian packages are missing:$missing" >&2
    echo "install them with:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    exit 1
fi
