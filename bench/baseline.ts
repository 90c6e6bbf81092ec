/**
 * `--baseline=<commit>`: the project's client at that commit, next to the
 * current one, in the same run. The old packages come out of git into the
 * work directory (the working tree is never touched), and the peer program
 * of `peers/ours.ts` is bundled twice the same way: once against those
 * sources, once against the current ones. Both bundles load the same
 * installed effect and @effect/platform, so the code of this project is the
 * only difference between them.
 */
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { benchDir, buildFromSources, exportsOf } from "./build.js"
import type { Bundle } from "./peers/bundled.js"

export const workspaceRoot = Path.resolve(benchDir, "..")

/** The tree's label in the tables: the working tree is "HEAD" even with uncommitted changes, which `Baseline` records. */
export const currentLabel = "ours@HEAD"

export interface Baseline {
  readonly commit: string
  readonly short: string
  /** The peer's name in the tables. */
  readonly peer: string
  readonly head: string
  /** Whether the "HEAD" side carried uncommitted changes to packages/. */
  readonly headDirty: boolean
  readonly decodeEntries: { readonly baseline: string; readonly current: string }
  readonly bundles: { readonly baseline: Bundle; readonly current: Bundle }
}

const git = (args: ReadonlyArray<string>): string =>
  ChildProcess.execFileSync("git", ["-C", workspaceRoot, ...args], { encoding: "utf8" }).trim()

// In this order: where the restructuring may put the page decoder, then where it was.
const decodeCandidates = ["core/src/ModelInfo.ts", "protocol/src/Decode.ts", "core/src/internal/decode.ts"]

/** The first module of the tree at `root` that exports `decodePage`. */
export const findDecodeEntry = async (root: string): Promise<string> => {
  for (const candidate of decodeCandidates) {
    const file = Path.join(root, "packages", candidate)
    if (Fs.existsSync(file) && (await exportsOf(root, file)).includes("decodePage")) return file
  }
  throw new Error(`no decodePage in ${decodeCandidates.map((c) => `packages/${c}`).join(", ")} under ${root}`)
}

const peerProgram = Path.join(benchDir, "peers", "ours.ts")

/** The peer and the page decoder in one module, so both share one copy of that tree's code. */
const buildSide = async (root: string, decodeEntry: string, outfile: string): Promise<void> =>
  buildFromSources(
    root,
    `export { peer } from ${JSON.stringify(peerProgram)}\nexport { decodePage } from ${JSON.stringify(decodeEntry)}\n`,
    outfile
  )

/**
 * The current tree's decoder alone, compiled apart from the `ours@HEAD`
 * bundle: 1c's `ours` row when core does not export `decodePage`, and then,
 * next to `ours@HEAD`, a second copy of the same code that shows how far two
 * builds of one tree differ in this run.
 */
export const buildCurrentDecoder = async (workDir: string): Promise<string> => {
  const outfile = Path.join(workDir, "decode-current.mjs")
  const entry = await findDecodeEntry(workspaceRoot)
  await buildFromSources(workspaceRoot, `export { decodePage } from ${JSON.stringify(entry)}\n`, outfile)
  return outfile
}

export const prepareBaseline = async (commit: string, workDir: string): Promise<Baseline> => {
  let full: string
  try {
    full = git(["rev-parse", "--verify", "--quiet", `${commit}^{commit}`])
  } catch {
    throw new Error(`--baseline=${commit}: not a commit of ${workspaceRoot}`)
  }
  const short = git(["rev-parse", "--short=7", full])
  const tree = Path.join(workDir, `baseline-${short}`)
  Fs.mkdirSync(tree, { recursive: true })
  // The packages' tsconfig files extend the root's, which esbuild reads too.
  const archive = ChildProcess.execFileSync("git", [
    "-C",
    workspaceRoot,
    "archive",
    "--format=tar",
    full,
    "packages",
    "tsconfig.base.json"
  ], { maxBuffer: 1024 ** 3 })
  ChildProcess.execFileSync("tar", ["-x", "-C", tree], { input: archive })
  const decodeEntries = {
    baseline: await findDecodeEntry(tree),
    current: await findDecodeEntry(workspaceRoot)
  }
  const peer = `ours@${short}`
  const bundles = {
    baseline: { peer, file: Path.join(workDir, `ours-${short}.mjs`) },
    current: { peer: currentLabel, file: Path.join(workDir, "ours-HEAD.mjs") }
  }
  await buildSide(tree, decodeEntries.baseline, bundles.baseline.file)
  await buildSide(workspaceRoot, decodeEntries.current, bundles.current.file)
  return {
    commit: full,
    short,
    peer,
    head: git(["rev-parse", "HEAD"]),
    headDirty: git(["status", "--porcelain", "--", "packages"]).length > 0,
    decodeEntries: {
      baseline: Path.relative(tree, decodeEntries.baseline),
      current: Path.relative(workspaceRoot, decodeEntries.current)
    },
    bundles
  }
}
