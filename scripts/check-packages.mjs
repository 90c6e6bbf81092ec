#!/usr/bin/env node
// `pnpm check:packages`: packs every published package the way `pnpm publish` would
// (pnpm applies `publishConfig` and rewrites `workspace:`/`catalog:` ranges), then checks
// each tarball with
//   - publint (any error, warning or suggestion fails),
//   - attw, "Are the Types Wrong?" (node10, node16 from CJS, node16 from ESM and bundler
//     must all be green: the default "strict" profile),
//   - our own rules: exports and bins point into dist/ and exist in the tarball, every
//     public module of src/ is exported, "./internal/*" is closed (null), no workspace:/catalog:
//     range is left.
// Run `pnpm build` first. Prints every check of every package; exits non-zero if any
// package has a problem. With PACK_DIR set, the checked tarballs are also left there, so
// the smoke test (scripts/smoke/run.sh) installs exactly these instead of packing again.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
// Under `pnpm check:packages`, npm_execpath is the running pnpm; otherwise the pinned one.
const pnpmCommand = /pnpm/.test(process.env.npm_execpath ?? "")
  ? `"${process.execPath}" "${process.env.npm_execpath}"`
  : "npx -y pnpm@10.34.8"
const attw = path.join(root, "node_modules", ".bin", "attw")
const publint = path.join(root, "node_modules", ".bin", "publint")

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { encoding: "utf8", ...options })
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` }
}

const packages = fs.readdirSync(path.join(root, "packages"))
  .map((name) => path.join(root, "packages", name))
  .filter((dir) => fs.existsSync(path.join(dir, "package.json")))
  .filter((dir) => !JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).private)

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "check-packages-"))
let failed = false
try {
  for (const dir of packages) {
    const started = Date.now()
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
    const problems = []
    console.log(`\n=== ${manifest.name}`)
    if (!fs.existsSync(path.join(dir, "dist", "esm"))) {
      console.error(`${path.relative(root, dir)}/dist is missing: run \`pnpm build\` first`)
      process.exit(1)
    }

    // Pack with pnpm, as publishing does.
    const dest = path.join(tmp, path.basename(dir))
    fs.mkdirSync(dest)
    const pack = run("sh", ["-c", `${pnpmCommand} pack --pack-destination "${dest}"`], { cwd: dir })
    const tarballs = fs.readdirSync(dest).filter((file) => file.endsWith(".tgz"))
    if (pack.status !== 0 || tarballs.length !== 1) {
      console.error(pack.output)
      process.exit(1)
    }
    const tarball = path.join(dest, tarballs[0])
    console.log(`packed ${tarballs[0]} (${(fs.statSync(tarball).size / 1024).toFixed(1)} KiB)`)
    if (process.env.PACK_DIR) fs.copyFileSync(tarball, path.join(process.env.PACK_DIR, tarballs[0]))

    // publint: zero messages at every level.
    const lint = run(publint, ["run", tarball, "--level", "suggestion", "--strict"], {
      env: { ...process.env, NO_COLOR: "1" }
    })
    console.log(`\n--- publint\n${lint.output.trim()}`)
    if (lint.status !== 0 || !/All good!/.test(lint.output)) problems.push("publint reported messages")

    // attw on the tarball, strict profile (node10, node16 CJS, node16 ESM, bundler).
    const types = run(attw, [tarball, "--format", "table", "--no-color"])
    console.log(`\n--- attw\n${types.output.trim()}`)
    if (types.status !== 0 || !/No problems found/.test(types.output)) problems.push("attw reported problems")

    // Our rules, on the packed package.json.
    const unpacked = path.join(dest, "unpacked")
    fs.mkdirSync(unpacked)
    const untar = run("tar", ["xzf", tarball, "-C", unpacked])
    if (untar.status !== 0) throw new Error(untar.output)
    const pkgDir = path.join(unpacked, "package")
    const packed = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"))
    const targets = []
    const collect = (value, where) => {
      if (typeof value === "string") targets.push([where, value])
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) collect(inner, `${where}.${key}`)
      }
    }
    for (const field of ["main", "module", "types", "exports", "bin", "typesVersions"]) {
      collect(packed[field], field)
    }
    for (const [where, target] of targets) {
      if (target === "./package.json") continue
      if (!target.startsWith("./dist/")) problems.push(`${where} points outside dist/: ${target}`)
      else if (!fs.existsSync(path.join(pkgDir, target))) problems.push(`${where}: ${target} is not in the tarball`)
    }
    for (const [name, target] of Object.entries(packed.bin ?? {})) {
      const file = path.join(pkgDir, target)
      if (fs.existsSync(file)) {
        if (!fs.readFileSync(file, "utf8").startsWith("#!/usr/bin/env node")) {
          problems.push(`bin ${name} has no shebang`)
        }
        if ((fs.statSync(file).mode & 0o111) === 0) problems.push(`bin ${name} is not executable`)
      }
    }
    const binModules = Object.values(packed.bin ?? {}).map((target) =>
      fs.readFileSync(path.join(pkgDir, target), "utf8").match(/import "\.\.\/esm\/(.+)\.js"/)?.[1]
    )
    const modules = fs.readdirSync(path.join(dir, "src"))
      .filter((file) => file.endsWith(".ts"))
      .map((file) => file.slice(0, -3))
      .filter((module) => !binModules.includes(module))
      .map((module) => (module === "index" ? "." : `./${module}`))
    // `"./internal/*": null` closes the private modules, as in Effect's packages.
    if (packed.exports?.["./internal/*"] !== null) problems.push(`publishConfig.exports lacks "./internal/*": null`)
    const exported = Object.keys(packed.exports ?? {}).filter((key) =>
      key !== "./package.json" && key !== "./internal/*"
    )
    for (const module of modules) {
      if (!exported.includes(module)) problems.push(`src module ${module} is not in publishConfig.exports`)
    }
    for (const key of exported) {
      if (!modules.includes(key)) problems.push(`publishConfig.exports has ${key}, which is no module of src/`)
    }
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [name, range] of Object.entries(packed[field] ?? {})) {
        if (/^(workspace|catalog):/.test(range)) problems.push(`${field}.${name} is still ${range}`)
      }
    }
    for (const name of ["effect", "@effect/platform", "@effect/platform-node"]) {
      if (packed.dependencies?.[name]) problems.push(`${name} must be a peer dependency, not a dependency`)
    }

    console.log(`\n--- package.json rules\n${problems.length === 0 ? "ok" : problems.map((p) => `- ${p}`).join("\n")}`)
    console.log(
      `${manifest.name}: ${problems.length === 0 ? "clean" : "PROBLEMS"} (${
        ((Date.now() - started) / 1000).toFixed(1)
      }s)`
    )
    if (problems.length > 0) failed = true
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}
if (failed) {
  console.error("\ncheck:packages failed")
  process.exit(1)
}
console.log(`\ncheck:packages: ${packages.length} packages clean`)
