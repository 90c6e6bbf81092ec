/**
 * undici or Node's own fetch under `@anthropic-effect/platform/node`: the
 * figures behind `layerHttpClient`'s choice (see the package README).
 *
 * - cold: a fresh `node` process imports the layers and lists one page of
 *   1000 models (median of RUNS runs, per transport, interleaved);
 * - warm: in one process, 100 pages of 1000 models streamed over one layer,
 *   and 100 requests of one 20-model page (the API's default limit, where a
 *   request's fixed cost shows); median of ROUNDS rounds after a warm-up round.
 *
 * Against a node:http server on 127.0.0.1 serving pre-serialized pages. The
 * child is a bundle of this workspace's code with `effect` and `@effect/*`
 * left to node_modules, so it loads them as an application would. From
 * effect4/packages/platform (RUNS and ROUNDS default to 15 and 5):
 *   node_modules/.bin/esbuild test/bench/transports.ts test/bench/cold.ts --bundle \
 *     --platform=node --format=esm --outdir=build/bench --external:effect --external:@effect/*
 *   RUNS=21 ROUNDS=9 sh ../../scripts/node22.sh build/bench/transports.js
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeModels from "@anthropic-effect/platform/node"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { execFile } from "node:child_process"
import * as Http from "node:http"
import * as Path from "node:path"
import { performance } from "node:perf_hooks"
import * as Url from "node:url"

const RUNS = Number(process.env.RUNS ?? 15)
const ROUNDS = Number(process.env.ROUNDS ?? 5)
const PAGES = 100
const PER_PAGE = 1000

const models = synthetic(PAGES * PER_PAGE)
const pages = new Map<string, string>()
for (let i = 0; i < PAGES; i++) {
  const data = models.slice(i * PER_PAGE, (i + 1) * PER_PAGE)
  pages.set(
    i === 0 ? "" : models[i * PER_PAGE - 1]!.id,
    JSON.stringify({
      data,
      first_id: data[0]!.id,
      last_id: data[data.length - 1]!.id,
      has_more: i < PAGES - 1
    })
  )
}

const smallPage = JSON.stringify({
  data: models.slice(0, 20),
  first_id: models[0]!.id,
  last_id: models[19]!.id,
  has_more: true
})

const server = Http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1")
  const body = url.searchParams.get("limit") === "20"
    ? smallPage
    : pages.get(url.searchParams.get("after_id") ?? "")
  if (body === undefined) {
    res.writeHead(404, { "content-type": "application/json" })
    res.end("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no such page\"}}")
    return
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
  res.end(body)
})

const modelsOver = (httpClient: Layer.Layer<HttpClient.HttpClient>, url: string) =>
  Models.layer.pipe(
    Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-bench-FAKE", baseUrl: url, maxRetries: 0 })),
    Layer.provide(httpClient)
  )

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`

const main = async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
  const cold = Path.join(Path.dirname(Url.fileURLToPath(import.meta.url)), "cold.js")
  const transports = ["undici", "fetch"] as const
  console.log(`node ${process.version}, ${RUNS} cold runs and ${ROUNDS} warm rounds per transport`)

  type Sample = { wall: Array<number>; inProcess: Array<number>; imports: Array<number>; cpu: Array<number> }
  const coldRuns: Record<string, Sample> = {
    undici: { wall: [], inProcess: [], imports: [], cpu: [] },
    fetch: { wall: [], inProcess: [], imports: [], cpu: [] }
  }
  // A fresh process per run, the transports interleaved so drift in the
  // machine's load hits both. Spawned asynchronously: the server answering the
  // child lives in this process.
  const runChild = (transport: string) =>
    new Promise<{ wall: number; line: string }>((resolve, reject) => {
      const started = performance.now()
      execFile(process.execPath, [cold, transport, url], (error, stdout) => {
        if (error) reject(error)
        else resolve({ wall: performance.now() - started, line: stdout })
      })
    })
  for (let run = 0; run < RUNS; run++) {
    for (const transport of transports) {
      const { line, wall } = await runChild(transport)
      const result = JSON.parse(line) as { models: number; imported: number; done: number; cpuMillis: number }
      if (result.models !== PER_PAGE) throw new Error(`cold ${transport}: ${result.models} models`)
      coldRuns[transport]!.wall.push(wall)
      coldRuns[transport]!.inProcess.push(result.done)
      coldRuns[transport]!.imports.push(result.imported)
      coldRuns[transport]!.cpu.push(result.cpuMillis)
    }
  }
  for (const transport of transports) {
    const r = coldRuns[transport]!
    console.log(
      `cold ${transport.padEnd(6)}: process wall ${fmt(median(r.wall))}, start -> page ${fmt(median(r.inProcess))}` +
        ` (imports ${fmt(median(r.imports))}, first request incl. layer ${
          fmt(median(r.inProcess) - median(r.imports))
        })` +
        `, child CPU ${fmt(median(r.cpu))}`
    )
  }

  // Warm: one runtime per transport, built once; rounds alternate between them.
  const runtimes = {
    undici: ManagedRuntime.make(modelsOver(NodeModels.layerHttpClientUndici, url)),
    fetch: ManagedRuntime.make(modelsOver(NodeModels.layerHttpClientFetch, url))
  }
  const bigRound = Effect.gen(function*() {
    const count = yield* Models.stream({ limit: PER_PAGE, prefetch: 1 }).pipe(Stream.runCount)
    if (count !== PAGES * PER_PAGE) return yield* Effect.die(`${count} models`)
  })
  const smallRound = Effect.gen(function*() {
    for (let i = 0; i < PAGES; i++) {
      const page = yield* Models.list({ limit: 20 })
      if (page.data.length !== 20) return yield* Effect.die(`${page.data.length} models`)
    }
  })
  for (
    const [what, round] of [
      [`${PAGES} pages of ${PER_PAGE} (stream)`, bigRound],
      [`${PAGES} requests of list({ limit: 20 })`, smallRound]
    ] as const
  ) {
    const samples: Record<string, { wall: Array<number>; cpu: Array<number> }> = {
      undici: { wall: [], cpu: [] },
      fetch: { wall: [], cpu: [] }
    }
    for (const transport of transports) await runtimes[transport].runPromise(round)
    for (let i = 0; i < ROUNDS; i++) {
      for (const transport of transports) {
        const cpu = process.cpuUsage()
        const started = performance.now()
        await runtimes[transport].runPromise(round)
        samples[transport]!.wall.push(performance.now() - started)
        const used = process.cpuUsage(cpu)
        samples[transport]!.cpu.push((used.user + used.system) / 1000)
      }
    }
    for (const transport of transports) {
      const { cpu, wall } = samples[transport]!
      console.log(
        `warm ${transport.padEnd(6)}: ${what}: ${fmt(median(wall))} (median; min ${fmt(Math.min(...wall))}, ` +
          `max ${fmt(Math.max(...wall))}), CPU ${fmt(median(cpu))} (client and server)`
      )
    }
  }
  for (const transport of transports) await runtimes[transport].dispose()
  server.close()
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
