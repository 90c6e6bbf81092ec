// The error table, the configuration table and the testing guide are written once,
// in the root README, between `<!-- shared:NAME -->` and `<!-- /shared:NAME -->`.
// Every published package's README must carry each of them too (npm shows only the
// package's own README), so this copies them in; with --check it only reports drift.
import { readFileSync, writeFileSync } from "node:fs"

const required = ["errors", "configuration", "testing"]
const packages = ["core", "platform", "testing"]
// The Effect 4 edition's READMEs carry the same error and configuration tables; its
// testing guide differs (Effect 4's test API), so each of its READMEs has its own.
const readmes = [
  ...packages.map((pkg) => ({ path: `packages/${pkg}/README.md`, sections: required })),
  { path: "effect4/packages/core/README.md", sections: ["errors", "configuration"] },
  { path: "effect4/packages/platform/README.md", sections: ["errors", "configuration"] },
  { path: "effect4/packages/testing/README.md", sections: ["errors", "configuration"] }
]
const check = process.argv.includes("--check")
const block = (name) => new RegExp(`<!-- shared:${name} -->\\n[\\s\\S]*?<!-- /shared:${name} -->`)

const root = readFileSync("README.md", "utf8")
const problems = []
const sections = new Map()
for (const name of required) {
  const match = root.match(block(name))
  if (match === null) problems.push(`README.md: no shared:${name} section`)
  else sections.set(name, match[0])
}

for (const { path, sections: names } of readmes) {
  const original = readFileSync(path, "utf8")
  let updated = original
  for (const name of names) {
    const section = sections.get(name)
    if (section === undefined) continue
    if (!block(name).test(updated)) {
      problems.push(`${path}: no shared:${name} section (add the two marker comments where it belongs)`)
      continue
    }
    updated = updated.replace(block(name), () => section)
  }
  if (updated === original) continue
  if (check) problems.push(`${path}: shared sections differ from README.md (run pnpm lint:fix)`)
  else writeFileSync(path, updated)
}

// A code block right after `<!-- file: PATH -->` is that file, byte for byte, so a
// snippet a reader copies is one that the test suite compiles and runs.
const snippetFiles = ["README.md", ...readmes.map((readme) => readme.path)]
const fileBlock = /<!-- file: (\S+) -->\n```ts\n([\s\S]*?)```\n/g
for (const readme of snippetFiles) {
  for (const [, path, code] of readFileSync(readme, "utf8").matchAll(fileBlock)) {
    let actual
    try {
      actual = readFileSync(path, "utf8")
    } catch {
      problems.push(`${readme}: the snippet names ${path}, which does not exist`)
      continue
    }
    if (actual !== code) problems.push(`${readme}: the snippet differs from ${path}`)
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  process.exit(1)
}
console.log(`README sections in sync: ${required.join(", ")} in ${readmes.length} package READMEs`)
