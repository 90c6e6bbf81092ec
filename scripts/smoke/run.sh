#!/usr/bin/env bash
# Packed-install smoke test of the Effect 3 edition (effect4/run.sh is the Effect 4 one):
# packs the four packages as `pnpm publish` would, then in a new npm project (`npm init -y`)
#   - installs them with `npm install effect@3 @effect/platform @effect/platform-node <tarballs>`
#     (the peer ranges for the two @effect packages, as the README's install line; no flags),
#     and TypeScript ~5.9 and @types/node as dev dependencies,
#   (a) runs an ESM program (import) and (b) a CommonJS program (require) that list
#       the models of a ModelsApiServer on 127.0.0.1 through @anthropic-effect/platform/node,
#   (c) type-checks check.ts with moduleResolution bundler, and check.mts / check.cts with node16,
#   (d) runs the packed `anthropic-models-mock` bin (without tsx),
#   (e) type-checks and runs the program snippets of README.md and packages/*/README.md
#       (readme.mjs) against a loopback mock,
#   (f) installs the edition next to effect@latest (Effect 4): npm must fail with an ERESOLVE
#       that names our package, pnpm must warn naming it (mismatch.sh),
#   (g) in another new npm project, installs the CLI's tarball and runs
#       `npx @anthropic-effect/cli list` and its exit codes (cli.sh).
# Fake keys only; every step has a time limit; the temporary directory is removed.
# Run `pnpm build` first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pnpm() { if [[ "${npm_execpath:-}" == *pnpm* ]]; then node "$npm_execpath" "$@"; else npx -y pnpm@10.34.8 "$@"; fi; }

for pkg in protocol core platform testing cli; do
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
version() { node -p 'require(process.argv[1]).version' "$root/packages/$1/package.json"; }
for pkg in protocol core platform testing cli; do
  # `pnpm check:packages` with PACK_DIR set has packed and checked these already (as CI does).
  packed="${PACK_DIR:-/nonexistent}/anthropic-effect-$pkg-$(version "$pkg").tgz"
  if [[ -f "$packed" ]]; then
    cp "$packed" "$tmp/packs/"
  else
    (cd "$root/packages/$pkg" && timeout 120 bash -c "$(declare -f pnpm); pnpm pack --pack-destination '$tmp/packs'" >/dev/null)
  fi
done
ls -l "$tmp/packs" | awk 'NR > 1 { printf "   %s %6.1f KiB\n", $9, $5 / 1024 }'
tarball() { echo "$tmp/packs/anthropic-effect-$1-$(version "$1").tgz"; }
# The registry versions: the ranges the packed packages declare as peers.
tar xzf "$(tarball testing)" -C "$tmp" package/package.json
mv "$tmp/package/package.json" "$tmp/testing.json"
peer() { node -e 'const p=require(process.argv[1]);process.stdout.write(p.peerDependencies[process.argv[2]])' "$tmp/testing.json" "$1"; }
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

step "npm init -y; npm install effect@3 @effect/platform@$(peer @effect/platform) @effect/platform-node@$(peer @effect/platform-node) + the four tarballs (no flags)"
cd "$tmp/project"
npm init -y >/dev/null
timeout 300 npm install effect@3 "@effect/platform@$(peer @effect/platform)" "@effect/platform-node@$(peer @effect/platform-node)" \
  "$(tarball protocol)" "$(tarball core)" "$(tarball platform)" "$(tarball testing)"
timeout 300 npm install --save-dev --no-audit --no-fund --loglevel=error "typescript@~5.9.3" "@types/node@^20.11.0"
node -e 'for (const n of ["@anthropic-effect/protocol","@anthropic-effect/core","@anthropic-effect/platform","@anthropic-effect/testing","effect","@effect/platform","@effect/platform-node","typescript"]) console.log("   " + n + "@" + require(n + "/package.json").version)'
took

cp "$here/esm.mjs" "$here/cjs.cjs" "$here/program.cjs" "$here/bin.mjs" "$here/serve.mjs" "$here/readme.mjs" \
  "$here/tsconfig.bundler.json" "$here/tsconfig.node16.json" .
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

step "(e) the README programs (README.md, packages/*/README.md)"
timeout 300 node readme.mjs "$root/README.md" "$root/packages/core/README.md" "$root/packages/platform/README.md" \
  "$root/packages/testing/README.md"
took

step "(f) next to Effect 4: effect@latest with these tarballs"
# shellcheck source=mismatch.sh
source "$here/mismatch.sh"
effect_peer="$(peer effect)"
core_version="$(version core)"
platform_version="$(version platform)"
ours="@anthropic-effect/(core@$core_version|platform@$platform_version)"
echo "   npm install effect@latest + core, platform (and protocol):"
expect_npm_eresolve "$tmp/mismatch-npm-platform" "peer [^ ]+ from $ours\$" \
  effect@latest "$(tarball protocol)" "$(tarball core)" "$(tarball platform)"
echo "   npm install effect@latest + core alone (and protocol):"
expect_npm_eresolve "$tmp/mismatch-npm-core" "peer [^ ]+ from @anthropic-effect/core@$core_version\$" \
  effect@latest "$(tarball protocol)" "$(tarball core)"
echo "   pnpm add effect@latest + core, platform:"
expect_pnpm_warning "$tmp/mismatch-pnpm" \
  "{\"@anthropic-effect/protocol\":\"file:$(tarball protocol)\",\"@anthropic-effect/core\":\"file:$(tarball core)\"}" \
  "@anthropic-effect/platform $platform_version" "unmet peer effect@$effect_peer: found 4." \
  effect@latest "$(tarball core)" "$(tarball platform)"
took

step "(g) the CLI: npx @anthropic-effect/cli list in a new npm project"
timeout 600 bash "$here/cli.sh" "$tmp/packs"
took

echo "== smoke test passed"
