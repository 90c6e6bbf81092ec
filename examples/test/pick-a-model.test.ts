// The README's "Pick a model" program (examples/pick-a-model.ts, the same bytes),
// run as a user would, against a loopback mock that counts requests.
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const { ANTHROPIC_API_KEY: _key, ANTHROPIC_AUTH_TOKEN: _token, ANTHROPIC_BASE_URL: _url, ...env } = process.env

describe("pick-a-model", () => {
  it.scopedLive("answers the three questions from one listing", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ apiKey: "sk-ant-pick-FAKE" })
      const { code, stderr, stdout } = yield* Effect.promise(() =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, ["--import", "tsx", "pick-a-model.ts"], {
            cwd: root,
            env: { ...env, ANTHROPIC_API_KEY: "sk-ant-pick-FAKE", ANTHROPIC_BASE_URL: server.url },
            timeout: 60_000
          }, (error, stdout, stderr) => resolve({ code: error === null ? 0 : 1, stdout, stderr }))
        })
      )
      assert.strictEqual(code, 0, stderr)
      // Effect's default logger writes to stdout too: its lines are checked apart.
      const warnings = stdout.split("\n").filter((line) => line.includes("level=WARN"))
      assert.strictEqual(
        stdout.split("\n").filter((line) => !line.includes("level=WARN")).join("\n"),
        [
          "PDF, 200k+: claude-opus-4-5-20251101, claude-haiku-4-5-20251001, claude-sonnet-4-5-20250929, " +
          "claude-opus-4-1-20250805, claude-opus-4-20250514, claude-sonnet-4-20250514",
          "claude-sonnet-4-5 -> claude-sonnet-4-5-20250929",
          "claude-3-7-sonnet-20250219: retired, retires 2026-02-19T00:00:00.000Z",
          "max_tokens: 64000",
          ""
        ].join("\n")
      )
      // One warning, through Effect's logger, naming the date and the replacement.
      assert.strictEqual(warnings.length, 1)
      assert.include(warnings[0], "was retired on 2026-02-19T00:00:00.000Z: use claude-sonnet-4-5-20250929 instead")
      // One listing, and one retrieve for the alias, which the listing does not name.
      assert.strictEqual((yield* server.stats).requests, 2)
    }), { timeout: 90_000 })
})
