#!/usr/bin/env node
// `pnpm check:packages` (Effect 3 edition, the root workspace) and, from effect4/,
// `pnpm check:packages` (Effect 4 edition: `node ../scripts/check-packages.mjs effect4`):
// packs every published package of the edition the way `pnpm publish` would (pnpm applies
// `publishConfig` and rewrites `workspace:`/`catalog:` ranges), then checks each tarball with
//   - publint (any error, warning or suggestion fails),
//   - attw, "Are the Types Wrong?" (node10, node16 from CJS, node16 from ESM and bundler
//     must all be green: the default "strict" profile),
//   - our own rules: exports and bins point into dist/ and exist in the tarball, every
//     public module of src/ is exported, "./internal/*" is closed (null), no workspace:/catalog:
//     range is left; LICENSE (MIT) and README.md are in the tarball; repository (with its
//     directory), bugs and homepage point at the GitHub repository; the edition's version
//     line and dist-tag (Effect 3: 0.x under `effect3`, Effect 4: 1.x under `latest`, the
//     shared protocol package under `latest`); every @anthropic-effect/* range is met by the
//     version of that package in this repository (protocol: packages/protocol, for both
//     editions); the `effect` peer names the edition's major.
//   Applications (the CLI, @anthropic-effect/cli) are installed to be run, not imported
//   next to a user's own Effect: effect and the @effect/* packages are dependencies (the
//   `effect` one names the edition's major), there is no effect peer, and they publish
//   under `latest` (npx and `npm install -g` take that tag) on the edition's version line.
// Run the edition's `pnpm build` first. Prints every check of every package; exits non-zero
// if any package has a problem. With PACK_DIR set, the checked tarballs are also left there
// (the Effect 4 ones in $PACK_DIR/effect4), so the smoke tests (scripts/smoke/run.sh,
// scripts/smoke/effect4/run.sh) install exactly these instead of packing again.
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const editions = {
  effect3: { dir: "packages", effectMajor: 3, major: 0, tag: "effect3", packDir: "" },
  effect4: { dir: "effect4/packages", effectMajor: 4, major: 1, tag: "latest", packDir: "effect4" }
}
const editionName = process.argv[2] ?? "effect3"
const edition = editions[editionName]
if (edition === undefined) {
  console.error(`usage: check-packages.mjs [${Object.keys(editions).join("|")}]`)
  process.exit(2)
}
// The one protocol package both editions depend on, published from the root workspace.
const protocolDir = path.join(root, "packages", "protocol")
// Published programs rather than libraries (see the header for their rules).
const applications = new Set(["@anthropic-effect/cli"])
const repositoryUrl = "https://github.com/anthropic-effect/anthropic-effect"
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

const readManifest = (dir) => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"))
const packages = fs.readdirSync(path.join(root, edition.dir))
  .map((name) => path.join(root, edition.dir, name))
  .filter((dir) => fs.existsSync(path.join(dir, "package.json")))
  .filter((dir) => !readManifest(dir).private)

// The versions our ranges must meet: this edition's packages, and the shared protocol.
const ourVersions = new Map([protocolDir, ...packages].map((dir) => {
  const { name, version } = readManifest(dir)
  return [name, version]
}))
// The range forms our manifests use (^, ~, exact), with npm's meaning of ^ below 1.0.0.
const satisfies = (range, version) => {
  const match = /^([\^~]?)(\d+)\.(\d+)\.(\d+)$/.exec(range)
  const have = /^(\d+)\.(\d+)\.(\d+)$/.exec(version)
  if (!match || !have) return false
  const [, op, ...wantParts] = match
  const [a, b, c] = wantParts.map(Number)
  const [x, y, z] = have.slice(1).map(Number)
  const atLeast = x > a || (x === a && (y > b || (y === b && z >= c)))
  if (!atLeast) return false
  if (op === "") return x === a && y === b && z === c
  if (op === "~") return x === a && y === b
  return a > 0 ? x === a : b > 0 ? x === 0 && y === b : x === 0 && y === 0 && z === c
}

const packDir = process.env.PACK_DIR ? path.join(process.env.PACK_DIR, edition.packDir) : undefined
if (packDir) fs.mkdirSync(packDir, { recursive: true })
console.log(`check:packages (${editionName}): ${packages.map((dir) => path.relative(root, dir)).join(", ")}`)

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
    if (packDir) fs.copyFileSync(tarball, path.join(packDir, tarballs[0]))

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
    const application = applications.has(packed.name)
    for (const name of ["effect", "@effect/platform", "@effect/platform-node"]) {
      if (application) {
        if (packed.peerDependencies?.[name]) problems.push(`${name} must be a dependency of an application, not a peer`)
      } else if (packed.dependencies?.[name]) problems.push(`${name} must be a peer dependency, not a dependency`)
    }
    if (application && Object.keys(packed.bin ?? {}).length === 0) problems.push("an application without a bin")

    // Files every tarball carries.
    const license = path.join(pkgDir, "LICENSE")
    if (!fs.existsSync(license)) problems.push("LICENSE is not in the tarball")
    else if (!/^MIT License/.test(fs.readFileSync(license, "utf8"))) problems.push("LICENSE is not the MIT license")
    if (packed.license !== "MIT") problems.push(`license is ${packed.license}, not MIT`)
    if (!fs.existsSync(path.join(pkgDir, "README.md"))) problems.push("README.md is not in the tarball")

    // Where the package comes from: the GitHub repository, its directory, its issues.
    const directory = path.relative(root, dir).split(path.sep).join("/")
    if (
      packed.repository?.type !== "git" || packed.repository?.url !== `git+${repositoryUrl}.git` ||
      packed.repository?.directory !== directory
    ) {
      problems.push(`repository must be { type: "git", url: "git+${repositoryUrl}.git", directory: "${directory}" }`)
    }
    if (packed.bugs?.url !== `${repositoryUrl}/issues`) problems.push(`bugs.url must be ${repositoryUrl}/issues`)
    if (packed.homepage !== `${repositoryUrl}/tree/main/${directory}#readme`) {
      problems.push(`homepage must be ${repositoryUrl}/tree/main/${directory}#readme, is ${packed.homepage}`)
    }

    // The edition's version line and dist-tag (npm publish takes the tag from publishConfig
    // unless --tag is given). The protocol package is shared by both editions: 0.x, latest.
    const shared = packed.name === "@anthropic-effect/protocol"
    const major = Number(packed.version.split(".")[0])
    const wantMajor = shared ? 0 : edition.major
    const wantTag = shared || application ? "latest" : edition.tag
    if (major !== wantMajor) problems.push(`version ${packed.version} is not ${wantMajor}.x`)
    if ((packed.publishConfig?.tag ?? "latest") !== wantTag) {
      problems.push(`publishConfig.tag is ${packed.publishConfig?.tag ?? "(none: latest)"}, not ${wantTag}`)
    }

    // Our own packages: every range is met by the version this repository publishes.
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
      for (const [name, range] of Object.entries(packed[field] ?? {})) {
        if (!name.startsWith("@anthropic-effect/")) continue
        const version = ourVersions.get(name)
        if (version === undefined) problems.push(`${field}.${name}: no such package in ${edition.dir}`)
        else if (!satisfies(range, version)) {
          problems.push(`${field}.${name}@${range} does not match ${name}@${version} of this repository`)
        }
      }
    }
    // The peers name the edition's Effect major, so installing next to the other major fails
    // with an ERESOLVE that names this package (scripts/smoke checks the message).
    const effectField = application ? "dependencies" : "peerDependencies"
    const effectRange = packed[effectField]?.effect
    if (!shared) {
      if (effectRange === undefined) problems.push(`no ${application ? "dependency" : "peer dependency"} on effect`)
      else if (Number(/^[\^~]?(\d+)\./.exec(effectRange)?.[1]) !== edition.effectMajor) {
        problems.push(`${effectField}.effect@${effectRange} is not effect ${edition.effectMajor}`)
      }
    }
    if (edition.effectMajor === 4) {
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        if (packed[field]?.["@effect/platform"]) problems.push(`${field}.@effect/platform: Effect 4 has it in effect`)
      }
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
  console.error(`\ncheck:packages (${editionName}) failed`)
  process.exit(1)
}
console.log(`\ncheck:packages (${editionName}): ${packages.length} packages clean`)
