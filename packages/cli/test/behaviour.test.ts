// Exit codes, bad input, the cache, check on a controlled clock, watch and the
// progress line, through the CLI's run function against loopback servers.
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import * as Catalogue from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Fixture from "./fixture.js"
import { account, lines, proxy, run, start } from "./utils.js"

const tempDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "cli-cache-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

const serve = ModelsApiServer.serve({ models: Fixture.models, apiKey: Fixture.key })

const badInput: ReadonlyArray<readonly [args: ReadonlyArray<string>, error: string]> = [
  [["list", "--min-context", "abc"], "--min-context takes a whole number of 0 or more, such as 200000 (got \"abc\")"],
  [["list", "--min-context", "-5"], "--min-context takes a whole number of 0 or more, such as 200000 (got \"-5\")"],
  [["list", "--newest", "0"], "--newest takes a whole number of 1 or more, such as 5 (got \"0\")"],
  [["list", "--format", "xml"], "--format takes table, json, jsonl, yaml or csv (got \"xml\")"],
  [["get", "x", "--format", "csv"], "--format takes text, json or yaml (got \"csv\")"],
  [["list", "--lifecycle", "actve"], "--lifecycle takes active, deprecated or retired (got \"actve\")"],
  [["list", "--lifecycle", "active,retird"], "--lifecycle takes active, deprecated or retired (got \"retird\")"],
  [["list", "--supports", "pdf"], "--supports takes a capability path: batch, citations, "],
  [["list", "--supports", "thinking.types"], "--supports takes a capability path: batch, citations, "],
  [
    ["check", "x", "--within", "30x"],
    "--within takes a duration such as 30d (a whole number and s, m, h, d or w; got \"30x\")"
  ],
  [["check", "x", "--fail-on", "soon"], "--fail-on takes deprecated or retired (got \"soon\")"],
  [
    ["watch", "--every", "0s"],
    "--every takes a duration such as 10m (a whole number and s, m, h, d or w, at least 1s; got \"0s\")"
  ],
  [["check"], "Missing argument <id>"],
  [["list", "--bogus"], "Received unknown argument: '--bogus'"],
  [
    ["lsit"],
    "Invalid subcommand for anthropic-models - use one of 'list', 'get', 'resolve', 'check', 'diff', 'watch', 'mock'"
  ]
]

describe("usage errors: one line naming the flag and what it accepts, the usage, exit 2", () => {
  for (const [args, error] of badInput) {
    it.scoped(args.join(" "), () =>
      Effect.gen(function*() {
        const server = yield* serve
        const result = yield* run(args, { env: { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: server.url } })
        const [first, ...rest] = lines(result.stderr).filter((line) => line.trim() !== "")
        assert.strictEqual(result.code, 2)
        assert.isTrue(first!.startsWith(error), first)
        assert.match(rest[0] ?? "", /^Usage: anthropic-models \[global options\] /)
        assert.match(rest.at(-1) ?? "", /^Run anthropic-models .*--help for every option\.$/)
        assert.strictEqual(result.stdout, "")
        // Nothing was listed for a command line that does not parse.
        assert.strictEqual((yield* server.stats).requests, 0)
      }))
  }

  it.scoped("diff without a cache or --against is a usage error", () =>
    Effect.gen(function*() {
      const server = yield* serve
      const env = { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: server.url }
      const result = yield* run(["--no-cache", "diff"], { env })
      assert.strictEqual(result.code, 2)
      assert.match(
        result.stderr,
        /^diff compares with the cached snapshot, which --no-cache turns off: give --against FILE\n/
      )
      const dir = yield* tempDir
      const file = path.join(dir, "notes.json")
      fs.writeFileSync(file, "{\"not\": \"a listing\"}")
      const bad = yield* run(["--no-cache", "diff", "--against", file], { env })
      assert.strictEqual(bad.code, 2)
      assert.include(
        bad.stderr,
        `--against takes a JSON listing (what list --format json prints, or a /v1/models page): ${file} is not one`
      )
    }))
})

describe("API errors: one line with the tag, message and request id, exit 1, no key", () => {
  it.scoped("a wrong key", () =>
    Effect.gen(function*() {
      const server = yield* serve
      const wrong = "sk-ant-test-wrong-FAKE"
      const result = yield* run(["--no-cache", "list"], {
        env: { ANTHROPIC_API_KEY: wrong, ANTHROPIC_BASE_URL: server.url }
      })
      assert.strictEqual(result.code, 1)
      assert.deepStrictEqual(lines(result.stderr), [
        "error: AuthenticationError: invalid x-api-key (HTTP 401, request-id req_mock_00000001)"
      ])
      assert.strictEqual(result.stdout, "")
      assert.notInclude(result.stderr, wrong)
    }))

  it.scoped("--api-key wins over ANTHROPIC_API_KEY; an unknown model is a ModelNotFoundError", () =>
    Effect.gen(function*() {
      const server = yield* serve
      const env = { ANTHROPIC_API_KEY: "sk-ant-test-env-FAKE", ANTHROPIC_BASE_URL: server.url }
      const result = yield* run(["--api-key", Fixture.key, "--no-cache", "get", "claude-nope"], { env })
      assert.strictEqual(result.code, 1)
      assert.deepStrictEqual(lines(result.stderr), [
        "error: ModelNotFoundError: No model claude-nope in the catalogue (request-id req_mock_00000002)"
      ])
    }))

  it.live("a server that is not there", () =>
    Effect.gen(function*() {
      const result = yield* run(["--no-cache", "--base-url", "http://127.0.0.1:9", "resolve", "claude-sonnet-4-5"], {
        env: { ANTHROPIC_API_KEY: Fixture.key }
      })
      assert.strictEqual(result.code, 1)
      const [line, ...more] = lines(result.stderr)
      assert.strictEqual(line, "error: ConnectionError: connect ECONNREFUSED 127.0.0.1:9 (GET /v1/models)")
      assert.deepStrictEqual(more, [])
    }).pipe(Effect.scoped), 60_000)
})

describe("without a key", () => {
  it.scoped("the embedded mock, one line on stderr, stdout clean JSON", () =>
    Effect.gen(function*() {
      const result = yield* run(["list", "--format", "json"])
      assert.strictEqual(result.code, 0)
      assert.match(
        result.stderr,
        /^No ANTHROPIC_API_KEY set: using the built-in mock Models API at http:\/\/127\.0\.0\.1:\d+\n$/
      )
      const models: ReadonlyArray<{ id: string }> = JSON.parse(result.stdout)
      assert.deepStrictEqual(
        models.map((model) => model.id),
        Catalogue.claudeModels.filter((model) => model.lifecycle !== "retired").map((model) => model.id)
      )
    }))
})

describe("the snapshot cache", () => {
  it.scoped("a second list within the TTL makes no request; --no-cache does; the file has no key", () =>
    Effect.gen(function*() {
      const server = yield* serve
      const dir = yield* tempDir
      const env = account(server.url, dir, Fixture.key)
      const first = yield* run(["list", "--format", "json"], { env })
      assert.strictEqual(first.code, 0)
      assert.strictEqual((yield* server.stats).requests, 1)
      const second = yield* run(["list", "--format", "json"], { env })
      assert.strictEqual(second.stdout, first.stdout)
      assert.strictEqual((yield* server.stats).requests, 1, "the second list is served from the cache")
      // get and check read the same snapshot
      const get = yield* run(["get", "claude-opus-4-5-20251101"], { env })
      assert.strictEqual(get.code, 0)
      assert.strictEqual((yield* server.stats).requests, 1)
      yield* run(["--no-cache", "list"], { env })
      assert.strictEqual((yield* server.stats).requests, 2, "--no-cache lists")
      const files = fs.readdirSync(dir)
      assert.isAbove(files.length, 0)
      for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), "utf8")
        assert.include(text, "claude-opus-4-5-20251101")
        assert.notInclude(text, Fixture.key)
        assert.notInclude(text, "sk-ant")
      }
    }))

  it.scoped("after the TTL the next list lists again", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Fixture.now.epochMillis)
      const server = yield* serve
      const dir = yield* tempDir
      const env = account(server.url, dir, Fixture.key)
      yield* run(["list"], { env })
      yield* TestClock.adjust("9 minutes")
      yield* run(["list"], { env })
      assert.strictEqual((yield* server.stats).requests, 1)
      yield* TestClock.adjust("2 minutes")
      yield* run(["list"], { env })
      assert.strictEqual((yield* server.stats).requests, 2)
    }))

  // On the real clock: the first run tells "no snapshot yet" by the snapshot's age.
  it.live("diff: the first run saves a snapshot (exit 0); a changed catalogue is listed (exit 3)", () =>
    Effect.gen(function*() {
      const before = yield* ModelsApiServer.serve({ models: Fixture.models.slice(1), apiKey: Fixture.key })
      const after = yield* serve
      const switcher = yield* proxy([before.url, after.url])
      const dir = yield* tempDir
      const env = account(switcher.url, dir, Fixture.key)
      const first = yield* run(["diff"], { env })
      assert.deepStrictEqual([first.code, first.stdout], [0, ""])
      assert.strictEqual(first.stderr, "No cached snapshot yet: saved this one; the next diff compares with it\n")
      const same = yield* run(["diff"], { env })
      assert.deepStrictEqual([same.code, same.stdout], [0, "No changes\n"])
      switcher.use(1)
      const changed = yield* run(["diff"], { env })
      assert.strictEqual(changed.code, 3)
      assert.deepStrictEqual(lines(changed.stdout), [
        `+ ${Fixture.adaptive.id}  added (${Fixture.adaptive.display_name})`
      ])
      // the live listing became the snapshot
      const again = yield* run(["diff"], { env })
      assert.deepStrictEqual([again.code, again.stdout], [0, "No changes\n"])
    }).pipe(Effect.scoped))
})

const day = 86_400_000

describe("check on a controlled clock", () => {
  const retiresAt = DateTime.unsafeMake("2027-03-01T00:00:00Z").epochMillis
  const pinned: ModelInfoEncoded = {
    ...Catalogue.claudeModels[3]!,
    id: "claude-pinned-20250101",
    display_name: "Claude Pinned",
    created_at: "2025-01-01T00:00:00Z",
    lifecycle: "active",
    deprecated_at: "2027-01-01T00:00:00Z",
    retires_at: "2027-03-01T00:00:00Z"
  }
  const models = [...Catalogue.claudeModels, pinned]
  const at = (millis: number, args: ReadonlyArray<string> = []) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(millis)
      const server = yield* ModelsApiServer.serve({ models, apiKey: Fixture.key })
      return yield* run(["--no-cache", "check", pinned.id, ...args], {
        env: { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: server.url }
      })
    })

  it.scoped("months before: ok, exit 0", () =>
    Effect.gen(function*() {
      const result = yield* at(retiresAt - 120 * day)
      assert.deepStrictEqual([result.code, result.stdout], [
        0,
        `ok    ${pinned.id}: active, retires 2027-03-01 (in 120 days); use claude-opus-4-5-20251101\n`
      ])
    }))

  it.scoped("within 30 days of retires_at (and deprecated): FAIL with the replacement, exit 3", () =>
    Effect.gen(function*() {
      const result = yield* at(retiresAt - 20 * day)
      assert.strictEqual(result.code, 3)
      assert.strictEqual(
        result.stdout,
        `FAIL  ${pinned.id}: deprecated, retires 2027-03-01 (in 20 days); use claude-opus-4-5-20251101\n`
      )
    }))

  it.scoped("--within 10d --fail-on retired: a deprecated model 20 days from retiring passes", () =>
    Effect.gen(function*() {
      const result = yield* at(retiresAt - 20 * day, ["--within", "10d", "--fail-on", "retired"])
      assert.strictEqual(result.code, 0)
      assert.match(
        result.stdout,
        /^ok {4}claude-pinned-20250101: deprecated, retires 2027-03-01 \(in 20 days\); use claude-opus-4-5-20251101\n$/
      )
    }))

  it.scoped("--within 0d: 5 days before retiring is no finding yet under --fail-on retired; the day after is", () =>
    Effect.gen(function*() {
      const before = yield* at(retiresAt - 5 * day, ["--within", "0d", "--fail-on", "retired"])
      assert.strictEqual(before.code, 0)
      const after = yield* at(retiresAt + day, ["--within", "0d", "--fail-on", "retired"])
      assert.strictEqual(after.code, 3)
      assert.strictEqual(after.stdout, `FAIL  ${pinned.id}: retired since 2027-03-01; use claude-opus-4-5-20251101\n`)
    }))
})

describe("watch", () => {
  it.live(
    "prints exactly the changes of a catalogue that changes, and stops on interruption",
    () =>
      Effect.gen(function*() {
        const base = Catalogue.claudeModels
        const changed = [
          { ...Fixture.adaptive },
          ...base.filter((model) => model.id !== "claude-3-haiku-20240307").map((model) =>
            model.id === "claude-opus-4-1-20250805" ? { ...model, lifecycle: "deprecated" as const } : model
          )
        ]
        const a = yield* ModelsApiServer.serve({ models: base, apiKey: Fixture.key })
        const b = yield* ModelsApiServer.serve({ models: changed, apiKey: Fixture.key })
        const switcher = yield* proxy([a.url, b.url])
        const running = yield* start(["--no-cache", "watch", "--every", "1s"], {
          env: { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: switcher.url }
        })
        const waitFor = (check: () => boolean) =>
          Effect.repeat(Effect.sleep("50 millis"), { until: check }).pipe(Effect.timeout("20 seconds"))
        yield* waitFor(() => running.stderr().includes("Watching"))
        assert.strictEqual(running.stderr(), "Watching 15 models, every 1s (Ctrl-C to stop)\n")
        // two listings of the same catalogue: nothing printed
        yield* waitFor(() => a.stats.pipe(Effect.runSync).requests >= 3)
        assert.strictEqual(running.stdout(), "")
        switcher.use(1)
        yield* waitFor(() => running.stdout().split("\n").length >= 4)
        // and no more after that, as the catalogue stays as it is
        const requests = (yield* b.stats).requests
        yield* waitFor(() => b.stats.pipe(Effect.runSync).requests >= requests + 2)
        yield* Fiber.interrupt(running.fiber)
        assert.deepStrictEqual(lines(running.stdout()), [
          `+ ${Fixture.adaptive.id}  added (${Fixture.adaptive.display_name})`,
          "~ claude-opus-4-1-20250805  lifecycle: active -> deprecated",
          "- claude-3-haiku-20240307  removed"
        ])
      }).pipe(Effect.scoped),
    60_000
  )
})

describe("the progress line", () => {
  it.live("shows on a terminal when listing takes over half a second, and is erased", () =>
    Effect.gen(function*() {
      const server = yield* serve
      const slow = yield* proxy([server.url], 900)
      const env = { ANTHROPIC_API_KEY: Fixture.key, ANTHROPIC_BASE_URL: slow.url }
      const tty = yield* run(["--no-cache", "list", "--format", "json"], { env, stderrIsTty: true })
      assert.strictEqual(tty.code, 0)
      assert.strictEqual(tty.stderr, "Listing models…\r\x1b[2K")
      JSON.parse(tty.stdout)
      const pipe = yield* run(["--no-cache", "list", "--format", "json"], { env, stderrIsTty: false })
      assert.strictEqual(pipe.stderr, "", "not a terminal: no line")
    }).pipe(Effect.scoped), 30_000)
})
