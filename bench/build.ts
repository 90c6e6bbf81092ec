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

/** The Effect 4 edition's workspace, with its own node_modules. */
export const effect4Root = Path.resolve(benchDir, "..", "effect4")

// The effect4 package that depends on both `effect` and `@effect/platform-node`:
// npm imports of the Effect 4 peers resolve from here, never from the bench's
// Effect 3 node_modules.
const effect4Resolver = Path.join(effect4Root, "packages", "platform")

/** Whether the effect4 workspace is installed, so its peers can be built. */
export const effect4Installed = (): boolean =>
  ["effect", "@effect/platform-node"].every((name) =>
    Fs.existsSync(Path.join(effect4Resolver, "node_modules", name, "package.json"))
  )

/** A directory under `parent` whose bare imports load the effect4 workspace's npm packages. */
export const makeEffect4Dir = (parent: string, name: string): string => {
  const dir = Path.join(parent, name)
  Fs.mkdirSync(dir, { recursive: true })
  Fs.symlinkSync(Path.join(effect4Resolver, "node_modules"), Path.join(dir, "node_modules"), "dir")
  return dir
}

const skipRedirect = Symbol("effect4-resolved")

/**
 * Resolves `@anthropic-effect/*` to the Effect 4 edition's sources
 * (`effect4/packages/<name>/src`, protocol from the root's `packages/`) and
 * keeps npm packages external, or, when they are bundled too, resolves the
 * imports of bench files (and generated entries) from the effect4 workspace.
 */
const effect4Sources = (bundleNpm: boolean): esbuild.Plugin => ({
  name: "effect4-sources",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === skipRedirect) return undefined
      const match = /^@anthropic-effect\/([^/]+)(?:\/(.+))?$/.exec(args.path)
      if (match !== null) {
        const [, name, subpath = "index"] = match
        const root = name === "protocol" ? Path.resolve(benchDir, "..") : effect4Root
        const file = Path.join(root, "packages", name, "src", `${subpath}.ts`)
        return Fs.existsSync(file) ? { path: file } : { errors: [{ text: `${args.path}: no ${file}` }] }
      }
      if (!bundleNpm) return { path: args.path, external: true }
      // The edition's own files and its dependencies resolve from where they are.
      if (Fs.realpathSync(args.importer).startsWith(effect4Root)) return undefined
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: effect4Resolver,
        pluginData: skipRedirect
      })
      return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path }
    })
  }
})

/**
 * Compiles entries (absolute paths) against the Effect 4 edition into
 * `outdir`, which must resolve the effect4 workspace's npm packages
 * (`makeEffect4Dir`). Any warning stops the build, as in `buildFromSources`:
 * a missing export would make a peer fail or skip work at run time.
 */
export const buildEffect4 = async (
  outdir: string,
  entries: Readonly<Record<string, string>>,
  options: { readonly bundleNpm?: boolean; readonly browser?: boolean } = {}
): Promise<Built & { readonly contents: Readonly<Record<string, Uint8Array>> }> => {
  const browser = options.browser === true
  const bundleNpm = browser || options.bundleNpm === true
  const result = await esbuild.build({
    entryPoints: entries,
    bundle: true,
    platform: browser ? "browser" : "node",
    format: "esm",
    target: browser ? "es2022" : "node22",
    minify: browser,
    write: !browser,
    outdir,
    outExtension: { ".js": ".mjs" },
    plugins: [effect4Sources(bundleNpm)],
    banner: bundleNpm && !browser
      ? {
        js:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
      }
      : {},
    metafile: true,
    logLevel: "silent"
  })
  if (result.warnings.length > 0) {
    const messages = await esbuild.formatMessages(result.warnings, { kind: "warning" })
    throw new Error(`bundling against effect4:\n${messages.join("\n")}`)
  }
  const files: Record<string, string> = {}
  const externals: Record<string, Array<string>> = {}
  const contents: Record<string, Uint8Array> = {}
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    const entryPoint = meta.entryPoint
    if (entryPoint === undefined) continue
    const name = Object.entries(entries).find(([, file]) => Path.resolve(file) === Path.resolve(entryPoint))?.[0]
    if (name === undefined) continue
    files[name] = Path.resolve(output)
    externals[name] = meta.imports.filter((i) => i.external && !i.path.startsWith("node:")).map((i) => i.path)
    const written = result.outputFiles?.find((file) => file.path === Path.resolve(output))
    if (written !== undefined) contents[name] = written.contents
  }
  return { files, externals, contents }
}
