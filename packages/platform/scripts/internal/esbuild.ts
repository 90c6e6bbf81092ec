/**
 * esbuild helpers shared by `runtimes.ts` (bundles for Deno and the browser
 * page) and `bundle-size.ts`.
 */
import * as esbuild from "esbuild"
import { builtinModules } from "node:module"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

/** `packages/platform`, whatever the caller's working directory. */
export const packageDir = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..", "..")

/** The Effect 4 edition's `effect4/packages/platform`, whose programs these scripts also build and run. */
export const effect4PackageDir = Path.resolve(packageDir, "..", "..", "effect4", "packages", "platform")

export interface Bundle {
  /** The bundled JavaScript. */
  readonly code: Uint8Array
  readonly metafile: esbuild.Metafile
}

export interface BundleOptions {
  /** Entry file, relative to `dir`. */
  readonly entry: string
  /**
   * The package the entry belongs to (default `packages/platform`). Imports
   * resolve from the entry's own directory, so an Effect 4 entry gets the
   * Effect 4 workspace's packages.
   */
  readonly dir?: string
  readonly platform: esbuild.Platform
  readonly minify: boolean
}

/**
 * One ESM file with every dependency inlined, kept in memory. `neutral` gets
 * the main fields and conditions a browser build would use, minus the
 * `browser` field, which is what Deno resolves.
 */
export const bundle = async (options: BundleOptions): Promise<Bundle> => {
  const dir = options.dir ?? packageDir
  const result = await esbuild.build({
    entryPoints: [Path.join(dir, options.entry)],
    absWorkingDir: dir,
    bundle: true,
    format: "esm",
    platform: options.platform,
    ...(options.platform === "neutral" ? { mainFields: ["module", "main"] } : {}),
    target: "es2022",
    minify: options.minify,
    // Bundlers replace this in production builds; doing the same keeps the size comparison fair.
    define: { "process.env.NODE_ENV": "\"production\"" },
    metafile: true,
    write: false,
    outfile: "bundle.js",
    logLevel: "silent"
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`esbuild produced no output for ${options.entry}`)
  return { code: output.contents, metafile: result.metafile }
}

const builtins = new Set(builtinModules)

/** `fs`, `fs/promises`, `node:fs`, and esbuild's `(disabled):fs` for a `browser: { fs: false }` mapping. */
const isBuiltin = (specifier: string): boolean => {
  const name = specifier.replace(/^\(disabled\):/, "")
  if (name.startsWith("node:")) return true
  return builtins.has(name) || builtins.has(name.split("/")[0] ?? name)
}

/**
 * Every import of a Node built-in that reached the bundle, as `importer -> specifier`.
 * A browser build that resolved one (as external, or stubbed through a
 * `browser` field) would break or silently change behaviour in a browser.
 */
export const nodeBuiltinImports = (metafile: esbuild.Metafile): ReadonlyArray<string> => {
  const found: Array<string> = []
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (isBuiltin(input)) found.push(`(bundled) ${input}`)
    for (const entry of imports) {
      if (isBuiltin(entry.path) || (entry.original !== undefined && isBuiltin(entry.original))) {
        found.push(`${input} -> ${entry.original ?? entry.path}`)
      }
    }
  }
  for (const [output, { imports }] of Object.entries(metafile.outputs)) {
    for (const entry of imports) if (isBuiltin(entry.path)) found.push(`${output} -> ${entry.path}`)
  }
  return found
}
