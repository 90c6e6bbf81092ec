/**
 * Scenario 7: "stream every model" bundled for a browser with esbuild
 * (minified, tree-shaken), raw and gzipped at level 9. Deterministic, so one
 * build each. The Effect 4 edition is compiled against the effect4 workspace.
 */
import * as Zlib from "node:zlib"
import { buildBrowser } from "../build.js"
import type { Row } from "../stats.js"

const entries = {
  limit: "browser/limit.ts",
  official: "browser/official.ts",
  "effect-ai": "browser/effectAi.ts",
  ours: "browser/ours.ts"
}

const row = (peer: string, contents: Uint8Array): Row => {
  const gzip = Zlib.gzipSync(contents, { level: 9 }).byteLength
  return {
    scenario: "7. browser bundle (min + gzip)",
    peer,
    unit: "KB",
    samples: [gzip / 1024],
    note: "one deterministic build",
    extra: { minifiedBytes: contents.byteLength, gzipBytes: gzip }
  }
}

export const browserBundle = async (effect4?: () => Promise<Uint8Array>): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  for (const [peer, file] of Object.entries(entries)) rows.push(row(peer, await buildBrowser(file)))
  if (effect4 !== undefined) rows.push(row("ours e4", await effect4()))
  return rows
}
