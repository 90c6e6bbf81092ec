#!/bin/sh
# `pnpm build` of the Effect 4 edition: builds each published package into its dist/
# (ESM, CommonJS, .d.ts) with the root's scripts/build-package.mjs, the script that builds
# the Effect 3 edition, run under Node 22 (scripts/node22.sh). Core first: platform and
# testing compile against its declarations. The packages have no tsconfig.build.json;
# build-package.mjs derives one from each tsconfig.json.
# esbuild comes from the root workspace: run the root's `pnpm install` first.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
for pkg in core platform testing; do
  (cd "$here/packages/$pkg" && sh "$here/scripts/node22.sh" "$here/../scripts/build-package.mjs")
done
