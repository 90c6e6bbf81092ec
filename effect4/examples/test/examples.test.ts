// Runs each example as a user would (no key set, so against the embedded mock API).
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
// Effect 4 needs Node >= 22.19: the workspace's script picks the machine's node when it
// is new enough, and otherwise the Node 22 that pnpm installed.
const node22 = fileURLToPath(new URL("../../scripts/node22.sh", import.meta.url))
const { ANTHROPIC_API_KEY: _key, ANTHROPIC_AUTH_TOKEN: _token, ANTHROPIC_BASE_URL: _url, ...env } = process.env

const run = (file: string, args: ReadonlyArray<string> = [], extraEnv: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "sh",
      [node22, "--import", "tsx", file, ...args],
      { cwd: root, env: { ...env, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr })
    )
  })

describe("examples", () => {
  it.live("list-models uses ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL when they are set", () =>
    Effect.gen(function*() {
      // Stands in for the real API: it accepts only this key, so a 200 proves the key was sent.
      const server = yield* ModelsApiServer.serve({ apiKey: "sk-ant-env-FAKE" })
      const { code, stderr, stdout } = yield* Effect.promise(() =>
        run("list-models.ts", [], {
          ANTHROPIC_API_KEY: "sk-ant-env-FAKE",
          ANTHROPIC_BASE_URL: server.url
        })
      )
      assert.strictEqual(code, 0)
      assert.notInclude(stderr, "No ANTHROPIC_API_KEY set")
      assert.include(stdout, "7 models")
      assert.strictEqual((yield* server.stats).requests, 1)
      const wrongKey = yield* Effect.promise(() =>
        run("list-models.ts", [], { ANTHROPIC_API_KEY: "sk-ant-other-FAKE", ANTHROPIC_BASE_URL: server.url })
      )
      assert.notStrictEqual(wrongKey.code, 0)
      assert.match(
        wrongKey.stderr,
        /^error: AuthenticationError: invalid x-api-key \(HTTP 401, request-id req_mock_\w+\)$/m
      )
      assert.notInclude(wrongKey.stderr + wrongKey.stdout, "sk-ant-other-FAKE")
    }), 60_000)

  it("list-models prints the catalogue as a table and says it uses the mock", async () => {
    const { code, stderr, stdout } = await run("list-models.ts")
    assert.strictEqual(code, 0)
    assert.include(stderr, "No ANTHROPIC_API_KEY set")
    assert.match(stdout, /^ID\s+NAME\s+RELEASED\s+LIFECYCLE/)
    assert.include(stdout, "claude-sonnet-4-5-20250929")
    assert.notInclude(stdout, "claude-2.1") // retired models are hidden by default
  })

  it("list-models takes no flags: it is a library example, not a command line tool", async () => {
    const plain = await run("list-models.ts")
    const flagged = await run("list-models.ts", ["--json", "--newest", "2"])
    assert.strictEqual(flagged.code, 0)
    assert.strictEqual(flagged.stdout, plain.stdout)
  })

  it("newest-pdf-model composes listing with other effects", async () => {
    const { code, stdout } = await run("newest-pdf-model.ts")
    assert.strictEqual(code, 0)
    assert.include(stdout, "Newest model with PDF input: claude-opus-4-5-20251101")
    assert.include(stdout, "claude-sonnet-4-5 resolves to: claude-sonnet-4-5-20250929")
  })

  it("backpressure takes 5 models with one request", async () => {
    const { code, stdout } = await run("backpressure.ts")
    assert.strictEqual(code, 0)
    assert.include(stdout, "took 5 models with 1 request(s)")
    assert.match(stdout, /consumed 3 pages with prefetch 1: [34] request\(s\)/)
  })
})
