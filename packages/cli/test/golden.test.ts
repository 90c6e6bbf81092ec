// Every command and format against the loopback mock, compared with the files in
// golden/ (vitest -u rewrites them). The clock is fixed, so statuses are stable.
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Fixture from "./fixture.js"
import { run } from "./utils.js"

const cases: ReadonlyArray<readonly [file: string, args: ReadonlyArray<string>, code: number]> = [
  ["list.table", ["list"], 0],
  ["list.table-80", ["list", "--lifecycle", "active,deprecated,retired"], 0],
  ["list.table-50", ["list", "--newest", "3"], 0],
  ["list.json", ["list", "--format", "json", "--newest", "2"], 0],
  ["list.jsonl", ["list", "--format", "jsonl", "--line", "opus"], 0],
  ["list.yaml", ["list", "-f", "yaml", "--newest", "1"], 0],
  ["list.csv", ["list", "--format", "csv", "--lifecycle", "retired", "--lifecycle", "active"], 0],
  ["list.supports-nested", ["list", "--supports", "thinking.types.adaptive"], 0],
  ["list.supports-several", ["list", "--supports", "pdf_input", "--supports", "effort", "--min-context", "200000"], 0],
  ["list.min-context", ["list", "--min-context", "500000", "--format", "jsonl"], 0],
  ["list.retired", ["list", "--lifecycle", "retired"], 0],
  ["list.none", ["list", "--line", "nope", "--format", "json"], 0],
  ["get.text", ["get", "claude-sonnet-4-5"], 0],
  ["get.json", ["get", "claude-opus-4-5-20251101", "--format", "json"], 0],
  ["get.yaml", ["get", "claude-test-adaptive-20260101", "-f", "yaml"], 0],
  ["resolve", ["resolve", "claude-sonnet-4-5"], 0],
  ["check.ok", ["check", "claude-opus-4-5-20251101", "claude-sonnet-4-5"], 0],
  ["check.findings", ["check", "claude-3-7-sonnet-20250219", "claude-opus-4-5", "claude-nope"], 3],
  ["check.json", ["check", "claude-3-7-sonnet-20250219", "claude-haiku-4-5", "--format", "json"], 3]
]

const widths: Readonly<Record<string, number>> = { "list.table-80": 80, "list.table-50": 50 }

describe("golden outputs", () => {
  for (const [file, args, code] of cases) {
    it.scoped(`${args.join(" ")} (${file})`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Fixture.now.epochMillis)
        const server = yield* ModelsApiServer.serve({ models: Fixture.models, apiKey: Fixture.key })
        const result = yield* run(["--no-cache", ...args], {
          env: { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: server.url },
          columns: widths[file]
        })
        assert.strictEqual(result.stderr, "", "nothing on stderr")
        assert.strictEqual(result.code, code)
        if (widths[file] !== undefined) {
          for (const line of result.stdout.split("\n")) assert.isAtMost([...line].length, widths[file]!, line)
        }
        if (file.endsWith(".json")) JSON.parse(result.stdout)
        yield* Effect.promise(() => expect(result.stdout).toMatchFileSnapshot(`golden/${file}.txt`))
      }))
  }

  it.scoped("diff --against a saved listing: added, removed and changed fields, exit 3", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Fixture.now.epochMillis)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-diff-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
      const server = yield* ModelsApiServer.serve({ models: Fixture.models, apiKey: Fixture.key })
      const env = { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: server.url }
      const saved = yield* run(["--no-cache", "list", "--format", "json", "--lifecycle", "active,deprecated,retired"], {
        env
      })
      const before: Array<{ id: string; lifecycle?: string; max_tokens?: number }> = JSON.parse(saved.stdout)
      // What the catalogue was: one model it has since added, one it has since removed, two since changed.
      const edited = before.filter((model) => model.id !== Fixture.adaptive.id).map((model) =>
        model.id === "claude-haiku-4-5-20251001"
          ? { ...model, lifecycle: "deprecated", max_tokens: 8192 }
          : model.id === "claude-sonnet-4-5-20250929"
          ? { ...model, capabilities: { ...Fixture.models[0]!.capabilities } }
          : model
      )
      edited.push({ ...before[1]!, id: "claude-gone-20240101" })
      const file = path.join(dir, "before.json")
      fs.writeFileSync(file, JSON.stringify(edited))
      const text = yield* run(["--no-cache", "diff", "--against", file], { env })
      assert.strictEqual(text.code, 3)
      yield* Effect.promise(() => expect(text.stdout).toMatchFileSnapshot("golden/diff.text.txt"))
      const json = yield* run(["--no-cache", "diff", "--against", file, "--format", "json"], { env })
      assert.strictEqual(json.code, 3)
      yield* Effect.promise(() => expect(json.stdout).toMatchFileSnapshot("golden/diff.json.txt"))
      // A page of the API (`{ data: [...] }`) is a listing too; the same catalogue is no change.
      fs.writeFileSync(file, JSON.stringify({ data: before }))
      const same = yield* run(["--no-cache", "diff", "--against", file], { env })
      assert.deepStrictEqual([same.code, same.stdout], [0, "No changes\n"])
    }))
})
