import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { ModelInfo, ModelsPage } from "../ModelInfo.js"
import type { PageRequest } from "../Models.js"
import { type ModelsError, PaginationError } from "../ModelsError.js"
import { cursorProblem } from "./params.js"

// A cursor kept in an error is cut to this, so a 1 MB cursor stays out of logs.
const maxCursorInError = 256

const shown = (cursor: string): string =>
  cursor.length > maxCursorInError ? `${cursor.slice(0, maxCursorInError)}…` : cursor

type Cursor = { readonly afterId: string } | { readonly beforeId: string } | {}

/**
 * Every page from a validated first request, one request per pull. Backward
 * when the first request has `beforeId`. Ends on `has_more: false` or an empty
 * page, and fails rather than loops when the cursors stop making progress.
 */
export const pages = <R>(
  first: PageRequest,
  listPage: (request: PageRequest) => Effect.Effect<ModelsPage, ModelsError, R>
): Stream.Stream<ModelsPage, ModelsError, R> =>
  Stream.suspend(() => {
    const backward = first.beforeId !== undefined
    const { afterId: _after, beforeId: _before, ...base } = first
    // Cursors sent so far, per run of the stream, to catch a server that sends one back again.
    const sent = new Set<string>()
    const start: Cursor = first.beforeId !== undefined
      ? { beforeId: first.beforeId }
      : first.afterId !== undefined
      ? { afterId: first.afterId }
      : {}
    const startCursor = backward ? first.beforeId : first.afterId
    if (startCursor !== undefined) sent.add(startCursor)

    const next = (page: ModelsPage): Effect.Effect<Option.Option<Cursor>, PaginationError> => {
      if (!page.has_more || page.data.length === 0) return Effect.succeed(Option.none())
      const cursor = backward ? page.first_id : page.last_id
      if (cursor === null) {
        return Effect.fail(
          new PaginationError({
            message: `The API said has_more but sent no ${backward ? "first_id" : "last_id"} to continue from`
          })
        )
      }
      const problem = cursorProblem(backward ? "first_id" : "last_id", cursor)
      if (problem !== undefined) {
        return Effect.fail(
          new PaginationError({ message: `The API sent a cursor the client will not send: ${problem}`, cursor: shown(cursor) })
        )
      }
      if (sent.has(cursor)) {
        return Effect.fail(
          new PaginationError({
            message: `The API sent cursor ${JSON.stringify(shown(cursor))} a second time`,
            cursor: shown(cursor)
          })
        )
      }
      sent.add(cursor)
      return Effect.succeed(Option.some(backward ? { beforeId: cursor } : { afterId: cursor }))
    }

    return Stream.paginateChunkEffect(start, (cursor: Cursor) =>
      Effect.flatMap(
        listPage({ ...base, ...cursor }),
        (page) => Effect.map(next(page), (following) => [Chunk.of(page), following] as const)
      ))
  })

/**
 * Models in the order of travel: list order going forward, and nearest the
 * cursor first going backward, so `Stream.take(n)` always gives the n models
 * next to the starting point.
 */
export const models = <E, R>(
  backward: boolean,
  pageStream: Stream.Stream<ModelsPage, E, R>
): Stream.Stream<ModelInfo, E, R> =>
  Stream.mapConcatChunk(pageStream, (page) => Chunk.unsafeFromArray(backward ? [...page.data].reverse() : page.data))
