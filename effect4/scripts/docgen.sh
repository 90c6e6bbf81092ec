#!/bin/sh
# API docs of the Effect 4 packages (docs/modules/*.md, not committed): @effect/docgen
# type-checks every JSDoc example against this workspace's effect 4, on Node 22. It is
# the root workspace's copy: docgen is an Effect 3 program of its own that reads our
# sources as text, and the examples resolve `effect` from the package, so the Effect 4
# one. It spawns `tsc` from the PATH, which is this workspace's TypeScript.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
docgen="$here/../node_modules/@effect/docgen/bin.cjs"
for pkg in core platform testing; do
  (cd "$here/packages/$pkg" && PATH="$here/node_modules/.bin:$PATH" sh "$here/scripts/node22.sh" "$docgen")
done
