#!/usr/bin/env bash
# The CLI from its packed tarball, as a user meets it (run.sh calls this after packing):
# a fresh npm project (`npm init -y`), `npm install` of the cli tarball and the tarballs of
# the packages it depends on (they are not on the registry from here; effect and the
# @effect/* packages come from the registry as the cli's own dependencies), then
#   - `npx --no @anthropic-effect/cli list` against the embedded mock (no key): the table,
#     the one-line notice on stderr, exit 0;
#   - `list --format json` parses, with nothing on stderr but that notice;
#   - `check` of a retired model exits 3, a bad flag exits 2, `--version` prints the version;
#   - the bin runs without tsx.
# Usage: cli.sh <directory with the .tgz files>
set -euo pipefail
packs="$(cd "$1" && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/anthropic-effect-cli-smoke.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
tarball() { ls "$packs"/anthropic-effect-"$1"-*.tgz; }

cd "$tmp"
npm init -y >/dev/null
timeout 300 npm install --no-audit --no-fund --loglevel=error \
  "$(tarball cli)" "$(tarball protocol)" "$(tarball core)" "$(tarball platform)" "$(tarball testing)"
node -e 'for (const n of ["@anthropic-effect/cli","effect","@effect/cli","@effect/platform-node"]) console.log("   " + n + "@" + require(n + "/package.json").version)'
if [[ -d node_modules/tsx ]]; then echo "tsx is installed: the bin check proves nothing" >&2; exit 1; fi
unset ANTHROPIC_API_KEY ANTHROPIC_AUTH_TOKEN ANTHROPIC_BASE_URL

echo "   npx --no @anthropic-effect/cli list"
timeout 60 npx --no @anthropic-effect/cli list >list.out 2>list.err
head -3 list.out | sed 's/^/     /'
grep -q "^ID  *NAME  *RELEASED  *STATUS" list.out
grep -q "claude-sonnet-4-5-20250929" list.out
grep -Eq "^No ANTHROPIC_API_KEY set: using the built-in mock Models API at http://127\.0\.0\.1:[0-9]+$" list.err
[[ "$(wc -l <list.err)" -eq 1 ]]

echo "   anthropic-models list --format json"
timeout 60 node_modules/.bin/anthropic-models list --format json >list.json 2>json.err
node -e 'const m = JSON.parse(require("fs").readFileSync("list.json", "utf8")); if (!Array.isArray(m) || m.length === 0 || typeof m[0].created_at !== "string") process.exit(1); console.log("     " + m.length + " models, first " + m[0].id)'
[[ "$(wc -l <json.err)" -eq 1 ]]

echo "   exit codes: check of a retired model 3, a bad flag 2; --version"
set +e
timeout 60 node_modules/.bin/anthropic-models check claude-3-7-sonnet-20250219 >check.out 2>/dev/null
check=$?
timeout 60 node_modules/.bin/anthropic-models list --format xml >/dev/null 2>usage.err
usage=$?
set -e
[[ "$check" -eq 3 ]] || { echo "check exited $check" >&2; exit 1; }
grep -q "^FAIL  claude-3-7-sonnet-20250219: retired" check.out
[[ "$usage" -eq 2 ]] || { echo "a bad flag exited $usage" >&2; exit 1; }
grep -q '^--format takes table, json, jsonl, yaml or csv (got "xml")$' usage.err
version="$(timeout 60 node_modules/.bin/anthropic-models --version)"
[[ "$version" == "$(node -p 'require("@anthropic-effect/cli/package.json").version')" ]]
echo "     check: 3, bad flag: 2, version $version"
