/**
 * Builds the Effect 4 edition's peers for a run: the worker's peers module,
 * the cold-start libraries and the browser bundle, each compiled against the
 * effect4 workspace (`buildEffect4`). When `@anthropic-effect/platform/node`
 * exists in effect4, its `layer` is one more peer, `ours e4 /node`, and the
 * one the targets are checked on; until then, core's layers over undici.
 * The explicit undici and fetch peers run in every case, so both transports
 * are measured side by side.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { benchDir, buildEffect4, effect4Installed, effect4Root, makeEffect4Dir } from "./build.js"

const here = (file: string): string => JSON.stringify(Path.join(benchDir, file))

export const platformNodeSource = Path.join(effect4Root, "packages", "platform", "src", "node.ts")

const nodePeerName = "ours e4 /node"
const undiciPeerName = "ours e4 undici"

/** The generated entries that use `@anthropic-effect/platform/node`. */
const nodeEntries = {
  peers: [
    `import * as NodeModels from "@anthropic-effect/platform/node"`,
    `import { makePeer } from ${here("effect4/peer.ts")}`,
    `import { apiKey } from ${here("peers/peer.ts")}`,
    `import { peers as transports } from ${here("effect4/transports.ts")}`,
    `export { decodePage } from ${here("effect4/transports.ts")}`,
    `export const peers = [makePeer(${
      JSON.stringify(nodePeerName)
    }, (baseUrl) => NodeModels.layer({ apiKey, baseUrl })), ...transports]`
  ],
  cold: [
    `import * as Models from "@anthropic-effect/core/Models"`,
    `import * as NodeModels from "@anthropic-effect/platform/node"`,
    `import * as Effect from "effect/Effect"`,
    `export const listOnePage = (baseUrl) => Effect.runPromise(Models.list().pipe(`,
    `  Effect.map((page) => page.data.length),`,
    `  Effect.provide(NodeModels.layer({ apiKey: "sk-ant-bench-fake", baseUrl }))))`
  ]
}

export interface Effect4Peers {
  /** The module exporting `peers` and `decodePage`. */
  readonly file: string
  /** The peer the Effect 4 targets are checked on. */
  readonly primary: string
  /** Whether `@anthropic-effect/platform/node` was used. */
  readonly platformNode: boolean
}

const writeEntry = (dir: string, name: string, lines: ReadonlyArray<string>): string => {
  const file = Path.join(dir, `${name}.ts`)
  Fs.writeFileSync(file, `${lines.join("\n")}\n`)
  return file
}

/** The names of the peers in `Effect4Peers.file`, the primary first (as `transports.ts` names them). */
export const effect4PeerNames = (peers: Effect4Peers): ReadonlyArray<string> => [
  ...new Set([peers.primary, undiciPeerName, "ours e4 fetch", "ours e4 node:http"])
]

/** Whether the edition can be built here; the reason when not. */
export const effect4Unavailable = (): string | undefined =>
  effect4Installed() ? undefined : `the effect4 workspace is not installed (pnpm --dir effect4 install)`

/**
 * The worker's Effect 4 peers. A platform/node that does not build yet (it
 * is being written) is reported and left out rather than failing the run.
 */
export const prepareEffect4Peers = async (workDir: string, log: (line: string) => void): Promise<Effect4Peers> => {
  const dir = makeEffect4Dir(workDir, "effect4")
  if (Fs.existsSync(platformNodeSource)) {
    try {
      const entry = writeEntry(dir, "node-peers-entry", nodeEntries.peers)
      const built = await buildEffect4(dir, { "node-peers": entry })
      const file = built.files["node-peers"]
      if (file !== undefined) return { file, primary: nodePeerName, platformNode: true }
    } catch (error) {
      log(`effect4: @anthropic-effect/platform/node did not build, using core's layers (${String(error)})`)
    }
  }
  const built = await buildEffect4(dir, { peers: Path.join(benchDir, "effect4", "transports.ts") })
  const file = built.files.peers
  if (file === undefined) throw new Error("effect4: the peers module was not built")
  return { file, primary: undiciPeerName, platformNode: false }
}

export interface Effect4Cold {
  /** Import-only and import-and-list libraries, by peer name. */
  readonly libraries: ReadonlyArray<{ readonly peer: string; readonly file: string }>
  /** The primary peer and the fetch one, each bundled into one file with its npm packages. */
  readonly bundled: ReadonlyArray<{ readonly peer: string; readonly file: string }>
  /** A module importing exactly the npm modules the primary peer imports. */
  readonly effectModules: string
  readonly primary: string
}

export const buildEffect4Cold = async (workDir: string, log: (line: string) => void): Promise<Effect4Cold> => {
  const dir = makeEffect4Dir(workDir, "effect4-cold")
  const bundledDir = makeEffect4Dir(workDir, "effect4-cold-bundled")
  const entries: Record<string, string> = {
    [undiciPeerName]: Path.join(benchDir, "effect4", "coldUndici.ts"),
    "ours e4 fetch": Path.join(benchDir, "effect4", "coldFetch.ts"),
    "ours e4 node:http": Path.join(benchDir, "effect4", "coldNodeHttp.ts")
  }
  let primary = undiciPeerName
  if (Fs.existsSync(platformNodeSource)) {
    const entry = writeEntry(dir, "cold-node-entry", nodeEntries.cold)
    try {
      await buildEffect4(Path.join(dir, "probe"), { probe: entry })
      entries[nodePeerName] = entry
      primary = nodePeerName
    } catch (error) {
      log(`effect4 cold start: @anthropic-effect/platform/node did not build (${String(error)})`)
    }
  }
  const names = Object.keys(entries)
  // esbuild names outputs after the entry keys; peer names have spaces and slashes.
  const keyed = Object.fromEntries(names.map((name, i) => [`lib${i}`, entries[name]]))
  const built = await buildEffect4(dir, keyed)
  const bundledNames = [primary, "ours e4 fetch"]
  const bundledKeyed = Object.fromEntries(bundledNames.map((name, i) => [`lib${i}`, entries[name]]))
  const bundled = await buildEffect4(bundledDir, bundledKeyed, { bundleNpm: true })
  const fileOf = (files: Readonly<Record<string, string>>, key: string): string => {
    const file = files[key]
    if (file === undefined) throw new Error(`effect4 cold start: ${key} was not built`)
    return file
  }
  const primaryKey = `lib${names.indexOf(primary)}`
  const effectModules = Path.join(dir, "effect4Deep.mjs")
  Fs.writeFileSync(
    effectModules,
    [...new Set(built.externals[primaryKey] ?? [])].map((module) => `import ${JSON.stringify(module)}\n`).join("")
  )
  return {
    libraries: names.map((peer, i) => ({ peer, file: fileOf(built.files, `lib${i}`) })),
    bundled: bundledNames.map((peer, i) => ({ peer, file: fileOf(bundled.files, `lib${i}`) })),
    effectModules,
    primary
  }
}

/** The browser bundle of "stream every model", minified. */
export const buildEffect4Browser = async (workDir: string): Promise<Uint8Array> => {
  const dir = makeEffect4Dir(workDir, "effect4-browser")
  const built = await buildEffect4(dir, { browser: Path.join(benchDir, "effect4", "browser.ts") }, { browser: true })
  const contents = built.contents.browser
  if (contents === undefined) throw new Error("effect4: no browser bundle")
  return contents
}
