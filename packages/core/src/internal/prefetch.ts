import type * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"

/**
 * Pulls up to `ahead` chunks of `self` before the consumer asks for them.
 *
 * Written by hand because `Stream.buffer({ capacity: n })` runs one chunk
 * further ahead than asked: its producer has already pulled (here: fetched a
 * page) when it waits for room in the queue, so n + 1 requests run ahead. A
 * permit taken before each pull makes the bound exact: with `ahead = 1` the
 * next page is being fetched while the consumer works on the current one, and
 * no more.
 */
export const prefetch = <A, E, R>(self: Stream.Stream<A, E, R>, ahead: number): Stream.Stream<A, E, R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const pull = yield* Stream.toPull(self)
    const ready = yield* Effect.acquireRelease(
      Queue.unbounded<Exit.Exit<Chunk.Chunk<A>, Option.Option<E>>>(),
      Queue.shutdown
    )
    const permits = yield* Effect.makeSemaphore(ahead)
    yield* permits.take(1).pipe(
      Effect.zipRight(Effect.exit(pull)),
      Effect.tap((exit) => Queue.offer(ready, exit)),
      Effect.repeat({ while: Exit.isSuccess }),
      Effect.forkScoped
    )
    return Stream.repeatEffectChunkOption(
      Effect.flatMap(Queue.take(ready), (exit) => Effect.zipRight(permits.release(1), exit))
    )
  }))
