#!/bin/sh
# run.sh LUOSHI FIXTURES WORKDIR — the end-to-end tests of the web app
# (e2e.mjs) in headless Chromium. Installs playwright-core, pinned by
# package-lock.json, from the npm registry into WORKDIR (once: again only
# when the lock file changes), then runs e2e.mjs with Node.js. Screenshots
# and downloads are left in WORKDIR/screenshots and WORKDIR/downloads.
# playwright-core 1.48 is pinned as it runs on Node.js 18 (Debian 12's) as
# well as on later ones, and drives Debian's chromium (156) well.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
luoshi=$1 fixtures=$2 work=$3

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "e2e: no $tool: install Node.js and npm (tools/setup-deps.sh does)" >&2
        exit 1
    fi
done
mkdir -p "$work"
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" ||
   [ ! -f "$work/node_modules/playwright-core/package.json" ]; then
    cp "$here/package.json" "$here/package-lock.json" "$work/"
    (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || {
        rm -f "$work/package-lock.json"
        echo "e2e: npm ci failed: playwright-core comes from the npm registry" >&2
        exit 1
    }
fi
exec node "$here/e2e.mjs" "$luoshi" "$fixtures" "$work"
