// The anthropic-models-mock bin: its parser through @effect/cli's API, and the
// program itself run as a user runs it, through its launcher, in its own process.
import * as CliConfig from "@effect/cli/CliConfig"
import * as CommandDescriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { execFile, spawn } from "node:child_process"
import { once } from "node:events"
import { fileURLToPath } from "node:url"
import * as Cli from "../src/internal/cli.js"

const parse = (args: ReadonlyArray<string>) =>
  CommandDescriptor.parse(Cli.command.descriptor, [Cli.name, ...args], CliConfig.defaultConfig).pipe(
    Effect.mapError((error) => HelpDoc.toAnsiText(error.error).trim()),
    Effect.either,
    Effect.provide(NodeContext.layer)
  )

const badInput: ReadonlyArray<readonly [args: ReadonlyArray<string>, error: string]> = [
  [["--port", "abc"], "'abc' is not a integer"],
  [["--port", "70000"], "--port must be a whole number from 0 to 65535"],
  [["--port", "-1"], "--port must be a whole number from 0 to 65535"],
  [["--port", "80.5"], "'80.5' is not a integer"],
  [["--fault-rate", "x"], "'x' is not a float"],
  [["--fault-rate", "1.5"], "--fault-rate must be a number from 0 to 1"],
  [["--fault-rate", "-0.1"], "--fault-rate must be a number from 0 to 1"],
  [["--models", "-3"], "--models must be a whole number of 0 or more"],
  [["--models", "many"], "'many' is not a integer"],
  [["--seed", "x"], "'x' is not a integer"],
  [["--api-key", ""], "--api-key must not be empty"]
]

describe("anthropic-models-mock's parser", () => {
  for (const [args, error] of badInput) {
    it.effect(`refuses ${args.join(" ")}: ${error}`, () =>
      Effect.gen(function*() {
        const result = yield* parse(args)
        assert.deepStrictEqual(Either.getLeft(result), Option.some(error))
      }))
  }

  it.effect("its help says it is also anthropic-models mock", () =>
    Effect.gen(function*() {
      const help = HelpDoc.toAnsiText(CommandDescriptor.getHelp(Cli.command.descriptor, CliConfig.defaultConfig))
      assert.include(help, "Also installed as `anthropic-models mock` by @anthropic-effect/cli.")
    }))

  it.effect("keeps the defaults: port 4010, seed 1, the Claude catalogue, any key, no faults", () =>
    Effect.gen(function*() {
      const result = yield* parse([])
      const directive = Either.getOrThrow(result)
      if (directive._tag !== "UserDefined") return assert.fail(directive._tag)
      assert.deepStrictEqual(directive.value.port, 4010)
      assert.deepStrictEqual(directive.value.seed, 1)
      assert.isTrue(Option.isNone(directive.value.models))
      assert.isTrue(Option.isNone(directive.value.apiKey))
      assert.isTrue(Option.isNone(directive.value.faultRate))
    }))

  it.effect("reads every flag", () =>
    Effect.gen(function*() {
      const result = yield* parse([
        "--port",
        "0",
        "--models",
        "100000",
        "--api-key",
        "sk-test",
        "--fault-rate",
        "0.2",
        "--seed",
        "7"
      ])
      const directive = Either.getOrThrow(result)
      if (directive._tag !== "UserDefined") return assert.fail(directive._tag)
      assert.deepStrictEqual(directive.value.port, 0)
      assert.deepStrictEqual(directive.value.models, Option.some(100_000))
      assert.deepStrictEqual(directive.value.apiKey, Option.some("sk-test"))
      assert.deepStrictEqual(directive.value.faultRate, Option.some(0.2))
      assert.deepStrictEqual(directive.value.seed, 7)
    }))
})

const bin = fileURLToPath(new URL("../bin/anthropic-models-mock.mjs", import.meta.url))

// tsx compiles the program on every start: several seconds on a small machine.
const run = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { timeout: 50_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr })
    )
  })

describe("anthropic-models-mock", () => {
  it("bad input: one line saying what is wrong, then the usage, exit code 2", async () => {
    const cases = [["--port", "abc"], ["--fault-rate", "x"], ["--bogus"]] as const
    const results = await Promise.all(cases.map((args) => run(args)))
    const expected = ["'abc' is not a integer", "'x' is not a float", "Received unknown argument: '--bogus'"]
    results.forEach(({ code, stderr, stdout }, i) => {
      const lines = stderr.split("\n").filter((line) => line.trim() !== "")
      const what = cases[i]!.join(" ")
      assert.strictEqual(code, Cli.usageExitCode, what)
      assert.strictEqual(lines[0], expected[i], what)
      assert.match(lines[1] ?? "", /^Usage: anthropic-models-mock \[--port integer\] \[--models integer\] /, what)
      assert.notMatch(stderr, /Error|\n\s+at /, `${what}: no stack trace`)
      assert.strictEqual(stdout, "", what)
    })
  }, 120_000)

  it("serves with its flags: port 0, synthetic models, one key", async () => {
    const child = spawn(process.execPath, [bin, "--port", "0", "--models", "7", "--api-key", "sk-bin-FAKE"])
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
      const headers = { "x-api-key": "sk-bin-FAKE", "anthropic-version": "2023-06-01" }
      const response = await fetch(`${url}/v1/models?limit=1000`, { headers })
      assert.strictEqual(response.status, 200)
      const body: unknown = await response.json()
      assert.deepInclude(body, {
        has_more: false,
        first_id: "claude-synthetic-000000",
        last_id: "claude-synthetic-000006"
      })
      const wrongKey = await fetch(`${url}/v1/models`, { headers: { ...headers, "x-api-key": "sk-other" } })
      assert.strictEqual(wrongKey.status, 401)
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, "exit")
        child.kill("SIGINT")
        await exited
      }
    }
  }, 120_000)
})
