import type * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Semaphore from "effect/Semaphore"
import * as Stream from "effect/Stream"

/**
 * Pulls up to `ahead` elements of `self` (pages) before the consumer asks for
 * them: while the consumer holds page n, pages up to n + ahead are fetched and
 * no more, whatever the timing of `self`.
 *
 * The Effect 3 edition used `Stream.buffer({ capacity: ahead - 1 })`. Effect
 * 4's buffer keeps that bound only for a producer that suspends between
 * elements: when pages arrive at once (an in-memory backend, a fast local
 * server) its consumer drains the queue a batch at a time and the producer
 * runs on (measured: 20 pages ahead for `prefetch: 1`). So the bound is kept
 * here by permits instead: the producer needs one to hand a fetched element
 * over, and each pull of the consumer gives one back. A fetched element waits
 * for its permit before the next is fetched, hence `ahead - 1` permits.
 */
export const prefetch = <A, E, R>(self: Stream.Stream<A, E, R>, ahead: number): Stream.Stream<A, E, R> =>
  Stream.scoped(Stream.fromPull(Effect.gen(function*() {
    const permits = yield* Semaphore.make(ahead - 1)
    const queue = yield* Queue.unbounded<A, E | Cause.Done>()
    yield* self.pipe(
      Stream.runForEach((element) => Effect.andThen(Semaphore.take(permits, 1), Queue.offer(queue, element))),
      Effect.matchCauseEffect({
        onSuccess: () => Queue.end(queue),
        onFailure: (cause) => Queue.failCause(queue, cause)
      }),
      Effect.forkScoped
    )
    return Semaphore.release(permits, 1).pipe(
      Effect.andThen(Queue.take(queue)),
      Effect.map((element) => [element] as const)
    )
  })))
