#!/usr/bin/env bash
# Packed-install smoke test: packs the four packages as `pnpm publish` would, installs
# the tarballs with npm into a fresh project (effect, @effect/platform,
# @effect/platform-node and TypeScript from the registry), then
#   (a) runs an ESM program (import) and (b) a CommonJS program (require) that list
#       the models of a ModelsApiServer on 127.0.0.1 through @anthropic-effect/platform/node,
#   (c) type-checks check.ts with moduleResolution bundler, and check.mts / check.cts with node16,
#   (d) runs the packed `anthropic-models-mock` bin (without tsx).
# Fake keys only; every step has a time limit; the temporary directory is removed.
# Run `pnpm build` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pnpm() { if [[ "${npm_execpath:-}" == *pnpm* ]]; then node "$npm_execpath" "$@"; else npx -y pnpm@10.34.8 "$@"; fi; }

for pkg in protocol core platform testing; do
  if [[ ! -d "$root/packages/$pkg/dist/esm" ]]; then
    echo "packages/$pkg/dist is missing: run \`pnpm build\` first" >&2
    exit 1
  fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/anthropic-effect-smoke.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
step() { echo "== $1"; SECONDS=0; }
took() { echo "   (${SECONDS}s)"; }

step "pack"
mkdir -p "$tmp/packs" "$tmp/project"
for pkg in protocol core platform testing; do
  # `pnpm check:packages` with PACK_DIR set has packed and checked these already (as CI does).
  packed="$(ls "${PACK_DIR:-/nonexistent}"/anthropic-effect-"$pkg"-*.tgz 2>/dev/null | head -1 || true)"
  if [[ -n "$packed" ]]; then
    cp "$packed" "$tmp/packs/"
  else
    (cd "$root/packages/$pkg" && timeout 120 bash -c "$(declare -f pnpm); pnpm pack --pack-destination '$tmp/packs'" >/dev/null)
  fi
done
ls "$tmp/packs"
took

# The tarballs carry the packages' current version (changesets sets it).
version="$(node -p 'require(process.argv[1]).version' "$root/packages/testing/package.json")"
# The registry versions: the ranges the packed packages declare as peers.
peer() { node -e 'const p=require(process.argv[1]);process.stdout.write(p.peerDependencies[process.argv[2]])' "$tmp/project/testing.json" "$1"; }
tar xzf "$tmp/packs/anthropic-effect-testing-$version.tgz" -C "$tmp" package/package.json
mv "$tmp/package/package.json" "$tmp/project/testing.json"

step "npm install (tarballs + effect, @effect/platform, @effect/platform-node, typescript ~5.9, @types/node from the registry)"
cd "$tmp/project"
echo '{ "name": "anthropic-effect-smoke", "private": true, "version": "0.0.0" }' >package.json
timeout 300 npm install --no-audit --no-fund --loglevel=error \
  "$tmp/packs/anthropic-effect-protocol-$version.tgz" \
  "$tmp/packs/anthropic-effect-core-$version.tgz" \
  "$tmp/packs/anthropic-effect-platform-$version.tgz" \
  "$tmp/packs/anthropic-effect-testing-$version.tgz" \
  "effect@$(peer effect)" "@effect/platform@$(peer @effect/platform)" "@effect/platform-node@$(peer @effect/platform-node)" \
  "typescript@~5.9.3" "@types/node@^20.11.0"
node -e 'for (const n of ["@anthropic-effect/protocol","@anthropic-effect/core","@anthropic-effect/platform","@anthropic-effect/testing","effect","@effect/platform","@effect/platform-node","typescript"]) console.log("   " + n + "@" + require(n + "/package.json").version)'
took

cp "$here/esm.mjs" "$here/cjs.cjs" "$here/program.cjs" "$here/bin.mjs" "$here/tsconfig.bundler.json" "$here/tsconfig.node16.json" .
cp "$here/check.ts" check.ts
cp "$here/check.ts" check.mts
cp "$here/check.ts" check.cts

step "(a) ESM program via import"
timeout 60 node esm.mjs
took

step "(b) CommonJS program via require"
timeout 60 node cjs.cjs
took

step "(c) tsc --noEmit, moduleResolution bundler (check.ts)"
timeout 120 node_modules/.bin/tsc -p tsconfig.bundler.json
echo "   ok, TypeScript $(node_modules/.bin/tsc -v)"
took

step "(c) tsc --noEmit, module/moduleResolution node16 (check.mts as ESM, check.cts as CommonJS)"
if ! timeout 120 node_modules/.bin/tsc -p tsconfig.node16.json --traceResolution >trace.txt; then
  grep -E -A3 "error TS[0-9]+" trace.txt || tail -40 trace.txt
  exit 1
fi
# check.cts resolved the CommonJS declarations and check.mts the ESM ones.
grep -E "^======== Module name '@anthropic-effect/core' was successfully resolved" trace.txt | sort -u \
  | sed -E "s|^.*resolved to '[^']*/node_modules/(@anthropic-effect/core/[^']*)'.*$|   @anthropic-effect/core -> \1|"
grep -q "@anthropic-effect/core/dist/cjs/index.d.ts'" trace.txt
grep -q "@anthropic-effect/core/dist/esm/index.d.ts'" trace.txt
echo "   ok"
took

step "(d) the packed bin, without tsx"
timeout 60 node bin.mjs
took

echo "== smoke test passed"
