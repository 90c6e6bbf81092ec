/**
 * Scenario 1c, in memory, no HTTP: what validating a page costs next to
 * parsing it. Twenty distinct page bodies are parsed and decoded in turn, so
 * no decoder sees the same objects twice in a row.
 */
import { decodePage } from "@anthropic-effect/core/internal/decode"
import { ModelsPage } from "@anthropic-effect/core/ModelInfo"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { pageJson } from "../catalogue.js"
import type { Row } from "../stats.js"
import { interleave } from "./interleaved.js"

export interface DecodeOnlyArgs {
  readonly pages: number
  readonly rounds: number
}

const schemaDecode = Schema.decodeUnknownEither(ModelsPage)

export const decodeOnly = async (args: DecodeOnlyArgs): Promise<Array<Row>> => {
  const bodies = Array.from({ length: args.pages }, (_, i) => pageJson(i * 1000, (i + 1) * 1000, true))
  const run = (decode: (json: unknown) => Either.Either<unknown, unknown>) => async () => {
    let decoded = 0
    for (const body of bodies) if (Either.isRight(decode(JSON.parse(body)))) decoded++
    return decoded
  }
  const rows = await interleave(
    "1c. parse + validate one page, in memory",
    "ms",
    [
      { peer: "limit", run: run(Either.right), expect: args.pages },
      { peer: "ours, Schema.decodeUnknownEither", run: run(schemaDecode), expect: args.pages },
      { peer: "ours", run: run(decodePage), expect: args.pages }
    ],
    args.rounds,
    { measure: (ms) => ms / args.pages }
  )
  return rows.map((row) => ({ ...row, note: row.peer === "limit" ? "JSON.parse only" : "JSON.parse, then decode" }))
}
