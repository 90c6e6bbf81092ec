// The testing README's quick start (effect4/packages/testing/README.md) is a
// complete test file: the block after `<!-- file: PATH -->` is PATH byte for byte.
// Importing it here runs its tests, and the workspace's typecheck compiles it, so a
// reader who copies the snippet gets a file that compiles and passes.
import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import "./readme-testing.snippet.js"

const snippetPath = "effect4/examples/test/readme-testing.snippet.ts"
const readme = readFileSync(fileURLToPath(new URL("../../packages/testing/README.md", import.meta.url)), "utf8")
const snippet = readFileSync(fileURLToPath(new URL("./readme-testing.snippet.ts", import.meta.url)), "utf8")

describe("README: testing", () => {
  it("the quick start is the snippet file, byte for byte", () => {
    const marker = `<!-- file: ${snippetPath} -->\n\`\`\`ts\n`
    const start = readme.indexOf(marker)
    assert.isAtLeast(start, 0, `the README has no ${marker.trim()} block`)
    const body = readme.slice(start + marker.length)
    assert.strictEqual(body.slice(0, body.indexOf("```\n")), snippet)
  })

  it("every ts block in the README is that file", () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```\n/g)].map((match) => match[1])
    assert.deepStrictEqual(blocks, [snippet])
  })
})
