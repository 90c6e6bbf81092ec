import * as Cursor from "@anthropic-effect/protocol/Cursor"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { ModelInfo, ModelsPage } from "../ModelInfo.js"
import type { PageRequest } from "../Models.js"
import { type ModelsError, PaginationError } from "../ModelsError.js"

type Start = { readonly afterId: string } | { readonly beforeId: string } | {}

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
    const start: Start = first.beforeId !== undefined
      ? { beforeId: first.beforeId }
      : first.afterId !== undefined
      ? { afterId: first.afterId }
      : {}
    const startCursor = backward ? first.beforeId : first.afterId
    if (startCursor !== undefined) sent.add(startCursor)

    const next = (page: ModelsPage): Effect.Effect<Option.Option<Start>, PaginationError> => {
      const step = Cursor.next(page, backward, sent)
      switch (step._tag) {
        case "Done":
          return Effect.succeed(Option.none())
        case "Stuck":
          return Effect.fail(new PaginationError({ message: step.message, cursor: step.cursor }))
        case "Continue":
          sent.add(step.cursor)
          return Effect.succeed(Option.some(backward ? { beforeId: step.cursor } : { afterId: step.cursor }))
      }
    }

    return Stream.paginate(start, (cursor: Start) =>
      Effect.flatMap(
        listPage({ ...base, ...cursor }),
        (page) => Effect.map(next(page), (following) => [[page], following] as const)
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
  pageStream.pipe(
    Stream.map((page): ReadonlyArray<ModelInfo> => backward ? [...page.data].reverse() : page.data),
    Stream.flattenIterable
  )
