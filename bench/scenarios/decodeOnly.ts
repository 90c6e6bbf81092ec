/**
 * Scenario 1c, in memory, no HTTP: what validating a page costs next to
 * parsing it. Twenty distinct page bodies are parsed and decoded in turn, so
 * no decoder sees the same objects twice in a row.
 *
 * The page decoder is internal to core (and may move), so the worker never
 * imports it by path: `ours` takes core's public `decodePage` when there is
 * one, else the current tree's decoder that `run.ts` bundles apart; with
 * `--baseline` the decoders of both trees come in the same way.
 */
import * as ModelInfo from "@anthropic-effect/core/ModelInfo"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { pageJson } from "../catalogue.js"
import { type Bundle, type Decode, decoderOf, loadDecoder } from "../peers/bundled.js"
import type { Row } from "../stats.js"
import { interleave, type Variant } from "./interleaved.js"

export interface DecodeOnlyArgs {
  readonly pages: number
  readonly rounds: number
  /** The current tree's decoder, bundled apart: `ours` when core has no public `decodePage`. */
  readonly currentDecoder?: string | undefined
  /** Extra rows, such as `ours@<commit>` and `ours@HEAD` from `--baseline`. */
  readonly bundled?: ReadonlyArray<Bundle> | undefined
  /** The Effect 4 peers module, whose `decodePage` is that edition's core decoder (row `ours e4`). */
  readonly effect4?: string | undefined
}

const schemaDecode = Schema.decodeUnknownEither(ModelInfo.ModelsPage)

// An Effect edition answers with an Either; a plain-TypeScript decoder with the page, or undefined when it gives up.
const decoded = (result: unknown): boolean => Either.isEither(result) ? Either.isRight(result) : result !== undefined

export const decodeOnly = async (args: DecodeOnlyArgs): Promise<Array<Row>> => {
  const bodies = Array.from({ length: args.pages }, (_, i) => pageJson(i * 1000, (i + 1) * 1000, true))
  const run = (decode: Decode) => async () => {
    let count = 0
    for (const body of bodies) if (decoded(decode(JSON.parse(body)))) count++
    return count
  }
  const variant = (peer: string, decode: Decode): Variant => ({ peer, run: run(decode), expect: args.pages })
  const publicDecoder = decoderOf(ModelInfo)
  const ours = publicDecoder ??
    (args.currentDecoder === undefined ? undefined : await loadDecoder(args.currentDecoder))
  if (ours === undefined) {
    process.stderr.write("1c: no decodePage in core's API nor a bundle; the ours row is left out\n")
  }
  const bundled: Array<Variant> = []
  for (const bundle of args.bundled ?? []) {
    const decode = await loadDecoder(bundle.file)
    if (decode === undefined) process.stderr.write(`1c: ${bundle.file} has no decodePage; ${bundle.peer} is left out\n`)
    else bundled.push(variant(bundle.peer, decode))
  }
  const effect4 = args.effect4 === undefined ? undefined : await loadDecoder(args.effect4)
  if (args.effect4 !== undefined && effect4 === undefined) process.stderr.write("1c: no Effect 4 decodePage\n")
  const rows = await interleave(
    "1c. parse + validate one page, in memory",
    "ms",
    [
      variant("limit", Either.right),
      variant("ours, Schema.decodeUnknownEither", schemaDecode),
      ...(ours === undefined ? [] : [variant("ours", ours)]),
      ...(effect4 === undefined ? [] : [variant("ours e4", effect4)]),
      ...bundled
    ],
    args.rounds,
    { measure: (ms) => ms / args.pages }
  )
  const oursNote = publicDecoder === undefined ? "the current tree's decodePage, bundled apart" : "core's decodePage"
  return rows.map((row) => ({
    ...row,
    note: row.peer === "limit"
      ? "JSON.parse only"
      : `JSON.parse, then decode${
        row.peer === "ours" ? ` (${oursNote})` : row.peer === "ours e4" ? " (effect4 core's decodePage)" : ""
      }`
  }))
}
