import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** Why a body could not be read in full. */
export type BodyFailure =
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Transport"; readonly cause: unknown }

const utf8 = new TextDecoder()

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/**
 * The body as text, reading no more than `limit` bytes. The bytes are counted
 * as the runtime hands them over, that is after any `content-encoding` was
 * undone, so a gzip bomb stops at the limit too. Written over the byte stream
 * because `response.text` reads everything before it can be measured, except
 * where the declared length already bounds it.
 */
export const readText = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, BodyFailure> =>
  Effect.suspend(() => {
    const declared = Number(response.headers["content-length"])
    if (Number.isFinite(declared) && declared > limit) return Effect.fail(tooLarge)
    // Unencoded with a length within the limit (the API's usual answer): the
    // runtime reads no more than the declared length, so the bound already
    // holds and the faster whole-body read is safe.
    const encoding = response.headers["content-encoding"]
    if (Number.isFinite(declared) && (encoding === undefined || encoding === "identity")) {
      return Effect.mapError(response.text, transport)
    }
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      // Fetch gives a 204 no body at all, which @effect/platform reports as an
      // error; for the client that is an empty body.
      Stream.catchAll((cause) => isEmptyBody(cause) ? Stream.empty : Stream.fail(transport(cause))),
      Stream.runForEachChunk((chunk) => {
        for (const bytes of chunk) {
          size += bytes.length
          if (size > limit) return Effect.fail(tooLarge)
          chunks.push(bytes)
        }
        return Effect.void
      }),
      Effect.map(() => size === 0 ? "" : utf8.decode(concat(chunks, size)))
    )
  })

const tooLarge: BodyFailure = { _tag: "TooLarge" }

const transport = (cause: unknown): BodyFailure => ({ _tag: "Transport", cause })

const isEmptyBody = (cause: unknown): boolean =>
  typeof cause === "object" && cause !== null && "reason" in cause && cause.reason === "EmptyBody"
