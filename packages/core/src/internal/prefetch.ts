import * as Stream from "effect/Stream"

/**
 * Pulls up to `ahead` chunks of `self` before the consumer asks for them.
 * `Stream.buffer` runs one chunk further ahead than its capacity (its
 * producer has already pulled, here fetched a page, when it waits for room),
 * so a capacity of `ahead - 1` keeps exactly `ahead` pages in flight: with
 * `ahead = 1` the next page is fetched while the consumer works on the
 * current one, and no more.
 */
export const prefetch = <A, E, R>(self: Stream.Stream<A, E, R>, ahead: number): Stream.Stream<A, E, R> =>
  Stream.buffer(self, { capacity: ahead - 1 })
