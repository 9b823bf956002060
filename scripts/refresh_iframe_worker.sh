#!/usr/bin/env bash
# Re-vendor the iframe-worker shim (npm package by squidfunk, MIT) that the
# offline build loads from our own site instead of Material's CDN default:
#   bash scripts/refresh_iframe_worker.sh            the pinned version below
#   bash scripts/refresh_iframe_worker.sh 1.0.5      another version (then update PINNED)
# Needs npm. Copies the package's shim and licence unchanged and records the
# version, tarball integrity and licence in README.md beside them (MkDocs does
# not copy README files into the site; the licence ships with the shim).
set -euo pipefail
cd "$(dirname "$0")/.."

PINNED=1.0.4
VERSION="${1:-$PINNED}"
DEST=overrides/assets/javascripts/vendor/iframe-worker

command -v npm >/dev/null || { echo "需要 npm：sudo apt-get install -y npm" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm pack checks the tarball against the registry's integrity hash.
npm pack "iframe-worker@$VERSION" --pack-destination "$work" --silent >/dev/null
tar -xzf "$work/iframe-worker-$VERSION.tgz" -C "$work"
pkg="$work/package"
license="$(node -p 'require(process.argv[1]).license' "$pkg/package.json")"
if [ "$license" != MIT ]; then
  echo "iframe-worker@$VERSION 的许可证是 $license，不是 MIT，未更新" >&2
  exit 1
fi
integrity="$(npm view "iframe-worker@$VERSION" dist.integrity)"

mkdir -p "$DEST"
cp "$pkg/shim/index.js" "$DEST/shim.js"
cp "$pkg/LICENSE" "$DEST/LICENSE"
cat >"$DEST/README.md" <<EOF
# iframe-worker $VERSION (vendored)

- Package: https://www.npmjs.com/package/iframe-worker ($VERSION, integrity \`$integrity\`)
- Source: https://github.com/squidfunk/iframe-worker
- Licence: $license, see LICENSE (shipped beside the shim).
- Files: \`shim.js\` is the package's \`shim/index.js\`, unchanged.
- Refresh: \`bash scripts/refresh_iframe_worker.sh [version]\`.

Loaded only by the offline build (mkdocs.offline.yml lists it in \`extra.polyfills\`,
so Material's offline plugin does not add its CDN copy): on \`file://\` Chromium
refuses Web Workers, and the shim runs the search worker in a hidden iframe.
EOF
echo "iframe-worker $VERSION -> $DEST"
