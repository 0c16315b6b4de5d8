#!/bin/sh
# setup-deps.sh — installs the Debian 12 packages that luoshi needs to build,
# test, benchmark and fuzz, if any are missing.
#
# usage: tools/setup-deps.sh [EXTRA_PACKAGE...]
#
# Checks each package of LS_PACKAGES (and each EXTRA_PACKAGE, such as
# clang-format for `make format`) with dpkg-query. All present: exits 0 at
# once and prints nothing. Some missing: as root, installs them with apt-get;
# otherwise prints the one command to run and exits 1. It never removes or
# upgrades a package that is already installed. Without dpkg (not Debian) it
# only warns, and leaves CMake to say what it cannot find.

# Every Debian package the project needs, in one list: add new ones here.
LS_PACKAGES="build-essential cmake pkg-config re2c libutf8proc-dev libcmocka-dev
libjansson-dev libxml2-dev libsqlite3-dev libsodium-dev libmicrohttpd-dev libpq-dev postgresql-15 libxlsxwriter-dev libzip-dev
libpoppler-glib-dev zlib1g-dev
python3-openpyxl wrk curl
clang libclang-rt-14-dev python3
valgrind
chromium fonts-noto-cjk
libreoffice-writer-nogui"

set -eu

# Prints, on one line, those of the packages named in "$@" that are not
# installed; one dpkg-query call, where "ii" means installed and configured.
missing_of()
{
    ok=" $(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null |
           awk '$2 == "ii" { printf "%s ", $1 }') "
    out=
    for p in "$@"; do
        case "$ok" in
        *" $p "*) ;;
        *) out="$out $p" ;;
        esac
    done
    echo "${out# }"
}

# shellcheck disable=SC2086 # word splitting of the list is wanted
set -- $LS_PACKAGES "$@"
# Node.js and npm run the browser tests (tests/e2e); any Node.js 20 or
# later will do, so Debian's is installed only when there is none.
command -v npm >/dev/null 2>&1 || set -- "$@" nodejs npm

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup-deps: no dpkg-query (not Debian?); make sure these or their equivalents are installed:" >&2
    echo "  $*" >&2
    exit 0
fi

missing=$(missing_of "$@")
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "setup-deps: missing Debian packages: $missing" >&2
    echo "setup-deps: install them with this one command, then run make again:" >&2
    echo "sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing'"
    exit 1
fi

echo "setup-deps: installing $missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086
apt-get install -y --no-install-recommends $missing

# apt-get can succeed without installing all that was asked (a held
# package): check again rather than let the build fail later, less clearly.
# shellcheck disable=SC2086
still=$(missing_of $missing)
if [ -n "$still" ]; then
    echo "setup-deps: still missing after apt-get: $still" >&2
    exit 1
fi
