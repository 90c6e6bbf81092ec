/**
 * The catalog scenario (issue #14), run by `pnpm bench --only=catalog` or on its own
 * (`pnpm --filter @anthropic-effect/bench exec tsx catalog/run.ts`):
 *
 * - a cached `ModelCatalog.get` beside a `Map` lookup, bare and inside `Effect.sync`,
 *   per operation, in one fiber (target: within 5 µs of the Map);
 * - 1,000 concurrent callers on a cold cache: requests counted at the server (target: 1);
 * - four processes sharing a snapshot over a real redis-server, before and after the
 *   TTL: listings counted at the server (target: 1, then exactly 1 refresh).
 *
 * Against ModelsApiServer on 127.0.0.1, with a fake key; redis-server (Debian's package)
 * is started on a free loopback port without persistence and stopped after.
 */
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"
import * as Path from "node:path"
import * as Readline from "node:readline"
import { fileURLToPath } from "node:url"

const apiKey = "sk-ant-bench-catalog-FAKE"
const here = Path.dirname(fileURLToPath(import.meta.url))
const rounds = 7
const operations = 100_000

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/** Microseconds per operation of `loop`, median of the rounds. */
const perOperation = (loop: Effect.Effect<void, unknown, ModelCatalog.ModelCatalog>) =>
  Effect.gen(function*() {
    const samples: Array<number> = []
    for (let round = 0; round <= rounds; round++) {
      const start = performance.now()
      yield* loop
      const micros = (performance.now() - start) * 1000 / operations
      if (round > 0) samples.push(micros) // the first round warms the JIT
    }
    return median(samples)
  })

const cachedGet = (baseUrl: string) =>
  Effect.gen(function*() {
    const id = "claude-sonnet-4-5-20250929"
    yield* ModelCatalog.get(id) // fills the cache
    const map = new Map((yield* ModelCatalog.all).map((model) => [model.id, model]))
    let found = 0
    const get = yield* perOperation(Effect.gen(function*() {
      for (let i = 0; i < operations; i++) if ((yield* ModelCatalog.get(id)).id === id) found++
    }))
    const sync = yield* perOperation(Effect.gen(function*() {
      for (let i = 0; i < operations; i++) if ((yield* Effect.sync(() => map.get(id)))?.id === id) found++
    }))
    const bare = yield* perOperation(Effect.sync(() => {
      for (let i = 0; i < operations; i++) if (map.get(id)?.id === id) found++
    }))
    if (found !== 3 * operations * (rounds + 1)) throw new Error(`cached get: ${found} lookups found the model`)
    return { get, sync, bare }
  }).pipe(
    Effect.provide(ModelCatalog.layer().pipe(Layer.provide(NodeModels.layer({ apiKey, baseUrl }))))
  )

const coldCallers = (baseUrl: string, requests: Effect.Effect<number>) =>
  Effect.gen(function*() {
    const before = yield* requests
    const start = performance.now()
    const models = yield* Effect.all(
      Array.from({ length: 1000 }, () => ModelCatalog.get("claude-opus-4-5-20251101")),
      { concurrency: "unbounded" }
    )
    const ms = performance.now() - start
    if (models.length !== 1000) throw new Error("cold callers: not every caller got the model")
    return { requests: (yield* requests) - before, ms }
  }).pipe(
    Effect.provide(ModelCatalog.layer().pipe(Layer.provide(NodeModels.layer({ apiKey, baseUrl }))))
  )

interface Member {
  readonly ask: (line: string) => Promise<unknown>
  readonly child: ChildProcess.ChildProcess
}

const member = (baseUrl: string, redisPort: number, ttl: number) =>
  new Promise<Member>((resolve, reject) => {
    const child = ChildProcess.spawn(
      process.execPath,
      ["--import", "tsx", Path.join(here, "member.ts"), baseUrl, String(redisPort), String(ttl)],
      { stdio: ["pipe", "pipe", "inherit"] }
    )
    const replies: Array<(value: unknown) => void> = []
    Readline.createInterface({ input: child.stdout }).on("line", (line) => replies.shift()?.(JSON.parse(line)))
    const timer = setTimeout(() => reject(new Error("a fleet member did not start in 60 s")), 60_000)
    replies.push(() => {
      clearTimeout(timer)
      resolve({
        child,
        ask: (line) =>
          new Promise((answer) => {
            replies.push(answer)
            child.stdin.write(`${line}\n`)
          })
      })
    })
    child.once("error", reject)
  })

const fleet = (baseUrl: string, requests: Effect.Effect<number>) =>
  Effect.acquireUseRelease(
    Effect.tryPromise(async () => {
      const port = await freePort()
      const redis = ChildProcess.spawn("redis-server", [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no"
      ], {
        stdio: "ignore"
      })
      await new Promise((resolve, reject) => {
        redis.once("error", (error) =>
          reject(new Error(`redis-server (apt-get install -y redis-server): ${error.message}`)))
        setTimeout(resolve, 500)
      })
      return { port, redis }
    }),
    ({ port }) =>
      Effect.gen(function*() {
        const ttl = 2000
        const before = yield* requests
        const members = yield* Effect.promise(() =>
          Promise.all([1, 2, 3, 4].map(() => member(baseUrl, port, ttl)))
        )
        // One at a time, so that the later ones find the first one's snapshot in Redis.
        for (const one of members) yield* Effect.promise(() => one.ask("read"))
        const cold = (yield* requests) - before
        yield* Effect.sleep(ttl + 200)
        yield* Effect.promise(() => Promise.all(members.map((one) => one.ask("read"))))
        yield* Effect.sleep(1000) // the one refresh finishes
        yield* Effect.promise(() => Promise.all(members.map((one) => one.ask("read"))))
        const afterTtl = (yield* requests) - before - cold
        // "exit" gets no answer: the member disposes its runtime (closing its Redis client) and exits.
        yield* Effect.promise(() =>
          Promise.all(members.map((one) =>
            new Promise((exited) => {
              one.child.once("exit", exited)
              one.child.stdin?.write("exit\n")
              setTimeout(() => one.child.kill(), 10_000).unref()
            })
          ))
        )
        return { cold, refreshes: afterTtl }
      }),
    ({ redis }) => Effect.sync(() => redis.kill("SIGKILL"))
  )

const main = Effect.gen(function*() {
  const server = yield* ModelsApiServer.serve({ apiKey })
  const requests = Effect.map(server.stats, (stats) => stats.requests)
  const progress = (step: string) => Effect.sync(() => process.stderr.write(`catalog: ${step}\n`))
  yield* progress("cached get")
  const get = yield* cachedGet(server.url)
  yield* progress("1,000 cold callers")
  const cold = yield* coldCallers(server.url, requests)
  yield* progress("4 processes over Redis")
  const shared = yield* fleet(server.url, requests)
  const lines = [
    "| catalog measure | figure | target | met |",
    "| --- | ---: | --- | --- |",
    `| cached \`ModelCatalog.get\`, per call | ${get.get.toFixed(2)} µs | | |`,
    `| \`Effect.sync(() => map.get(id))\`, per call | ${get.sync.toFixed(2)} µs | | |`,
    `| bare \`map.get(id)\`, per call | ${get.bare.toFixed(3)} µs | | |`,
    `| cached get minus bare Map | ${(get.get - get.bare).toFixed(2)} µs | within 5 µs | ${
      get.get - get.bare <= 5 ? "yes" : "no"
    } |`,
    `| 1,000 concurrent callers, cold cache | ${cold.requests} request(s), ${cold.ms.toFixed(0)} ms | 1 request | ${
      cold.requests === 1 ? "yes" : "no"
    } |`,
    `| 4 processes over Redis, cold | ${shared.cold} listing(s) | 1 | ${shared.cold === 1 ? "yes" : "no"} |`,
    `| 4 processes over Redis, after the TTL | ${shared.refreshes} refresh(es) | 1 | ${
      shared.refreshes === 1 ? "yes" : "no"
    } |`
  ]
  console.log(lines.join("\n"))
  return get.get - get.bare <= 5 && cold.requests === 1 && shared.cold === 1 && shared.refreshes === 1
})

const met = await Effect.runPromise(Effect.scoped(main))
process.exitCode = met ? 0 : 1
