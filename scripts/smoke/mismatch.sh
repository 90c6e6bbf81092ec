# Sourced by run.sh and effect4/run.sh: an edition installed next to the other Effect major
# must fail (npm) or warn (pnpm) with a message that names our package.
#
#   expect_npm_eresolve DIR WANT NPM-INSTALL-ARGS...
#     `npm install ARGS` in a new project DIR must fail with ERESOLVE, and a line of its
#     message must match WANT (an extended regular expression). Which peer npm puts first
#     ("Could not resolve dependency: peer effect@... from <ours>", or "peer effect@... from
#     @effect/platform" with "peer @effect/platform@... from <ours>" under it) depends on the
#     order it meets the packages in, so the callers ask for a `peer ... from <ours>` line.
#   expect_pnpm_warning DIR OVERRIDES PACKAGE PEER PNPM-ADD-ARGS...
#     `pnpm add ARGS` in a new project DIR (pnpm.overrides = OVERRIDES, for our packages that
#     are not on the registry yet) succeeds, and its peer warning lists PACKAGE ("name version")
#     with PEER ("unmet peer effect@range") on the next line.
# Both print the message (npm's log paths left out).
expect_npm_eresolve() {
  local dir="$1" want="$2"
  shift 2
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null)
  local status=0
  (cd "$dir" && timeout 300 npm install "$@" >output.txt 2>&1) || status=$?
  grep -v -E "_logs|complete log|full report" "$dir/output.txt" | sed 's/^/   | /'
  if [[ $status -eq 0 ]]; then
    echo "npm install $* succeeded: it must fail" >&2
    return 1
  fi
  if ! grep -q "ERESOLVE" "$dir/output.txt" || ! grep -q -E -- "$want" "$dir/output.txt"; then
    echo "npm's message lacks: $want" >&2
    return 1
  fi
  echo "   ok: npm exit $status, ERESOLVE names our package: $(grep -E -o -- "$want" "$dir/output.txt" | head -1)"
}

expect_pnpm_warning() {
  local dir="$1" overrides="$2" package="$3" peer="$4"
  shift 4
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null &&
    node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync("package.json", "utf8")); p.pnpm = { overrides: JSON.parse(process.argv[1]) }; fs.writeFileSync("package.json", JSON.stringify(p, null, 2))' "$overrides")
  local status=0
  (cd "$dir" && timeout 300 bash -c "$(declare -f pnpm); pnpm add $(printf '%q ' "$@")" >output.txt 2>&1) || status=$?
  sed -n '/Issues with peer dependencies/,/^$/p' "$dir/output.txt" | sed 's/^/   | /'
  if [[ $status -ne 0 ]]; then
    cat "$dir/output.txt" >&2
    return 1
  fi
  if ! grep -A1 -F -- "$package" "$dir/output.txt" | grep -q -F -- "$peer"; then
    echo "pnpm's warning lacks: $package / $peer" >&2
    return 1
  fi
  echo "   ok: pnpm warns: $package: $peer"
}
