/**
 * Turns the bench's TypeScript into plain JavaScript before anything is
 * measured, so no figure includes a transpiler. Only this workspace's
 * packages (published as TypeScript source here) are bundled in; everything
 * from npm stays external and is loaded from node_modules at run time, as it
 * would be in a user's application.
 */
import * as esbuild from "esbuild"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

export const benchDir = Path.dirname(fileURLToPath(import.meta.url))

/** A scratch directory that resolves npm packages from the bench's node_modules. */
export const makeWorkDir = (): string => {
  const dir = Fs.mkdtempSync(Path.join(Os.tmpdir(), "anthropic-effect-bench-"))
  Fs.symlinkSync(Path.join(benchDir, "node_modules"), Path.join(dir, "node_modules"), "dir")
  return dir
}

const npmExternal: esbuild.Plugin = {
  name: "npm-external",
  setup(build) {
    build.onResolve(
      { filter: /^[^./]/ },
      (args) => args.path.startsWith("@anthropic-effect/") ? undefined : { path: args.path, external: true }
    )
  }
}

export interface Built {
  /** Output file of each entry, by entry name. */
  readonly files: Readonly<Record<string, string>>
  /** The npm modules each output imports, by entry name. */
  readonly externals: Readonly<Record<string, ReadonlyArray<string>>>
}

export const buildNode = async (
  outdir: string,
  entries: Readonly<Record<string, string>>,
  options: { readonly bundleNpm?: boolean } = {}
): Promise<Built> => {
  const result = await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, Path.join(benchDir, file)])),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir,
    outExtension: { ".js": ".mjs" },
    plugins: options.bundleNpm === true ? [] : [npmExternal],
    // Bundled CommonJS dependencies call require(); give ESM output one.
    banner: options.bundleNpm === true
      ? {
        js:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
      }
      : {},
    metafile: true,
    logLevel: "warning"
  })
  const files: Record<string, string> = {}
  const externals: Record<string, Array<string>> = {}
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const entryPoint = meta.entryPoint
    if (entryPoint === undefined) continue
    const name = Object.entries(entries).find(([, file]) => Path.join(benchDir, file) === Path.resolve(entryPoint))?.[0]
    if (name === undefined) continue
    files[name] = Path.resolve(output)
    externals[name] = meta.imports.filter((i) => i.external && !i.path.startsWith("node:")).map((i) => i.path)
  }
  return { files, externals }
}

/**
 * Resolves this workspace's packages to the TypeScript sources of one tree
 * (`<root>/packages/<name>/src/<subpath>.ts`) instead of node_modules, so the
 * same program can be compiled against an old checkout and the current one.
 * Everything else stays external, so both builds share the one installed copy
 * of effect and @effect/platform, as the worker's own code does.
 */
export const workspaceSources = (root: string): esbuild.Plugin => ({
  name: "workspace-sources",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const match = /^@anthropic-effect\/([^/]+)(?:\/(.+))?$/.exec(args.path)
      if (match === null) return { path: args.path, external: true }
      const [, name, subpath = "index"] = match
      const file = Path.join(root, "packages", name, "src", `${subpath}.ts`)
      if (!Fs.existsSync(file)) {
        return { errors: [{ text: `${args.path}: no ${Path.relative(root, file)} in ${root}` }] }
      }
      return { path: file }
    })
  }
})

const sourcesOptions = (root: string): esbuild.BuildOptions => ({
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [workspaceSources(root)],
  logLevel: "silent"
})

/**
 * Bundles `contents` (an ES module, imports resolved from the bench) against
 * the packages of `root` into `outfile`. A namespace import of a name the
 * tree lacks is only a warning to esbuild, but it would make that peer fail
 * at run time or, worse, skip work, so any warning stops the build.
 */
export const buildFromSources = async (root: string, contents: string, outfile: string): Promise<void> => {
  const result = await esbuild.build({
    ...sourcesOptions(root),
    stdin: { contents, resolveDir: benchDir, loader: "ts", sourcefile: `${Path.basename(outfile)} entry` },
    outfile
  })
  if (result.warnings.length > 0) {
    const messages = await esbuild.formatMessages(result.warnings, { kind: "warning" })
    throw new Error(`bundling against ${root}:\n${messages.join("\n")}`)
  }
}

/** The names `file` exports once its imports are followed, compiled against the packages of `root`. */
export const exportsOf = async (root: string, file: string): Promise<ReadonlyArray<string>> => {
  const result = await esbuild.build({ ...sourcesOptions(root), entryPoints: [file], write: false, metafile: true })
  return Object.values(result.metafile.outputs).flatMap((output) =>
    output.entryPoint === undefined ? [] : output.exports
  )
}

export interface BrowserBundle {
  readonly bytes: number
  readonly gzipBytes: number
}

export const buildBrowser = async (file: string): Promise<Uint8Array> => {
  const result = await esbuild.build({
    entryPoints: [Path.join(benchDir, file)],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "warning"
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`no output for ${file}`)
  return output.contents
}
