/**
 * Core's page decoder (internal to core, reached by path), answering as
 * scenario 1c expects of a plain decoder: the page, or `undefined` when it
 * refused. Effect 4 gives a `Result`, which 1c cannot tell from a page.
 */
import { decodePage as decodeResult } from "@anthropic-effect/core/internal/decode"
import * as Result from "effect/Result"

export const decodePage = (json: unknown): unknown => {
  const result = decodeResult(json)
  return Result.isSuccess(result) ? result.success : undefined
}
