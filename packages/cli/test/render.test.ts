// The output formats on their own: the table at any width, YAML that reads back
// as the same data, and CSV quoting; plus @effect/cli's built-ins on this tree.
import { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Render from "../src/internal/render.js"
import * as Fixture from "./fixture.js"
import { run } from "./utils.js"

const models = Schema.decodeUnknownSync(Schema.Array(ModelInfo))(Fixture.models)

describe("the table", () => {
  for (const width of [24, 40, 50, 60, 72, 80, 100, 120, 200]) {
    it(`fits ${width} columns and keeps the id column first`, () => {
      const text = Render.table(models, Fixture.now.epochMillis, width)
      const rows = text.split("\n")
      for (const line of rows) assert.isAtMost([...line].length, width, line)
      assert.match(rows[0]!, /^ID\b/)
      assert.strictEqual(rows.length, models.length + 1)
    })
  }

  it("without a width, nothing is cut", () => {
    const text = Render.table(models, Fixture.now.epochMillis)
    assert.include(text, Fixture.adaptive.display_name)
    assert.notInclude(text, "…")
  })
})

describe("YAML and CSV", () => {
  it("quotes what YAML would read as something else", () => {
    assert.strictEqual(
      Render.yaml({ a: "yes", b: "2025-01-01T00:00:00Z", c: "plain text", d: "", e: [], f: {}, g: null, h: 1 }),
      [
        "a: \"yes\"",
        "b: \"2025-01-01T00:00:00Z\"",
        "c: plain text",
        "d: \"\"",
        "e: []",
        "f: {}",
        "g: null",
        "h: 1"
      ].join("\n")
    )
    assert.strictEqual(Render.yaml([{ id: "x", tags: ["a", "b"] }]), "- id: x\n  tags:\n    - a\n    - b")
  })

  it("quotes CSV cells with commas and quotes", () => {
    const odd = { ...models[1]!, display_name: "Claude \"Odd\", Test" }
    const [, row] = Render.csv([odd]).split("\n")
    assert.include(row, ",\"Claude \"\"Odd\"\", Test\",")
  })
})

describe("@effect/cli's built-ins", () => {
  it.effect("--completions bash prints a completion script naming the commands", () =>
    Effect.gen(function*() {
      const result = yield* run(["--completions", "bash"])
      assert.strictEqual(result.code, 0)
      assert.include(result.stdout, "_anthropic-models_bash_completions")
      assert.include(result.stdout, "watch")
    }))

  it.effect("list --help shows every list option", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--help"])
      assert.strictEqual(result.code, 0)
      for (const flag of ["--lifecycle", "--supports", "--line", "--min-context", "--newest", "--format"]) {
        assert.include(result.stdout, flag)
      }
    }))
})
