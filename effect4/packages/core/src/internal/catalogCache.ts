import * as Catalog from "@anthropic-effect/protocol/Catalog"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { ModelInfo } from "../ModelInfo.js"
import type { ModelsError } from "../ModelsError.js"

/** One listing, indexed. */
export interface Snapshot {
  readonly models: ReadonlyArray<ModelInfo>
  readonly byId: ReadonlyMap<string, ModelInfo>
  /** Epoch milliseconds on the Clock of the process that listed it. */
  readonly fetchedAt: number
}

export const makeSnapshot = (models: ReadonlyArray<ModelInfo>, fetchedAt: number): Snapshot => {
  return { models, byId: new Map(models.map((model) => [model.id, model])), fetchedAt }
}

/** What the engine needs of a store, errors already made harmless by the caller of `make`. */
export interface SharedStore {
  /** A snapshot another process (or an earlier run) stored; none when absent, unreadable or the store is down. */
  readonly load: Effect.Effect<Option.Option<Snapshot>>
  readonly save: (snapshot: Snapshot) => Effect.Effect<void>
  /** Some(release) when this process may list now; a store that is down always says yes. */
  readonly lock: Effect.Effect<Option.Option<Effect.Effect<void>>>
}

export interface Settings {
  readonly ttlMillis: number
  readonly maxStaleMillis: number
  readonly retryAfterErrorMillis: number
  readonly minRetained: number
  readonly lockTtlMillis: number
  readonly lockPollMillis: number
}

export interface Engine {
  /**
   * The snapshot to answer from at `now` (read from the Clock by the caller): fresh, or stale while one
   * refresh runs, or the result of a refresh.
   */
  readonly currentAt: (now: number) => Effect.Effect<Snapshot, ModelsError>
  /** The snapshot if it is fresh at `now`, without an effect: the fast path of lookups. */
  readonly peek: (now: number) => Snapshot | undefined
  /** Lists now (sharing a refresh already running). */
  readonly refresh: Effect.Effect<Snapshot, ModelsError>
  /** Refreshes unless the snapshot is fresh; a failure is only logged. For scheduled refreshes. */
  readonly revalidate: Effect.Effect<void>
}

const errorFields = (error: ModelsError): Record<string, string> => {
  const fields: Record<string, string> = { "catalog.error": error._tag }
  if ("requestId" in error && error.requestId !== undefined) fields["catalog.request_id"] = error.requestId
  return fields
}

/**
 * The snapshot's state machine: single flight (one refresh at a time, every
 * caller waiting on it shares it), stale-while-revalidate, stale-if-error
 * up to `maxStale` with one warning per failing streak, the sanity check,
 * and the fleet protocol over a shared store (adopt a fresh stored snapshot,
 * else take the lock and list, else wait for the process that holds it).
 */
export const make = (options: {
  readonly settings: Settings
  readonly list: Effect.Effect<ReadonlyArray<ModelInfo>, ModelsError>
  readonly store: SharedStore | undefined
  readonly onApplied: (before: Snapshot | undefined, after: Snapshot) => Effect.Effect<void>
}): Effect.Effect<Engine, never, Scope.Scope> =>
  Effect.map(Effect.scope, (layerScope) => {
    const { settings, store } = options
    const freshnessAt = (snapshot: Snapshot, now: number) =>
      Catalog.freshness(now - snapshot.fetchedAt, settings.ttlMillis, settings.maxStaleMillis)

    let snapshot: Snapshot | undefined
    let inflight: Deferred.Deferred<Snapshot, ModelsError> | undefined
    // After a failed, refused or lock-lost refresh, stale readers do not start another before this.
    let nextAttemptAt = 0
    let failing = false
    let refusing = false

    const apply = (next: Snapshot, save: boolean): Effect.Effect<Snapshot> =>
      Effect.suspend(() => {
        const before = snapshot
        snapshot = next
        failing = false
        refusing = false
        nextAttemptAt = 0
        const saved = save && store !== undefined ? store.save(next) : Effect.void
        return Effect.as(Effect.andThen(saved, options.onApplied(before, next)), next)
      })

    const usable = (candidate: Option.Option<Snapshot>, now: number): candidate is Option.Some<Snapshot> =>
      Option.isSome(candidate) &&
      (snapshot === undefined || candidate.value.fetchedAt > snapshot.fetchedAt) &&
      freshnessAt(candidate.value, now) === "fresh"

    // Another process holds the lock and there is nothing to serve: wait for its snapshot, at most a lock's life.
    const awaitPeer = (since: number): Effect.Effect<Option.Option<Snapshot>> =>
      Effect.flatMap(
        Effect.andThen(Effect.sleep(Duration.millis(settings.lockPollMillis)), Clock.currentTimeMillis),
        (now) =>
          store === undefined || now - since >= settings.lockTtlMillis
            ? Effect.succeedNone
            : Effect.flatMap(store.load, (found) => usable(found, now) ? Effect.succeed(found) : awaitPeer(since))
      )

    const fromApi = (before: Snapshot | undefined): Effect.Effect<Snapshot, ModelsError> =>
      Effect.flatMap(Effect.exit(options.list), (exit) =>
        Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<Snapshot, ModelsError> => {
          const servable = before !== undefined && freshnessAt(before, now) !== "expired"
          if (Exit.isFailure(exit)) {
            const failure = Option.getOrUndefined(Cause.findErrorOption(exit.cause))
            if (!servable || failure === undefined) {
              return Effect.failCause(exit.cause)
            }
            nextAttemptAt = now + settings.retryAfterErrorMillis
            if (failing) {
              return Effect.succeed(before)
            }
            failing = true
            return Effect.as(
              Effect.logWarning(
                `Model catalogue refresh failed (${failure._tag}); serving the snapshot from ${
                  new Date(before.fetchedAt).toISOString()
                } until it is ${Duration.format(Duration.millis(settings.maxStaleMillis))} old`
              ).pipe(Effect.annotateLogs(errorFields(failure))),
              before
            )
          }
          const models = exit.value
          if (servable && !Catalog.isPlausibleRefresh(before.models.length, models.length, settings.minRetained)) {
            nextAttemptAt = now + settings.retryAfterErrorMillis
            if (refusing) {
              return Effect.succeed(before)
            }
            refusing = true
            return Effect.as(
              Effect.logWarning(
                `Model catalogue refresh not applied: it listed ${models.length} models where the snapshot has ${before.models.length}`
              ).pipe(
                Effect.annotateLogs({ "catalog.listed": models.length, "catalog.snapshot": before.models.length })
              ),
              before
            )
          }
          return apply(makeSnapshot(models, now), true)
        }))

    const run = (force: boolean): Effect.Effect<Snapshot, ModelsError> =>
      Effect.gen(function*() {
        const before = snapshot
        if (store === undefined) {
          return yield* fromApi(before)
        }
        const now = yield* Clock.currentTimeMillis
        if (!force) {
          const stored = yield* store.load
          if (usable(stored, now)) {
            return yield* apply(stored.value, false)
          }
        }
        const lock = yield* store.lock
        if (Option.isNone(lock)) {
          if (!force && before !== undefined && freshnessAt(before, now) !== "expired") {
            nextAttemptAt = now + settings.lockPollMillis
            return before
          }
          const peer = yield* awaitPeer(now)
          if (Option.isSome(peer)) {
            return yield* apply(peer.value, false)
          }
          // The holder never stored a snapshot (it died, or its listing failed): list without the lock.
          return yield* fromApi(before)
        }
        return yield* Effect.ensuring(
          Effect.flatMap(store.load, (stored) =>
            // Checked again under the lock: the holder before us may have stored one just now.
            !force && usable(stored, now) ? apply(stored.value, false) : fromApi(before)),
          lock.value
        )
      })

    const start = (force: boolean): Effect.Effect<Deferred.Deferred<Snapshot, ModelsError>> =>
      Effect.suspend(() => {
        if (inflight !== undefined) {
          return Effect.succeed(inflight)
        }
        const deferred = Deferred.makeUnsafe<Snapshot, ModelsError>()
        inflight = deferred
        // In the layer's scope: a caller that gives up does not cancel the refresh the others wait on.
        return Effect.as(
          Effect.forkIn(
            // onExit, so that an interrupted refresh (the layer closing) ends its waiters too.
            Effect.onExit(run(force), (exit) =>
              Effect.andThen(
                Effect.sync(() => {
                  inflight = undefined
                }),
                Deferred.done(deferred, exit)
              )),
            layerScope
          ),
          deferred
        )
      })

    const currentAt = (now: number): Effect.Effect<Snapshot, ModelsError> => {
      const known = snapshot
      if (known !== undefined) {
        const freshness = freshnessAt(known, now)
        if (freshness === "fresh") {
          return Effect.succeed(known)
        }
        if (freshness === "stale") {
          return inflight !== undefined || now < nextAttemptAt ? Effect.succeed(known) : Effect.as(start(false), known)
        }
      }
      return Effect.flatMap(start(false), Deferred.await)
    }

    const peek = (now: number): Snapshot | undefined =>
      snapshot !== undefined && freshnessAt(snapshot, now) === "fresh" ? snapshot : undefined

    const refresh = Effect.flatMap(start(true), Deferred.await)

    const revalidate = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      snapshot !== undefined && freshnessAt(snapshot, now) === "fresh"
        ? Effect.void
        : Effect.flatMap(start(false), Deferred.await).pipe(
          Effect.catch((error) =>
            Effect.logDebug("Model catalogue refresh failed").pipe(Effect.annotateLogs(errorFields(error)))
          ),
          Effect.asVoid
        ))

    return { currentAt, peek, refresh, revalidate }
  })
