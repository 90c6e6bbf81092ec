// The real bin, in its own process as a user runs it: exit codes, the embedded
// mock, the mock command (and its twin anthropic-models-mock), and a
// pseudo-terminal (util-linux `script`) for the table width and the progress line.
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { execFile, spawn } from "node:child_process"
import { once } from "node:events"
import * as fs from "node:fs"
import { fileURLToPath } from "node:url"
import * as Fixture from "./fixture.js"
import { bin, lines, proxy, runBin } from "./utils.js"

const manifest: { version: string } = JSON.parse(
  fs.readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")
)
const mockBin = fileURLToPath(new URL("../../testing/bin/anthropic-models-mock.mjs", import.meta.url))

describe("anthropic-models, the bin", () => {
  it("without a key: the embedded mock, one line on stderr, clean JSON on stdout", async () => {
    const result = await runBin(["list", "--format", "json"])
    assert.strictEqual(result.code, 0)
    assert.match(
      result.stderr,
      /^No ANTHROPIC_API_KEY set: using the built-in mock Models API at http:\/\/127\.0\.0\.1:\d+\n$/
    )
    const models: ReadonlyArray<{ id: string; created_at: string }> = JSON.parse(result.stdout)
    assert.strictEqual(models[0]?.id, "claude-opus-4-5-20251101")
    assert.strictEqual(models[0]?.created_at, "2025-11-24T00:00:00.000Z")
  }, 60_000)

  it.live("exit codes 1, 2 and 3, one line each, no stack trace, no key", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ apiKey: Fixture.key })
      const wrong = "sk-ant-test-wrong-bin-FAKE"
      const [api, usage, findings, version] = yield* Effect.promise(() =>
        Promise.all([
          runBin(["--no-cache", "list"], { ANTHROPIC_API_KEY: wrong, ANTHROPIC_BASE_URL: server.url }),
          runBin(["list", "--min-context", "abc"]),
          runBin(["--no-cache", "check", "claude-3-7-sonnet-20250219"], {
            ANTHROPIC_API_KEY: Fixture.key,
            ANTHROPIC_BASE_URL: server.url
          }),
          runBin(["--version"])
        ])
      )
      assert.strictEqual(api.code, 1)
      assert.match(
        api.stderr,
        /^error: AuthenticationError: invalid x-api-key \(HTTP 401, request-id req_mock_\d+\)\n$/
      )
      assert.notInclude(api.stderr + api.stdout, wrong)
      assert.strictEqual(usage.code, 2)
      assert.strictEqual(
        lines(usage.stderr)[0],
        "--min-context takes a whole number of 0 or more, such as 200000 (got \"abc\")"
      )
      assert.include(usage.stderr, "Usage: anthropic-models [global options] list ")
      assert.strictEqual(findings.code, 3)
      assert.match(
        findings.stdout,
        /^FAIL {2}claude-3-7-sonnet-20250219: retired since 2026-02-19; use claude-sonnet-4-5-20250929\n$/
      )
      for (const result of [api, usage, findings]) assert.notMatch(result.stderr, /\n\s+at /)
      assert.strictEqual(version.code, 0)
      assert.strictEqual(version.stdout.trim(), manifest.version)
    }).pipe(Effect.scoped), 120_000)

  it("mock serves with the flags of anthropic-models-mock, and both refuse bad input alike", async () => {
    const [cli, standalone] = await Promise.all([
      runBin(["mock", "--port", "abc"]),
      new Promise<{ code: number | null; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          [mockBin, "--port", "abc"],
          { timeout: 60_000 },
          (error, _stdout, stderr) =>
            resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stderr })
        )
      )
    ])
    assert.strictEqual(cli.code, 2)
    assert.strictEqual(standalone.code, 2)
    assert.strictEqual(lines(cli.stderr)[0], lines(standalone.stderr)[0])
    const options = (text: string) => /(\[--port integer\].*)$/m.exec(text)?.[1]
    assert.isDefined(options(cli.stderr))
    assert.strictEqual(options(cli.stderr), options(standalone.stderr))

    const child = spawn(process.execPath, [
      bin,
      "mock",
      "--port",
      "0",
      "--models",
      "5",
      "--api-key",
      "sk-ant-test-mock-FAKE"
    ])
    try {
      let stdout = ""
      child.stdout.setEncoding("utf8")
      const url = await new Promise<string | undefined>((resolve) => {
        child.stdout.on("data", (chunk: string) => {
          stdout += chunk
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
          if (found !== undefined) resolve(found)
        })
        child.once("exit", () => resolve(undefined))
      })
      assert.isDefined(url, stdout)
      const response = await fetch(`${url}/v1/models`, {
        headers: { "x-api-key": "sk-ant-test-mock-FAKE", "anthropic-version": "2023-06-01" }
      })
      const body: { data: ReadonlyArray<unknown> } = await response.json()
      assert.strictEqual(body.data.length, 5)
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit")
        child.kill("SIGINT")
        const [code] = await exited
        assert.strictEqual(code, 0, "Ctrl-C ends the mock cleanly")
      }
    }
  }, 120_000)
})

// Strips what a terminal does not show: colours, erasures, carriage returns.
// (The escape character is built, not written: a regex literal may not hold control characters.)
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g")
const visible = (text: string) => text.replace(ansi, "").split(/\r?\n/).map((line) => line.split("\r").at(-1) ?? "")

describe("in a pseudo-terminal", () => {
  it.live("the table fits 80 columns, and the progress line shows on the terminal only", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models: Fixture.models, apiKey: Fixture.key })
      const slow = yield* proxy([server.url], 1_500)
      const env = { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: slow.url, TERM: "dumb" }
      const command = `stty cols 80 rows 40; exec '${process.execPath}' '${bin}' --no-cache list`
      const [terminal, piped] = yield* Effect.promise(() =>
        Promise.all([
          new Promise<{ code: number | null; output: string }>((resolve) =>
            execFile("/usr/bin/script", ["-qefc", command, "/dev/null"], {
              env: { ...process.env, ...env },
              timeout: 60_000
            }, (error, stdout) => resolve({ code: error === null ? 0 : null, output: stdout }))
          ),
          runBin(["--no-cache", "list"], env)
        ])
      )
      assert.strictEqual(terminal.code, 0, terminal.output)
      assert.include(terminal.output, "Listing models…", "the progress line, on a terminal")
      const shown = visible(terminal.output).filter((line) => line.trim() !== "")
      assert.match(shown[0] ?? "", /^ID\s+NAME\s+RELEASED\s+STATUS\s+CONTEXT/)
      assert.include(shown.join("\n"), "claude-test-adaptive-20260101")
      for (const line of shown) assert.isAtMost([...line].length, 80, line)
      assert.isAbove(Math.max(...shown.map((line) => [...line].length)), 60, "it uses the width")
      // Piped: no progress line, and the table is as wide as it needs (the long name is whole).
      assert.strictEqual(piped.code, 0)
      assert.strictEqual(piped.stderr, "")
      assert.include(piped.stdout, Fixture.adaptive.display_name)
    }).pipe(Effect.scoped), 120_000)
})
