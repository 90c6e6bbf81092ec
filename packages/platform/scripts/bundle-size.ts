/**
 * Browser bundle size of "stream all models" with this library and with the
 * official `@anthropic-ai/sdk` (esbuild, minify, platform browser, ESM, es2022),
 * raw and gzipped. Fails if a Node built-in reaches either bundle of ours.
 *
 *   cd packages/platform && npx tsx scripts/bundle-size.ts [--edition=3|4] [--max-gzip-ratio=R]
 *
 * `--edition=3` (the default) measures `@anthropic-effect/platform/browser` of
 * the Effect 3 edition; `--edition=4` measures the Effect 4 edition's
 * (`effect4/packages/platform/scripts/bundle-size/effect.ts`). Both print the
 * gzipped size as a share of the SDK's; with `--max-gzip-ratio=R` a share
 * above `R` fails the run too (the Effect 4 edition's target is 0.7).
 */
import { gzipSync } from "node:zlib"
import { bundle, effect4PackageDir, nodeBuiltinImports, packageDir } from "./internal/esbuild.js"

interface Entry {
  readonly label: string
  readonly entry: string
  /** The package the entry belongs to, so its imports resolve in that edition's workspace. */
  readonly dir: string
  /** Built-ins are an error only in our own bundles; the SDK's are reported. */
  readonly ours: boolean
}

const sdk: Entry = { label: "@anthropic-ai/sdk", entry: "scripts/bundle-size/sdk.ts", dir: packageDir, ours: false }

const editions: Readonly<Record<string, Entry>> = {
  "3": {
    label: "@anthropic-effect/platform/browser (Effect 3)",
    entry: "scripts/bundle-size/effect.ts",
    dir: packageDir,
    ours: true
  },
  "4": {
    label: "@anthropic-effect/platform/browser (Effect 4)",
    entry: "scripts/bundle-size/effect.ts",
    dir: effect4PackageDir,
    ours: true
  }
}

interface Arguments {
  readonly edition: string
  readonly maxGzipRatio: number | undefined
}

/** `--edition=4` (default 3) and `--max-gzip-ratio=0.7`, each also as two words; undefined for anything else. */
const parseArguments = (args: ReadonlyArray<string>): Arguments | undefined => {
  let edition = "3"
  let maxGzipRatio: number | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg]
    const value = inline ?? args[++i] ?? ""
    if (name === "--edition") {
      edition = value
    } else if (name === "--max-gzip-ratio") {
      maxGzipRatio = Number(value)
      if (!(maxGzipRatio > 0)) return undefined
    } else {
      return undefined
    }
  }
  return { edition, maxGzipRatio }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

interface Measured {
  readonly min: number
  readonly gzip: number
}

const main = async () => {
  const args = parseArguments(process.argv.slice(2))
  const ours = args === undefined ? undefined : editions[args.edition]
  if (args === undefined || ours === undefined) {
    console.log("FAIL usage: bundle-size.ts [--edition=3|4] [--max-gzip-ratio=R]")
    process.exitCode = 2
    return
  }
  // The runtime acceptance page is checked for built-ins where it is built, in runtimes.ts.
  const entries: ReadonlyArray<Entry> = [ours, sdk]
  const rows: Array<ReadonlyArray<string>> = [["bundle (stream all models)", "min bytes", "gzip bytes", "min", "gzip"]]
  const problems: Array<string> = []
  const sizes = new Map<Entry, Measured>()
  for (const entry of entries) {
    const built = await bundle({ entry: entry.entry, dir: entry.dir, platform: "browser", minify: true })
    const gzip = gzipSync(built.code, { level: 9 }).byteLength
    sizes.set(entry, { min: built.code.byteLength, gzip })
    rows.push([entry.label, String(built.code.byteLength), String(gzip), kib(built.code.byteLength), kib(gzip)])
    const builtins = nodeBuiltinImports(built.metafile)
    if (builtins.length > 0) {
      const message = `${entry.label}: Node built-ins in the browser bundle: ${builtins.join(", ")}`
      if (entry.ours) problems.push(message)
      else console.log(`note: ${message}`)
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  for (const row of rows) {
    console.log(
      row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join("  ")
    )
  }
  const oursSize = sizes.get(ours)
  const sdkSize = sizes.get(sdk)
  if (oursSize !== undefined && sdkSize !== undefined) {
    const ratio = oursSize.gzip / sdkSize.gzip
    const { maxGzipRatio } = args
    console.log(
      `gzip: ours ${ratio.toFixed(3)}× @anthropic-ai/sdk's` +
        (maxGzipRatio === undefined ? "" : ` (at most ${maxGzipRatio}× allowed)`)
    )
    if (maxGzipRatio !== undefined && ratio > maxGzipRatio) {
      problems.push(`${ours.label}: gzip ${ratio.toFixed(3)}× the SDK's, over ${maxGzipRatio}×`)
    }
  }
  if (problems.length > 0) {
    for (const problem of problems) console.log(`FAIL ${problem}`)
    process.exitCode = 1
  } else {
    console.log("no Node built-ins in our browser bundles")
  }
}

main().catch((error: unknown) => {
  console.log(`FAIL ${String(error)}`)
  process.exitCode = 1
})
