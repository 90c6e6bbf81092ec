/**
 * `pnpm bench`: builds the harness to plain JavaScript, starts the loopback
 * server in its own process, runs scenarios 1–8 and the catalog scenario, prints
 * one table and writes `bench/results.json`.
 *
 *   pnpm bench                 scenarios 1–8 and catalog (about 15 minutes on 2 cores)
 *   pnpm bench --only=1,3      some scenarios
 *   pnpm bench --extras        also 1b and 5b (each peer alone in its process) and 2b (a busy consumer)
 *   pnpm bench --only=1b,2b,5b just those
 *   pnpm bench --quick         fewer rounds and smaller catalogues, to try the harness
 *   pnpm bench --only=1,1c --baseline=6efbfad
 *                              also ours at that commit and ours of the working tree, both bundled
 *                              the same way, as two more peers of scenarios 1 and 1c (see baseline.ts)
 *   pnpm bench --node=/path/to/node
 *                              measure on that Node instead of effect4's Node 22 (see node.ts);
 *                              below 22.19 the Effect 4 edition is left out
 *
 * Every measured process (server, workers, cold starts) runs on one Node, by
 * default the Node 22 the effect4 workspace installs, so that the Effect 4
 * edition (`ours e4 …`, see effect4.ts) and every other peer are measured
 * side by side on the same runtime.
 */
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { type Baseline, buildCurrentDecoder, currentLabel, prepareBaseline } from "./baseline.js"
import { benchDir, buildNode, effect4Root, makeWorkDir } from "./build.js"
import {
  buildEffect4Browser,
  buildEffect4Cold,
  effect4PeerNames,
  type Effect4Peers,
  effect4Unavailable,
  prepareEffect4Peers
} from "./effect4.js"
import { measuringNode } from "./node.js"
import { runNode, startServer } from "./processes.js"
import { ratioTarget, summarise, type Summary, table, type Target, targetsTable } from "./report.js"
import { browserBundle } from "./scenarios/browserBundle.js"
import { cliColdStart, type CliColdStartResult } from "./scenarios/cliColdStart.js"
import { coldStart, type ColdStartResult } from "./scenarios/coldStart.js"
import type { DecodeOnlyArgs } from "./scenarios/decodeOnly.js"
import type { MemoryArgs, MemoryResult } from "./scenarios/memory.js"
import type {
  FirstModelArgs,
  LatencyArgs,
  RetrievesArgs,
  RetrievesOneArgs,
  ThroughputArgs,
  ThroughputBundledArgs,
  ThroughputOneArgs
} from "./scenarios/warm.js"
import { baseUrlFor } from "./server.js"
import { median, type Row } from "./stats.js"

const argv = process.argv.slice(2)
const quick = argv.includes("--quick")
const only = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",")
const extras = argv.includes("--extras")
const baselineCommit = argv.find((arg) => arg.startsWith("--baseline="))?.slice("--baseline=".length)
const node = measuringNode(argv.find((arg) => arg.startsWith("--node="))?.slice("--node=".length))
const wanted = (scenario: number): boolean => only === undefined || only.includes(String(scenario))
// Extras answer questions the targets do not ask; they cost two minutes, so they run on request.
const wantedExtra = (scenario: string): boolean => only === undefined ? extras : only.includes(scenario)

const started = performance.now()
const log = (line: string) =>
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`)

const resultMarker = "RESULT "

const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && "scenario" in value && typeof value.scenario === "string" &&
  "peer" in value && typeof value.peer === "string" && "unit" in value && typeof value.unit === "string" &&
  "samples" in value && Array.isArray(value.samples) && value.samples.every((s) => typeof s === "number")

const isMemoryResult = (value: unknown): value is MemoryResult =>
  typeof value === "object" && value !== null && "peakLiveHeap" in value && typeof value.peakLiveHeap === "number" &&
  "maxRss" in value && typeof value.maxRss === "number" && "pageBytes" in value && typeof value.pageBytes === "number"

const workDir = makeWorkDir()
const built = await buildNode(workDir, { worker: "worker.ts", server: "serverMain.ts" })
const workerFile = built.files.worker
const serverFile = built.files.server
if (workerFile === undefined || serverFile === undefined) throw new Error("the worker or the server was not built")

const baseline: Baseline | undefined = baselineCommit === undefined || !wanted(1)
  ? undefined
  : await prepareBaseline(baselineCommit, workDir).catch((error: unknown) => {
    Fs.rmSync(workDir, { recursive: true, force: true })
    throw error
  })
if (baselineCommit !== undefined && baseline === undefined) log("--baseline: only scenarios 1 and 1c run it")
log(`measuring on Node ${node.version} (${node.path})`)
const effect4Skipped = node.effect4 ? effect4Unavailable() : `Node ${node.version} is older than 22.19`
if (effect4Skipped !== undefined) log(`effect4: left out, ${effect4Skipped}`)
const effect4: Effect4Peers | undefined = effect4Skipped !== undefined ? undefined : await prepareEffect4Peers(
  workDir,
  log
).catch((error: unknown) => {
  Fs.rmSync(workDir, { recursive: true, force: true })
  throw error
})
if (effect4 !== undefined) {
  log(
    `effect4: targets checked on ${effect4.primary}${
      effect4.platformNode ? "" : " (no @anthropic-effect/platform/node yet)"
    }`
  )
}
const effect4File = effect4?.file
if (baseline !== undefined) {
  log(
    `baseline: ${baseline.peer} (${baseline.decodeEntries.baseline}) next to ${currentLabel} (${baseline.decodeEntries.current}${
      baseline.headDirty ? ", with uncommitted changes" : ""
    })`
  )
}

const inWorker = async (scenario: string, args: object): Promise<unknown> => {
  const finished = await runNode(["--expose-gc", workerFile, scenario, JSON.stringify(args)], workDir, node.path)
  const line = finished.stdout.split("\n").find((l) => l.startsWith(resultMarker))
  if (finished.code !== 0 || line === undefined) throw new Error(`${scenario} failed (exit ${finished.code})`)
  const result: unknown = JSON.parse(line.slice(resultMarker.length))
  return result
}

const warmRows = async (scenario: string, args: object): Promise<Array<Row>> => {
  const result = await inWorker(scenario, args)
  if (!Array.isArray(result) || !result.every(isRow)) throw new Error(`${scenario}: unexpected result`)
  return result
}

const mb = (bytes: number) => bytes / (1024 * 1024)

interface MemoryConfig {
  readonly peer: MemoryArgs["peer"]
  readonly prefetch: number
  readonly label: string
}

interface MemorySet {
  readonly title: string
  readonly runs: number
  readonly size: number
  readonly sleepMs: number
  readonly sampleEvery: number
  readonly configs: ReadonlyArray<MemoryConfig>
}

const limitPeer: MemoryConfig = { peer: "limit", prefetch: 0, label: "limit" }
const officialPeer: MemoryConfig = { peer: "official", prefetch: 0, label: "official" }
const oursPeer = (prefetch: number): MemoryConfig => ({
  peer: "ours",
  prefetch,
  label: prefetch === 0 ? "ours" : `ours prefetch ${prefetch}`
})

// The memory target (1 ms per page, a million models), the same at a tenth of
// the size to show the peak does not grow with the catalogue, and a consumer
// slower than the producer, the case where prefetched pages pile up. A
// million-model run takes 20 to 30 s per client, so that set gets three runs
// (its peaks differ by a few per cent from run to run) to keep `pnpm bench`
// near ten minutes; the others get five.
const fastConsumer = (runs: number, size: number, sampleEvery: number): MemorySet => ({
  title: "1 ms per page",
  runs,
  size,
  sleepMs: 1,
  sampleEvery,
  configs: [officialPeer, oursPeer(0), oursPeer(1)]
})
const memorySets = (quick: boolean): ReadonlyArray<MemorySet> => [
  fastConsumer(quick ? 1 : 3, quick ? 100_000 : 1_000_000, 50),
  fastConsumer(quick ? 1 : 5, quick ? 20_000 : 100_000, 25),
  {
    title: "25 ms per page",
    runs: quick ? 1 : 5,
    size: quick ? 20_000 : 30_000,
    sleepMs: 25,
    sampleEvery: 5,
    configs: [limitPeer, oursPeer(0), oursPeer(1), oursPeer(4)]
  }
]

const rows: Array<Row> = []
const memoryRuns: Array<
  { readonly set: MemorySet; readonly config: MemoryConfig; readonly runs: Array<MemoryResult> }
> = []
const load: Array<{ readonly scenario: string; readonly loadAverage: ReadonlyArray<number> }> = []
// Other work on the machine shows up in every figure; the load average beside each scenario says how much there was.
const noteLoad = (scenario: string) =>
  load.push({ scenario, loadAverage: Os.loadavg().map((l) => Number(l.toFixed(2))) })

/** Fetches every page once so the server has them all cached before anything is timed. */
const warmServer = async (size: number) => {
  let afterId: string | null = null
  for (;;) {
    const query: string = afterId === null ? "" : `&after_id=${afterId}`
    const response = await fetch(`${baseUrlFor(server.port, size)}/v1/models?limit=1000${query}`)
    const page: { readonly has_more: boolean; readonly last_id: string | null } = JSON.parse(await response.text())
    if (!page.has_more) return
    afterId = page.last_id
  }
}
let cold: ColdStartResult | undefined
let cliCold: CliColdStartResult | undefined
let catalogTable: string | undefined

const server = await startServer(serverFile, workDir, node.path)
log(`server on 127.0.0.1:${server.port}, work dir ${workDir}`)
try {
  if (wanted(1) || wantedExtra("1b")) {
    const size = quick ? 20_000 : 100_000
    await warmServer(size)
    const args: ThroughputArgs = { port: server.port, size, limit: 1000, rounds: quick ? 2 : 5 }
    if (wanted(1)) {
      noteLoad("1. throughput")
      log("1. throughput, peers interleaved in one process")
      const bundled = baseline === undefined ? [] : [baseline.bundles.baseline, baseline.bundles.current]
      const throughputArgs: ThroughputBundledArgs = { ...args, bundled, effect4: effect4File }
      rows.push(...await warmRows("throughput", throughputArgs))
      log("1c. parse + decode in memory")
      const decode: DecodeOnlyArgs = {
        pages: 20,
        rounds: quick ? 2 : 7,
        currentDecoder: await buildCurrentDecoder(workDir).catch((error: unknown) => {
          log(`1c: the current decoder was not bundled (${String(error)})`)
          return undefined
        }),
        bundled,
        effect4: effect4File
      }
      rows.push(...await warmRows("decode-only", decode))
    }
    if (wantedExtra("1b")) {
      noteLoad("1b. throughput alone")
      for (
        const [peer, prefetch] of [["limit", 0], ["official", 0], ["effect-ai", 0], ["ours", 0], ["ours", 1]] as const
      ) {
        log(`1b. throughput, ${peer}${prefetch > 0 ? ` prefetch ${prefetch}` : ""} alone`)
        const alone: ThroughputOneArgs = { ...args, peer, prefetch }
        rows.push(...await warmRows("throughput-alone", alone))
      }
    }
  }
  for (const work of ["sleep", "cpu"] as const) {
    if (work === "sleep" ? !wanted(2) : !wantedExtra("2b")) continue
    log(`2. pipelining, ${work}`)
    noteLoad(`2. pipelining, ${work}`)
    const args: LatencyArgs = {
      port: server.port,
      // The busy-consumer variant is an extra, so it gets a shorter listing.
      pages: quick ? 10 : work === "sleep" ? 50 : 25,
      limit: 100,
      latencyMs: 20,
      workMs: 20,
      work,
      rounds: quick ? 2 : 5,
      effect4: effect4File
    }
    rows.push(...await warmRows("latency", args))
  }
  if (wanted(3)) {
    log("3. time to first model")
    noteLoad("3. time to first model")
    const args: FirstModelArgs = {
      port: server.port,
      size: 100_000,
      limit: 1000,
      rounds: quick ? 5 : 30,
      effect4: effect4File
    }
    rows.push(...await warmRows("first-model", args))
  }
  if (wanted(4)) {
    const sets = memorySets(quick)
    const runs = Math.max(...sets.map((set) => set.runs))
    for (const set of sets) {
      log(`4. warming the server's cache for ${set.size} models`)
      await warmServer(set.size)
      for (const config of set.configs) memoryRuns.push({ set, config, runs: [] })
    }
    noteLoad("4. memory")
    // Run by run, every configuration in turn, so drift on the machine hits them all alike.
    for (let run = 0; run < runs; run++) {
      for (const entry of memoryRuns) {
        if (run >= entry.set.runs) continue
        log(
          `4. memory, ${entry.set.size} models, ${entry.set.title}, ${entry.config.label}, run ${
            run + 1
          }/${entry.set.runs}`
        )
        const args: MemoryArgs = {
          port: server.port,
          peer: entry.config.peer,
          prefetch: entry.config.prefetch,
          size: entry.set.size,
          limit: 1000,
          sleepMs: entry.set.sleepMs,
          sampleEvery: entry.set.sampleEvery
        }
        const result = await inWorker("memory", args)
        if (!isMemoryResult(result)) throw new Error("memory: unexpected result")
        if (result.models !== entry.set.size) throw new Error(`memory: ${entry.config.label} listed ${result.models}`)
        entry.runs.push(result)
      }
    }
    for (const entry of memoryRuns) {
      const name = `4. memory, ${entry.set.size.toLocaleString("en-US")} models, ${entry.set.title}`
      const extra = {
        pageBytes: entry.runs.map((r) => r.pageBytes),
        peakHeapWithGarbageMB: entry.runs.map((r) => mb(r.peakHeapUsed)),
        baselineHeapMB: entry.runs.map((r) => mb(r.baselineHeap)),
        liveSamplesMB: entry.runs.map((r) => r.liveSamples.map(mb)),
        ms: entry.runs.map((r) => r.ms)
      }
      rows.push({
        scenario: `${name}: peak live heap`,
        peer: entry.config.label,
        unit: "MB",
        samples: entry.runs.map((r) => mb(r.peakLiveHeap)),
        note:
          `above the heap before listing, after a full GC every ${entry.set.sampleEvery} pages, code space excluded`,
        extra
      })
      rows.push({
        scenario: `${name}: peak RSS`,
        peer: entry.config.label,
        unit: "MB",
        samples: entry.runs.map((r) => mb(r.maxRss))
      })
    }
  }
  if (wanted(5) || wantedExtra("5b")) {
    const args: RetrievesArgs = {
      port: server.port,
      size: 100_000,
      count: 1000,
      rounds: quick ? 2 : 7,
      effect4: effect4File
    }
    if (wanted(5)) {
      log("5. concurrent retrieves")
      noteLoad("5. concurrent retrieves")
      rows.push(...await warmRows("retrieves", args))
    }
    if (wantedExtra("5b")) {
      const e4Names = effect4 === undefined ? [] : effect4PeerNames(effect4)
      noteLoad("5b. concurrent retrieves alone")
      for (const peer of ["limit", "official", "effect-ai", "ours", ...e4Names]) {
        log(`5b. concurrent retrieves, ${peer} alone`)
        const alone: RetrievesOneArgs = { ...args, peer }
        rows.push(...await warmRows("retrieves-alone", alone))
      }
    }
  }
  if (wanted(6)) {
    log("6. cold start")
    noteLoad("6. cold start")
    const effect4Cold = effect4 === undefined ? undefined : await buildEffect4Cold(workDir, log)
    cold = await coldStart(
      workDir,
      baseUrlFor(server.port, 1000),
      quick ? 2 : 5,
      quick ? 4 : 12,
      log,
      node.path,
      effect4Cold
    )
    rows.push(...cold.rows)
  }
  if (wanted(7)) {
    log("7. browser bundle")
    rows.push(...await browserBundle(effect4 === undefined ? undefined : () => buildEffect4Browser(workDir)))
  }
  if (wanted(8)) {
    log("8. CLI cold start")
    noteLoad("8. CLI cold start")
    cliCold = await cliColdStart(workDir, baseUrlFor(server.port, 20), 20, quick ? 2 : 5, log, node.path)
    rows.push(...cliCold.rows)
  }
  if (only === undefined || only.includes("catalog")) {
    // Its own servers (a mock and a redis-server) and its own table: counts and microseconds, not peers.
    log("catalog: ModelCatalog (cached get, 1,000 cold callers, four processes over Redis)")
    noteLoad("catalog")
    const finished = ChildProcess.spawnSync(process.execPath, ["--import", "tsx", "catalog/run.ts"], {
      cwd: benchDir,
      encoding: "utf8",
      timeout: 600_000
    })
    catalogTable = finished.stdout.trim()
    if (finished.status !== 0) throw new Error(`catalog scenario failed (exit ${finished.status}): ${finished.stderr}`)
  }
} finally {
  await server.stop()
  Fs.rmSync(workDir, { recursive: true, force: true })
}

const summaries = summarise(rows, baseline?.peer)

const targets: Array<Target> = []
const push = (target: Target | undefined) => {
  if (target !== undefined) targets.push(target)
}
// The same four throughput targets, for the shared process (1) and one process per peer (1b).
const throughputTargets = (prefix: string, name: string) => [
  ratioTarget(summaries, prefix, "ours", "official", 1.0, `${name}: ours ≤ 1.0× official`),
  ratioTarget(summaries, prefix, "ours", "limit", 1.15, `${name}: ours ≤ 1.15× limit`),
  ratioTarget(summaries, prefix, "ours prefetch 1", "official", 0.9, `${name}: ours prefetch 1 ≤ 0.9× official`),
  ratioTarget(summaries, prefix, "ours", "effect-ai", 1.0, `${name}: ours faster than effect-ai`)
]
throughputTargets("1. ", "1. throughput").forEach(push)
push(
  ratioTarget(
    summaries,
    "1. ",
    "ours prefetch 1",
    "effect-ai",
    1.0,
    "1. throughput: ours prefetch 1 faster than effect-ai"
  )
)
if (baseline !== undefined) {
  push(
    ratioTarget(
      summaries,
      "1. ",
      currentLabel,
      baseline.peer,
      1.05,
      `1. throughput: ${currentLabel} ≤ 1.05× ${baseline.peer}`
    )
  )
  push(
    ratioTarget(
      summaries,
      "1c.",
      currentLabel,
      baseline.peer,
      1.05,
      `1c. parse + validate one page: ${currentLabel} ≤ 1.05× ${baseline.peer}`
    )
  )
}
throughputTargets("1b.", "1b. (alone) throughput").forEach(push)
push(
  ratioTarget(summaries, "2. ", "ours prefetch 1", "official", 0.6, "2. pipelining: ours prefetch 1 ≤ 0.6× official")
)
push(ratioTarget(summaries, "2. ", "ours", "official", 1.0, "2. pipelining: ours (no prefetch) ≤ 1.0× official"))
push(
  ratioTarget(
    summaries,
    "2b.",
    "ours prefetch 1",
    "official",
    0.6,
    "2b. busy consumer: ours prefetch 1 ≤ 0.6× official (extra)"
  )
)
push(ratioTarget(summaries, "3.", "ours", "official", 1.1, "3. first model: ours ≤ 1.1× official"))

// The Effect 4 edition's targets (issue 13), on the peer an application would use.
if (effect4 !== undefined) {
  const e4 = effect4.primary
  push(ratioTarget(summaries, "1. ", e4, "official", 1.0, `1. throughput: ${e4} ≤ 1.0× official`))
  push(ratioTarget(summaries, "5. ", e4, "official", 1.2, `5. 1,000 concurrent retrieves: ${e4} ≤ 1.2× official`))
  push(
    ratioTarget(summaries, "5b.", e4, "official", 1.2, `5b. (alone) 1,000 concurrent retrieves: ${e4} ≤ 1.2× official`)
  )
  push(
    ratioTarget(summaries, "6. cold start: import", e4, "ours", 0.6, `6. import: ${e4} ≤ 0.6× ours (Effect 3)`)
  )
  push(
    ratioTarget(
      summaries,
      "6. cold start: import + list one page",
      e4,
      "official",
      1.3,
      `6. import + list one page: ${e4} ≤ 1.3× official`
    )
  )
  push(ratioTarget(summaries, "7. ", "ours e4", "official", 0.7, "7. browser bundle: ours e4 ≤ 0.7× official"))
}

const memoryChecks: Array<Record<string, unknown>> = []
if (memoryRuns.length > 0) {
  const oursPage = median(
    memoryRuns.filter((e) => e.config.peer === "ours").flatMap((e) => e.runs.map((r) => r.pageBytes))
  )
  const peakOf = (entry: (typeof memoryRuns)[number]) => median(entry.runs.map((r) => r.peakLiveHeap))
  for (const entry of memoryRuns.filter((e) => e.config.peer === "ours")) {
    const n = entry.config.prefetch
    const peak = peakOf(entry)
    const pages = peak / oursPage
    const where = `${entry.set.size.toLocaleString("en-US")} models, ${entry.set.title}`
    targets.push({
      target: `4. memory: ${entry.config.label}, ${where}: peak live heap ≤ (${n} + 2) pages`,
      measured: `${pages.toFixed(2)} pages (${mb(peak).toFixed(2)} MB; one decoded page = ${
        mb(oursPage).toFixed(2)
      } MB)`,
      met: pages <= n + 2
    })
    memoryChecks.push({ config: entry.config.label, set: where, peakLiveBytes: peak, pages, oursPageBytes: oursPage })
  }
  // Flat: the same configuration at ten times the catalogue keeps within one more page.
  for (const large of memoryRuns.filter((e) => e.config.peer === "ours" || e.config.peer === "official")) {
    // Labels, not objects: each set builds its own configurations.
    const small = memoryRuns.find((e) =>
      e !== large && e.config.label === large.config.label && e.set.sleepMs === large.set.sleepMs &&
      e.set.size < large.set.size
    )
    if (small === undefined) continue
    const grows = peakOf(large) - peakOf(small)
    targets.push({
      target: `4. memory: ${large.config.label}, flat from ${small.set.size.toLocaleString("en-US")} to ${
        large.set.size.toLocaleString("en-US")
      } models (grows by < 1 page)`,
      measured: `${mb(peakOf(small)).toFixed(2)} MB → ${mb(peakOf(large)).toFixed(2)} MB (${
        (grows / oursPage).toFixed(2)
      } pages)`,
      met: grows < oursPage
    })
  }
}
if (cold !== undefined) {
  targets.push({
    target: "6. cold start: our code adds ≤ 50 ms to importing the Effect modules it needs",
    measured: `${cold.derived.oursAddsMs.toFixed(1)} ms wall, ${
      cold.derived.oursAddsCpuMs.toFixed(1)
    } ms CPU (median of ${cold.derived.pairs} back-to-back pairs)`,
    met: cold.derived.oursAddsMs <= 50
  })
}

const machine = {
  cpus: Os.cpus().length,
  cpuModel: Os.cpus()[0]?.model ?? "unknown",
  memoryGB: Math.round(Os.totalmem() / 1024 ** 3),
  platform: `${Os.platform()} ${Os.release()}`,
  node: node.version,
  nodePath: node.path,
  harnessNode: process.version
}

const versionOf = (name: string, from: string = Path.join(benchDir, "node_modules")): string => {
  try {
    const json: unknown = JSON.parse(Fs.readFileSync(Path.join(from, name, "package.json"), "utf8"))
    return typeof json === "object" && json !== null && "version" in json && typeof json.version === "string"
      ? json.version
      : "unknown"
  } catch {
    return "unknown"
  }
}
const versions = Object.fromEntries(
  ["@anthropic-ai/sdk", "@effect/ai-anthropic", "effect", "@effect/platform", "@effect/platform-node", "esbuild"].map((
    name
  ) => [name, versionOf(name)])
)
const effect4Modules = Path.join(effect4Root, "packages", "platform", "node_modules")
const effect4Versions = effect4 === undefined ? undefined : {
  effect: versionOf("effect", effect4Modules),
  "@effect/platform-node": versionOf("@effect/platform-node", effect4Modules),
  // undici is @effect/platform-node's own dependency, beside it in pnpm's store.
  undici: versionOf(
    "undici",
    Path.resolve(Fs.realpathSync(Path.join(effect4Modules, "@effect", "platform-node")), "..", "..")
  ),
  primary: effect4.primary,
  platformNode: effect4.platformNode
}

const output = {
  generatedAt: new Date().toISOString(),
  command: ["pnpm bench", ...argv].join(" "),
  quick,
  machine,
  versions,
  effect4: effect4Versions,
  durationSeconds: Math.round((performance.now() - started) / 1000),
  baseline: baseline === undefined ? undefined : {
    commit: baseline.commit,
    peer: baseline.peer,
    head: baseline.head,
    headDirty: baseline.headDirty,
    decodeEntries: baseline.decodeEntries
  },
  rows: summaries.map((summary: Summary) => summary),
  targets,
  coldStart: cold?.derived,
  cliColdStart: cliCold?.derived,
  catalog: catalogTable,
  memory: memoryChecks,
  load
}
// Only a full default run replaces results.json, the record BENCHMARKS.md quotes.
const resultsFile = Path.join(
  benchDir,
  quick
    ? "results.quick.json"
    : baseline !== undefined
    ? `results.${(only ?? ["all"]).join("-")}.baseline-${baseline.short}.json`
    : only === undefined
    ? "results.json"
    : `results.${only.join("-")}.json`
)
Fs.writeFileSync(resultsFile, `${JSON.stringify(output, null, 2)}\n`)

process.stdout.write(`\n${table(summaries, baseline?.peer)}\n\n${targetsTable(targets)}\n\n`)
if (catalogTable !== undefined) process.stdout.write(`${catalogTable}\n\n`)
if (baseline !== undefined) {
  process.stdout.write(
    `Baseline: ${baseline.peer} is packages/ at ${baseline.commit}, ${currentLabel} the working tree (HEAD ${
      baseline.head.slice(0, 7)
    }${baseline.headDirty ? " plus uncommitted changes to packages/" : ""}), each bundled apart from the worker ` +
      `the same way; ours is the current tree as without --baseline. Decoders: ` +
      `${baseline.decodeEntries.baseline} and ${baseline.decodeEntries.current}.\n`
  )
}
if (cold !== undefined) {
  process.stdout.write(
    `Cold start: importing the Effect modules ours needs through barrels instead of deep paths costs ${
      cold.derived.barrelPenaltyMs.toFixed(1)
    } ms more (${cold.derived.effectBarrelImportMs.toFixed(1)} vs ${cold.derived.effectDeepImportMs.toFixed(1)} ms).\n`
  )
}
process.stdout.write(
  `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, ${machine.platform}, Node ${machine.node}. ` +
    `Harness on Node ${process.version}. Took ${output.durationSeconds} s. Wrote ${
      Path.relative(process.cwd(), resultsFile)
    }.\n`
)
