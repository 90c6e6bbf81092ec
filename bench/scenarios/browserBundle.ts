/**
 * Scenario 7: "stream every model" bundled for a browser with esbuild
 * (minified, tree-shaken), raw and gzipped at level 9. Deterministic, so one
 * build each.
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

export const browserBundle = async (): Promise<Array<Row>> => {
  const rows: Array<Row> = []
  for (const [peer, file] of Object.entries(entries)) {
    const contents = await buildBrowser(file)
    const gzip = Zlib.gzipSync(contents, { level: 9 }).byteLength
    rows.push({
      scenario: "7. browser bundle (min + gzip)",
      peer,
      unit: "KB",
      samples: [gzip / 1024],
      note: "one deterministic build",
      extra: { minifiedBytes: contents.byteLength, gzipBytes: gzip }
    })
  }
  return rows
}
