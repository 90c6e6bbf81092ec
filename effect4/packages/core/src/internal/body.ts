import * as Effect from "effect/Effect"
import type * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Stream from "effect/Stream"

/** Why a body could not be read in full. */
export type BodyFailure =
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Transport"; readonly error: HttpClientError.HttpClientError }

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
      // Fetch gives a 204 no body at all, which the HttpClient reports as an
      // EmptyBodyError; for the client that is an empty body.
      Stream.catch((error) => error.reason._tag === "EmptyBodyError" ? Stream.empty : Stream.fail(transport(error))),
      Stream.runForEachArray((array) => {
        for (const bytes of array) {
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

const transport = (error: HttpClientError.HttpClientError): BodyFailure => ({ _tag: "Transport", error })
