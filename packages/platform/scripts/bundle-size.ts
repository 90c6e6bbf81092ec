/**
 * Browser bundle size of "stream all models" with this library and with the
 * official `@anthropic-ai/sdk` (esbuild, minify, platform browser, ESM, es2022),
 * raw and gzipped. Fails if a Node built-in reaches either bundle of ours.
 *
 *   cd packages/platform && npx tsx scripts/bundle-size.ts
 */
import { gzipSync } from "node:zlib"
import { bundle, nodeBuiltinImports } from "./internal/esbuild.js"

interface Entry {
  readonly label: string
  readonly entry: string
  /** Built-ins are an error only in our own bundles; the SDK's are reported. */
  readonly ours: boolean
}

const entries: ReadonlyArray<Entry> = [
  { label: "@anthropic-effect/platform/browser", entry: "scripts/bundle-size/effect.ts", ours: true },
  // The runtime acceptance page is checked for built-ins where it is built, in runtimes.ts.
  { label: "@anthropic-ai/sdk", entry: "scripts/bundle-size/sdk.ts", ours: false }
]

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const main = async () => {
  const rows: Array<ReadonlyArray<string>> = [["bundle (stream all models)", "min bytes", "gzip bytes", "min", "gzip"]]
  const problems: Array<string> = []
  for (const { entry, label, ours } of entries) {
    const built = await bundle({ entry, platform: "browser", minify: true })
    const gzip = gzipSync(built.code, { level: 9 }).byteLength
    rows.push([label, String(built.code.byteLength), String(gzip), kib(built.code.byteLength), kib(gzip)])
    const builtins = nodeBuiltinImports(built.metafile)
    if (builtins.length > 0) {
      const message = `${label}: Node built-ins in the browser bundle: ${builtins.join(", ")}`
      if (ours) problems.push(message)
      else console.log(`note: ${message}`)
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  for (const row of rows) {
    console.log(
      row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join("  ")
    )
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
