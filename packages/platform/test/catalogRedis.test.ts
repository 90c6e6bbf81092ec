// The fleet test, against a real redis-server (Debian's `redis-server` package): the test
// starts it on a free loopback port without persistence, and stops it. When redis-server is
// not installed the test fails: CI installs it (apt-get install -y redis-server).
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Models from "@anthropic-effect/core/Models"
import * as RedisCatalog from "@anthropic-effect/platform/redis"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Queue from "effect/Queue"
import * as Schema from "effect/Schema"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

const freePort = Effect.async<number, Error>((resume) => {
  const server = Net.createServer()
  server.once("error", (error) => resume(Effect.fail(error)))
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** redis-server on 127.0.0.1:port, no RDB, no AOF; killed with the scope (or earlier, by the test). */
const redisServer = (port: number) =>
  Effect.acquireRelease(
    Effect.async<ChildProcess.ChildProcess, Error>((resume) => {
      const child = ChildProcess.spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        { stdio: ["ignore", "pipe", "pipe"] }
      )
      let output = ""
      const timer = setTimeout(() => resume(Effect.fail(new Error(`redis-server did not start: ${output}`))), 10_000)
      child.once("error", (error) => {
        clearTimeout(timer)
        resume(
          Effect.fail(new Error(`redis-server could not be run (apt-get install -y redis-server): ${error.message}`))
        )
      })
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer)
          resume(Effect.succeed(child))
        }
      })
    }),
    (child) => Effect.sync(() => child.kill("SIGKILL"))
  )

const models = synthetic(25, { idPrefix: "fleet" })

/** One process of the fleet: its own runtime, memory and Redis connection; the Models calls counted together. */
const member = (service: Models.Service, port: number) => {
  const warnings: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    if (logLevel.label === "WARN") warnings.push(Array.isArray(message) ? message.join(" ") : String(message))
  })
  const layer = ModelCatalog.layer({
    ttl: "1 second",
    store: RedisCatalog.layerCatalogStore({ host: "127.0.0.1", port, keyPrefix: "fleet-test:" })
  }).pipe(
    Layer.provide(Layer.succeed(Models.Models, service)),
    Layer.merge(Logger.replace(Logger.defaultLogger, logger))
  )
  return { runtime: ManagedRuntime.make(layer), warnings }
}

describe("@anthropic-effect/platform/redis", () => {
  it.scopedLive(
    "three processes share one snapshot: one listing per TTL between them; Redis gone, memory",
    () =>
      Effect.gen(function*() {
        const port = yield* freePort
        const server = yield* redisServer(port)
        // Each listing takes 50 ms, so the processes really overlap.
        const [service, handle] = yield* ModelsTest.make(models, { latency: "50 millis" })
        const listings = Effect.map(handle.calls, (calls) => calls.filter((call) => call._tag === "List").length)
        const fleet = [member(service, port), member(service, port), member(service, port)]
        yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all(fleet.map((one) => one.runtime.dispose()))))
        const everyone = <A, E>(effect: Effect.Effect<A, E, ModelCatalog.ModelCatalog>) =>
          Effect.promise(() => Promise.all(fleet.map((one) => one.runtime.runPromise(effect))))

        // Cold: one process lists, the others wait for its snapshot.
        const cold = yield* everyone(ModelCatalog.snapshot)
        assert.strictEqual(yield* listings, 1)
        assert.isTrue(cold.every((snapshot) => snapshot.models.length === 25))
        assert.strictEqual(new Set(cold.map((snapshot) => snapshot.fetchedAt.epochMillis)).size, 1, "one snapshot")

        // After the TTL: stale at once everywhere, exactly one refresh across the fleet.
        yield* Effect.sleep("1100 millis")
        const stale = yield* everyone(ModelCatalog.snapshot)
        assert.isTrue(stale.every((snapshot) => snapshot.fetchedAt.epochMillis === cold[0]!.fetchedAt.epochMillis))
        yield* Effect.sleep("400 millis")
        const refreshed = yield* everyone(ModelCatalog.snapshot)
        yield* Effect.sleep("200 millis")
        const adopted = yield* everyone(ModelCatalog.snapshot)
        assert.strictEqual(yield* listings, 2, "one refresh for three processes")
        assert.isTrue(refreshed.some((snapshot) => snapshot.fetchedAt.epochMillis > cold[0]!.fetchedAt.epochMillis))
        assert.strictEqual(new Set(adopted.map((snapshot) => snapshot.fetchedAt.epochMillis)).size, 1)
        assert.deepStrictEqual(fleet.map((one) => one.warnings), [[], [], []])

        // Redis goes away: each process goes on with its own memory, with one warning, and nothing fails.
        server.kill("SIGKILL")
        yield* Effect.sleep("1100 millis")
        const alone = yield* everyone(ModelCatalog.all)
        assert.isTrue(alone.every((all) => all.length === 25))
        yield* Effect.sleep("300 millis")
        const after = yield* everyone(ModelCatalog.snapshot)
        assert.isTrue(after.every((snapshot) => snapshot.models.length === 25))
        assert.strictEqual(yield* listings, 5, "each process listed for itself")
        for (const one of fleet) {
          assert.strictEqual(one.warnings.length, 1, one.warnings.join("\n"))
          assert.include(one.warnings[0], "Model catalogue store unavailable")
        }
        // And more use without Redis logs nothing more.
        yield* everyone(ModelCatalog.get("fleet-000001"))
        assert.isTrue(fleet.every((one) => one.warnings.length === 1))
      }),
    { timeout: 30_000 }
  )

  it.scopedLive(
    "Redis down at start: memory, with one warning; the store is used once Redis is up",
    () =>
      Effect.gen(function*() {
        const port = yield* freePort
        const [service, handle] = yield* ModelsTest.make(models)
        const listings = Effect.map(handle.calls, (calls) => calls.filter((call) => call._tag === "List").length)
        const early = member(service, port)
        yield* Effect.addFinalizer(() => Effect.promise(() => early.runtime.dispose()))

        // Nothing listens on the port: the catalogue lists for itself and warns once.
        assert.strictEqual((yield* Effect.promise(() => early.runtime.runPromise(ModelCatalog.all))).length, 25)
        assert.strictEqual(yield* listings, 1)
        assert.strictEqual(early.warnings.length, 1, early.warnings.join("\n"))
        assert.include(early.warnings[0], "Model catalogue store unavailable")

        // Redis comes up. Past the TTL, and once ioredis has reconnected (it retries at
        // most every 2 s), the refresh stores its snapshot there.
        yield* redisServer(port)
        yield* Effect.sleep("2100 millis")
        yield* Effect.promise(() => early.runtime.runPromise(ModelCatalog.snapshot))
        yield* Effect.sleep("300 millis")
        assert.strictEqual(yield* listings, 2)

        // A process started now finds that snapshot in Redis and does not list.
        const late = member(service, port)
        yield* Effect.addFinalizer(() => Effect.promise(() => late.runtime.dispose()))
        const adopted = yield* Effect.promise(() => late.runtime.runPromise(ModelCatalog.snapshot))
        const current = yield* Effect.promise(() => early.runtime.runPromise(ModelCatalog.snapshot))
        assert.strictEqual(yield* listings, 2, "the late process adopted the stored snapshot")
        assert.strictEqual(adopted.fetchedAt.epochMillis, current.fetchedAt.epochMillis)
        assert.deepStrictEqual([early.warnings.length, late.warnings.length], [1, 0])
      }),
    { timeout: 30_000 }
  )

  it.scopedLive(
    "three OS processes over HTTP and Redis: one listing cold, one refresh per TTL, then memory",
    () =>
      Effect.gen(function*() {
        const port = yield* freePort
        const redis = yield* redisServer(port)
        const api = yield* ModelsApiServer.serve({ models, apiKey: "sk-ant-test-fleet-FAKE" })
        const requests = Effect.map(api.stats, (stats) => stats.requests)
        const fleet = yield* Effect.all([
          processMember(api.url, port),
          processMember(api.url, port),
          processMember(api.url, port)
        ], {
          concurrency: "unbounded"
        })
        const readAll = Effect.all(fleet.map((one) => one.send("read")), { concurrency: "unbounded" })

        const cold = yield* readAll
        assert.strictEqual(yield* requests, 1, "one listing for three cold processes")
        assert.strictEqual(new Set(cold.map((reply) => reply.fetchedAt)).size, 1)

        yield* Effect.sleep("3200 millis")
        yield* readAll
        yield* Effect.sleep("500 millis")
        yield* readAll
        yield* Effect.sleep("300 millis")
        const refreshed = yield* readAll
        assert.strictEqual(yield* requests, 2, "exactly one refresh across the processes after the TTL")
        assert.strictEqual(new Set(refreshed.map((reply) => reply.fetchedAt)).size, 1)
        assert.isTrue(refreshed[0]!.fetchedAt! > cold[0]!.fetchedAt!)

        redis.kill("SIGKILL")
        yield* Effect.sleep("3200 millis")
        yield* readAll
        yield* Effect.sleep("500 millis")
        const alone = yield* readAll
        assert.isTrue(alone.every((reply) => reply.models === 25 && reply.error === undefined))
        assert.strictEqual(yield* requests, 5, "each process listed for itself")
        assert.deepStrictEqual(alone.map((reply) => reply.warnings), [1, 1, 1])
      }),
    { timeout: 90_000 }
  )
})

const Reply = Schema.parseJson(Schema.Struct({
  ready: Schema.optional(Schema.Boolean),
  fetchedAt: Schema.optional(Schema.Number),
  models: Schema.optional(Schema.Number),
  error: Schema.optional(Schema.String),
  warnings: Schema.optional(Schema.Number)
}))
const decodeReply = Schema.decodeUnknown(Reply)

const memberScript = Path.join(Path.dirname(fileURLToPath(import.meta.url)), "catalogRedisMember.ts")

/** A child process running catalogRedisMember.ts through tsx, killed with the scope. */
const processMember = (baseUrl: string, redisPort: number) =>
  Effect.gen(function*() {
    const lines = yield* Queue.unbounded<string>()
    const child = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const child = ChildProcess.spawn(
          process.execPath,
          ["--import", "tsx", memberScript, baseUrl, String(redisPort), "3000"],
          { cwd: Path.dirname(memberScript), stdio: ["pipe", "pipe", "inherit"] }
        )
        Readline.createInterface({ input: child.stdout }).on("line", (line) => Queue.unsafeOffer(lines, line))
        return child
      }),
      (child) => Effect.sync(() => child.kill("SIGKILL"))
    )
    const next = Queue.take(lines).pipe(
      Effect.flatMap(decodeReply),
      Effect.timeoutFail({ duration: "30 seconds", onTimeout: () => new Error("no answer from a fleet process") }),
      Effect.orDie
    )
    const ready = yield* next
    assert.isTrue(ready.ready)
    const send = (command: "read") => Effect.zipRight(Effect.sync(() => child.stdin.write(`${command}\n`)), next)
    return { send }
  })
