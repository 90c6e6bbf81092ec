/**
 * Scenario 8: the CLI's cold start. A fresh `node` process per run, from spawn
 * to exit, for `anthropic-models list --format json` against the loopback
 * server, next to the official SDK doing the same job in a five-line script
 * (Anthropic's own `ant` CLI is a Go binary that the npm registry does not
 * carry, so it cannot be installed here) and next to a node that runs nothing.
 * The CLI is compiled to JavaScript first, so no figure includes a transpiler:
 * the workspace packages are bundled in, npm packages load from
 * packages/cli/node_modules (the output is written under packages/cli/build/
 * for that), as they would from an installed @anthropic-effect/cli.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { benchDir, buildNode } from "../build.js"
import { runNode } from "../processes.js"
import { median, type Row } from "../stats.js"

interface Variant {
  readonly peer: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  /** Whether stdout must be the JSON listing. */
  readonly lists: boolean
}

export interface CliColdStartResult {
  readonly rows: Array<Row>
  readonly derived: {
    /** Median wall time to exit, by peer. */
    readonly medianMs: Readonly<Record<string, number>>
    /** The CLI's median over the official script's. */
    readonly cliOverOfficial: number
  }
}

// The official SDK doing what `anthropic-models list --format json` does: every model, as JSON.
const officialScript = `import Anthropic from "@anthropic-ai/sdk"
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, baseURL: process.env.ANTHROPIC_BASE_URL })
const models = []
for await (const model of client.models.list({ limit: 1000 })) models.push(model)
console.log(JSON.stringify(models, null, 2))
`

/**
 * Runs the scenario: `baseUrl` is the loopback server's (`baseUrlFor(port, size)`),
 * `models` the size of its catalogue, `rounds` the measured rounds after one warm-up.
 */
export const cliColdStart = async (
  workDir: string,
  baseUrl: string,
  models: number,
  rounds: number,
  log: (line: string) => void,
  node: string = process.execPath
): Promise<CliColdStartResult> => {
  const cliDir = Path.resolve(benchDir, "..", "packages", "cli")
  const outdir = Path.join(cliDir, "build", "bench-cold")
  const built = await buildNode(outdir, { cli: Path.relative(benchDir, Path.join(cliDir, "src", "bin.ts")) })
  const cli = built.files.cli
  if (cli === undefined) throw new Error("cli cold start: the CLI was not built")

  const dir = Path.join(workDir, "cli-cold")
  Fs.mkdirSync(dir, { recursive: true })
  const official = Path.join(dir, "official.mjs")
  Fs.writeFileSync(official, officialScript)
  const empty = Path.join(dir, "empty.mjs")
  Fs.writeFileSync(empty, "export {}\n")
  const cacheDir = Path.join(dir, "cache")

  const variants: ReadonlyArray<Variant> = [
    { peer: "node (nothing)", args: [empty], cwd: dir, lists: false },
    { peer: "official SDK, 5-line script", args: [official], cwd: dir, lists: true },
    {
      peer: "anthropic-models --no-cache list --format json",
      args: [cli, "--no-cache", "list", "--format", "json"],
      cwd: cliDir,
      lists: true
    },
    // The snapshot from the run before is fresh: no request at all.
    {
      peer: "anthropic-models list --format json, cached",
      args: [cli, "list", "--format", "json"],
      cwd: cliDir,
      lists: true
    }
  ]
  const env = {
    ...process.env,
    ANTHROPIC_API_KEY: "sk-ant-bench-fake",
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_MODELS_CACHE_DIR: cacheDir
  }
  const previous = { ...process.env }
  Object.assign(process.env, env)
  const samples = variants.map((): Array<number> => [])
  try {
    for (let round = 0; round <= rounds; round++) {
      log(`  cli cold start round ${round}/${rounds}`)
      for (let i = 0; i < variants.length; i++) {
        const variant = variants[i]!
        const finished = await runNode(variant.args, variant.cwd, node)
        if (finished.code !== 0) throw new Error(`cli cold start ${variant.peer}: exit ${finished.code}`)
        if (variant.lists) {
          const listed: unknown = JSON.parse(finished.stdout)
          if (!Array.isArray(listed) || listed.length !== models) {
            throw new Error(`cli cold start ${variant.peer}: ${Array.isArray(listed) ? listed.length : "no"} models`)
          }
        }
        if (round > 0) samples[i]!.push(finished.wallMs)
      }
    }
  } finally {
    for (const key of Object.keys(env)) {
      if (previous[key] === undefined) delete process.env[key]
      else process.env[key] = previous[key]
    }
    Fs.rmSync(cacheDir, { recursive: true, force: true })
  }
  const rows = variants.map((variant, i): Row => ({
    scenario: "8. CLI cold start: list --format json",
    peer: variant.peer,
    unit: "ms",
    samples: samples[i]!,
    note: "from spawn to exit, JSON of every model on stdout"
  }))
  const medianMs = Object.fromEntries(variants.map((variant, i) => [variant.peer, median(samples[i]!)]))
  return {
    rows,
    derived: {
      medianMs,
      cliOverOfficial: median(samples[2]!) / median(samples[1]!)
    }
  }
}
