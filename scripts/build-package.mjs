#!/usr/bin/env node
// Builds the package in the current directory into dist/, in the shape its
// `publishConfig` publishes (the workspace itself keeps using the TypeScript
// sources through `exports`):
//
//   dist/esm/**/*.js, *.d.ts   ES modules and their declarations (tsc -b tsconfig.build.json)
//   dist/cjs/**/*.js, *.d.ts   CommonJS (esbuild, one file per source file, no bundling) and
//                              a copy of the declarations, which dist/cjs/package.json
//                              (`"type": "commonjs"`) makes CommonJS declarations
//   dist/bin/<name>.mjs        with `--bin <name>=<module>`: an executable that imports
//                              dist/esm/<module>.js (ESM only), so the published bin needs no tsx
//
// Like the Effect packages, every module stays its own file (no bundle) and the
// sources ship next to dist/ for the source maps and declaration maps.
//
// Usage (from a package directory): node ../../scripts/build-package.mjs [--bin name=module]
//
// The Effect 4 edition (effect4/packages/*) uses the same script, run under Node 22
// (effect4/scripts/build.sh). Its packages have no tsconfig.build.json: the script then
// derives build/tsconfig.build.json from the package's tsconfig.json (same base, src only,
// emitting JavaScript into dist/esm, referencing the builds of the workspace packages it
// depends on, as the Effect 3 tsconfig.build.json files do by hand). TypeScript is the
// package's own workspace's (resolved from the package directory), so each edition
// compiles with the compiler its workspace pins.
import { transform } from "esbuild"
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"

const cwd = process.cwd()
const require = createRequire(path.join(cwd, "package.json"))
const pkg = JSON.parse(fs.readFileSync(path.join(cwd, "package.json"), "utf8"))
const started = Date.now()

const bins = []
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i]
  if (arg === "--bin") {
    const [name, module] = (process.argv[++i] ?? "").split("=")
    if (!name || !module) throw new Error("--bin expects <name>=<module>")
    bins.push({ name, module })
  } else {
    throw new Error(`unknown argument ${arg}`)
  }
}

const dist = path.join(cwd, "dist")
const esm = path.join(dist, "esm")
const cjs = path.join(dist, "cjs")
const src = path.join(cwd, "src")

// 1. Clean, and forget this project's incremental state so that tsc emits again.
fs.rmSync(dist, { recursive: true, force: true })
fs.rmSync(path.join(cwd, "build", "tsconfig.build.tsbuildinfo"), { force: true })

// 2. ESM and declarations with tsc (project references build the dependencies' declarations first).
const buildConfig = fs.existsSync(path.join(cwd, "tsconfig.build.json"))
  ? "tsconfig.build.json"
  : deriveBuildConfig()
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", buildConfig], {
  cwd,
  stdio: "inherit"
})
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

// tsconfig.json (which also covers test/) turned into a build of src/ alone, written to
// build/ (gitignored) with every path made relative to it. A reference to another package
// of the workspace is kept only when that package is a dependency (not one that only the
// tests use), and points at that package's derived build, as tsconfig.build.json files do.
function deriveBuildConfig(dir = cwd) {
  const ts = require("typescript")
  const read = ts.readConfigFile(path.join(dir, "tsconfig.json"), ts.sys.readFile)
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"))
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
  const needed = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }))
  const from = path.join(dir, "build")
  const rel = (file) => path.relative(from, path.resolve(dir, file)).split(path.sep).join("/")
  const references = (read.config.references ?? []).flatMap((reference) => {
    const target = path.resolve(dir, reference.path)
    const targetManifest = path.join(target, "package.json")
    if (!fs.existsSync(targetManifest)) return [{ path: rel(target) }]
    if (!needed.has(JSON.parse(fs.readFileSync(targetManifest, "utf8")).name)) return []
    const build = fs.existsSync(path.join(target, "tsconfig.build.json"))
      ? "tsconfig.build.json"
      : deriveBuildConfig(target)
    return [{ path: rel(path.join(target, build)) }]
  })
  const config = {
    extends: typeof read.config.extends === "string" && read.config.extends.startsWith(".")
      ? rel(read.config.extends)
      : read.config.extends,
    include: [rel("src")],
    compilerOptions: {
      ...read.config.compilerOptions,
      rootDir: rel("src"),
      outDir: rel("dist/esm"),
      tsBuildInfoFile: "./tsconfig.build.tsbuildinfo",
      emitDeclarationOnly: false,
      sourceMap: true
    },
    references
  }
  fs.mkdirSync(from, { recursive: true })
  const file = path.join(from, "tsconfig.build.json")
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
  return path.relative(dir, file)
}

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(file) : [file]
  })

// 3. CommonJS from the same sources, file by file, with source maps to src/.
//    A bin's module is a program, not a library module: it stays ESM only.
const binModules = new Set(bins.map(({ module }) => path.join(src, `${module}.ts`)))
const sources = walk(src).filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !binModules.has(file))
await Promise.all(sources.map(async (file) => {
  const rel = path.relative(src, file)
  const out = path.join(cjs, rel.replace(/\.ts$/, ".js"))
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const result = await transform(fs.readFileSync(file, "utf8"), {
    loader: "ts",
    format: "cjs",
    platform: "node",
    target: "es2022",
    sourcemap: "external",
    sourcesContent: false,
    sourcefile: path.relative(path.dirname(out), file).split(path.sep).join("/"),
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } }
  })
  fs.writeFileSync(out, `${result.code}//# sourceMappingURL=${path.basename(out)}.map\n`)
  fs.writeFileSync(`${out}.map`, result.map)
}))

// 4. The declarations again for require: identical text, CommonJS by the nearest package.json.
for (const file of walk(esm)) {
  const source = path.join(src, path.relative(esm, file).replace(/\.d\.ts(\.map)?$/, ".ts"))
  if ((file.endsWith(".d.ts") || file.endsWith(".d.ts.map")) && !binModules.has(source)) {
    const out = path.join(cjs, path.relative(esm, file))
    fs.mkdirSync(path.dirname(out), { recursive: true })
    fs.copyFileSync(file, out)
  }
}
// `sideEffects` again here: bundlers read the nearest package.json.
fs.writeFileSync(
  path.join(cjs, "package.json"),
  `${JSON.stringify({ type: "commonjs", sideEffects: pkg.sideEffects ?? [] }, null, 2)}\n`
)

// 5. Executables.
for (const { module, name } of bins) {
  const target = path.join(esm, `${module}.js`)
  if (!fs.existsSync(target)) throw new Error(`--bin ${name}: ${path.relative(cwd, target)} was not built`)
  const out = path.join(dist, "bin", `${name}.mjs`)
  const published = pkg.publishConfig?.bin?.[name]
  if (path.normalize(published ?? "") !== path.relative(cwd, out)) {
    throw new Error(`publishConfig.bin["${name}"] must be "./${path.relative(cwd, out)}", is ${published}`)
  }
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, `#!/usr/bin/env node\nimport "../esm/${module}.js"\n`, { mode: 0o755 })
}

console.log(`${pkg.name}: built dist/ (esm, cjs, d.ts) in ${((Date.now() - started) / 1000).toFixed(1)}s`)
