/**
 * Scenario 6: a fresh `node` process per run. Workspace code is compiled to
 * JavaScript first (see build.ts), npm packages load from node_modules, so the
 * figure is what a Node application pays to import and make its first call.
 * A second set bundles everything into one file, as a serverless deploy would.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { buildNode } from "../build.js"
import type { Effect4Cold } from "../effect4.js"
import { runNode } from "../processes.js"
import { median, type Row } from "../stats.js"

interface Timings {
  readonly startMs: number
  readonly importMs: number
  readonly importCpuMs: number
  readonly listMs: number
  readonly totalMs: number
  readonly models: number
}

const isTimings = (value: unknown): value is Timings =>
  typeof value === "object" && value !== null && "importMs" in value && typeof value.importMs === "number" &&
  "importCpuMs" in value && typeof value.importCpuMs === "number" && "totalMs" in value &&
  typeof value.totalMs === "number"

interface ColdVariant {
  readonly scenario: "import" | "import + list one page"
  readonly peer: string
  readonly library: string
  readonly list: boolean
}

export interface ColdStartResult {
  readonly rows: Array<Row>
  readonly derived: {
    readonly effectModules: ReadonlyArray<string>
    readonly oursImportMs: number
    readonly effectDeepImportMs: number
    readonly effectBarrelImportMs: number
    /**
     * What our own code adds to importing the Effect modules it needs: the
     * median difference over back-to-back pairs of runs, wall clock and CPU.
     */
    readonly oursAddsMs: number
    readonly oursAddsCpuMs: number
    readonly pairs: number
    /** What importing those modules through barrels would cost on top of deep paths. */
    readonly barrelPenaltyMs: number
  }
}

export const coldStart = async (
  workDir: string,
  baseUrl: string,
  rounds: number,
  pairs: number,
  log: (line: string) => void,
  node: string,
  effect4?: Effect4Cold | undefined
): Promise<ColdStartResult> => {
  const outdir = Path.join(workDir, "cold")
  const built = await buildNode(outdir, {
    runner: "cold/runner.ts",
    ours: "cold/ours.ts",
    official: "cold/official.ts",
    limit: "cold/limit.ts",
    effectAi: "cold/effectAi.ts",
    effectBarrel: "cold/effectBarrel.ts"
  })
  const bundled = await buildNode(Path.join(workDir, "cold-bundled"), {
    ours: "cold/ours.ts",
    official: "cold/official.ts"
  }, { bundleNpm: true })

  // Exactly the npm modules our compiled code imports: the baseline it is charged against.
  const effectModules = [...new Set(built.externals.ours ?? [])]
  const effectDeep = Path.join(outdir, "effectDeep.mjs")
  Fs.writeFileSync(effectDeep, effectModules.map((module) => `import ${JSON.stringify(module)}\n`).join(""))
  const empty = Path.join(outdir, "empty.mjs")
  Fs.writeFileSync(empty, "export {}\n")

  const file = (files: Readonly<Record<string, string>>, name: string): string => {
    const found = files[name]
    if (found === undefined) throw new Error(`cold start: ${name} was not built`)
    return found
  }
  const variants: ReadonlyArray<ColdVariant> = [
    { scenario: "import", peer: "node (nothing)", library: empty, list: false },
    { scenario: "import", peer: "effect modules, deep paths", library: effectDeep, list: false },
    { scenario: "import", peer: "effect modules, barrels", library: file(built.files, "effectBarrel"), list: false },
    { scenario: "import", peer: "official", library: file(built.files, "official"), list: false },
    { scenario: "import", peer: "effect-ai", library: file(built.files, "effectAi"), list: false },
    { scenario: "import", peer: "ours", library: file(built.files, "ours"), list: false },
    { scenario: "import + list one page", peer: "limit", library: file(built.files, "limit"), list: true },
    { scenario: "import + list one page", peer: "official", library: file(built.files, "official"), list: true },
    { scenario: "import + list one page", peer: "effect-ai", library: file(built.files, "effectAi"), list: true },
    { scenario: "import + list one page", peer: "ours", library: file(built.files, "ours"), list: true },
    {
      scenario: "import + list one page",
      peer: "official, one-file bundle",
      library: file(bundled.files, "official"),
      list: true
    },
    {
      scenario: "import + list one page",
      peer: "ours, one-file bundle",
      library: file(bundled.files, "ours"),
      list: true
    },
    // The Effect 4 edition, each library compiled against the effect4 workspace.
    ...(effect4 === undefined ? [] : [
      { scenario: "import", peer: "effect4 modules, deep paths", library: effect4.effectModules, list: false },
      ...effect4.libraries.map(({ file, peer }): ColdVariant => ({
        scenario: "import",
        peer,
        library: file,
        list: false
      })),
      ...effect4.libraries.map(({ file, peer }): ColdVariant => ({
        scenario: "import + list one page",
        peer,
        library: file,
        list: true
      })),
      ...effect4.bundled.map(({ file, peer }): ColdVariant => ({
        scenario: "import + list one page",
        peer: `${peer}, one-file bundle`,
        library: file,
        list: true
      }))
    ] satisfies ReadonlyArray<ColdVariant>)
  ]
  const runner = file(built.files, "runner")
  const run = async (
    library: string,
    list: boolean
  ): Promise<{ readonly timings: Timings; readonly wallMs: number }> => {
    const finished = await runNode([runner, library, list ? baseUrl : ""], outdir, node)
    const timings: unknown = JSON.parse(finished.stdout)
    if (finished.code !== 0 || !isTimings(timings)) throw new Error(`cold start ${library}: ${finished.stdout}`)
    if (list && timings.models !== 20) throw new Error(`cold start ${library}: ${timings.models} models`)
    return { timings, wallMs: finished.wallMs }
  }
  const samples = variants.map((): { total: Array<number>; imports: Array<number>; wall: Array<number> } => ({
    total: [],
    imports: [],
    wall: []
  }))
  // One round to fill the file cache, then rounds interleaved across variants.
  for (let round = 0; round <= rounds; round++) {
    log(`  cold start round ${round}/${rounds}`)
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[i]
      const { timings, wallMs } = await run(variant.library, variant.list)
      if (round === 0) continue
      samples[i].total.push(timings.totalMs)
      samples[i].imports.push(timings.importMs)
      samples[i].wall.push(wallMs)
    }
  }
  const rows = variants.map((variant, i): Row => ({
    scenario: `6. cold start: ${variant.scenario}`,
    peer: variant.peer,
    unit: "ms",
    samples: variant.list ? samples[i].total : samples[i].imports,
    note: variant.list ? "from process start to the page in hand" : "dynamic import() of the library",
    extra: { wallMsToExit: samples[i].wall, importMs: samples[i].imports }
  }))
  const importOf = (peer: string) =>
    median(samples[variants.findIndex((v) => v.scenario === "import" && v.peer === peer)].imports)

  // The 50 ms question needs a finer instrument than the rounds above: our
  // library and its Effect modules alone, back to back, many times, compared
  // pair by pair so that drift on a shared machine cancels out.
  log(`  cold start: ${pairs} back-to-back pairs, ours against its Effect modules`)
  const ours = file(built.files, "ours")
  const wallDifferences: Array<number> = []
  const cpuDifferences: Array<number> = []
  for (let pair = 0; pair < pairs; pair++) {
    const oursFirst = pair % 2 === 0
    const first = await run(oursFirst ? ours : effectDeep, false)
    const second = await run(oursFirst ? effectDeep : ours, false)
    const [withOurs, without] = oursFirst ? [first, second] : [second, first]
    wallDifferences.push(withOurs.timings.importMs - without.timings.importMs)
    cpuDifferences.push(withOurs.timings.importCpuMs - without.timings.importCpuMs)
  }
  rows.push({
    scenario: "6. cold start: import, ours minus its Effect modules",
    peer: "ours",
    unit: "ms",
    samples: wallDifferences,
    note: "paired runs, wall clock",
    extra: { cpuDifferences }
  })
  const oursImportMs = importOf("ours")
  const effectDeepImportMs = importOf("effect modules, deep paths")
  const effectBarrelImportMs = importOf("effect modules, barrels")
  return {
    rows,
    derived: {
      effectModules: [...new Set(effectModules)],
      oursImportMs,
      effectDeepImportMs,
      effectBarrelImportMs,
      oursAddsMs: median(wallDifferences),
      oursAddsCpuMs: median(cpuDifferences),
      pairs,
      barrelPenaltyMs: effectBarrelImportMs - effectDeepImportMs
    }
  }
}
