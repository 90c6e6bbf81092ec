import * as CatalogStore from "@anthropic-effect/protocol/CatalogStore"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { CatalogStoreError, Store } from "../ModelCatalog.js"
import { ModelInfo } from "../ModelInfo.js"
import type { SharedStore, Snapshot } from "./catalogCache.js"
import { makeSnapshot } from "./catalogCache.js"

const Models = Schema.Array(ModelInfo)
const decodeModels = Schema.decodeUnknownEffect(Models)
const encodeModels = Schema.encodeEffect(Models)

/**
 * The engine's view of a `Store`: snapshots in the protocol's stored form,
 * every operation bounded in time, and every failure turned into "nothing
 * stored" / "not saved" / "lock taken", so a store going away never fails a
 * query. The first failure of a streak logs one warning; the first success
 * after it logs that the store is back.
 */
export const make = (options: {
  readonly store: Store
  readonly scope: CatalogStore.Scope
  readonly timeoutMillis: number
  readonly lockTtlMillis: number
  readonly keepMillis: number
}): SharedStore => {
  const { scope, store } = options
  const key = CatalogStore.snapshotKey(scope)
  const lockKey = CatalogStore.lockKey(scope)
  let down = false

  const guarded = <A>(
    operation: string,
    effect: Effect.Effect<A, CatalogStoreError>,
    fallback: A
  ): Effect.Effect<A> =>
    effect.pipe(
      Effect.timeoutOrElse({
        duration: Duration.millis(options.timeoutMillis),
        orElse: () => Effect.fail({ _tag: "Timeout" as const, message: `no answer in ${options.timeoutMillis} ms` })
      }),
      Effect.matchEffect({
        onSuccess: (value) =>
          down
            ? Effect.as(
              Effect.logInfo("Model catalogue store is back").pipe(
                Effect.tap(() =>
                  Effect.sync(() => {
                    down = false
                  })
                )
              ),
              value
            )
            : Effect.succeed(value),
        onFailure: (error) => {
          if (down) return Effect.succeed(fallback)
          down = true
          return Effect.as(
            Effect.logWarning(
              `Model catalogue store unavailable (${operation}: ${error.message}); using this process's memory until it is back`
            ).pipe(Effect.annotateLogs({ "catalog.store_operation": operation })),
            fallback
          )
        }
      })
    )

  const load: Effect.Effect<Option.Option<Snapshot>> = guarded("get", store.get(key), Option.none<string>()).pipe(
    Effect.flatMap(Option.match({
      onNone: () => Effect.succeedNone,
      onSome: (text) => {
        const stored = CatalogStore.decode(scope, text)
        if (stored === undefined) return Effect.succeedNone
        return decodeModels(stored.models).pipe(
          Effect.map((models) => Option.some(makeSnapshot(models, stored.fetchedAt))),
          Effect.catch(() => Effect.succeedNone)
        )
      }
    }))
  )

  const save = (snapshot: Snapshot): Effect.Effect<void> =>
    encodeModels(snapshot.models).pipe(
      Effect.matchEffect({
        onFailure: (error) => Effect.logDebug(`Model catalogue snapshot not stored: ${error.message}`),
        onSuccess: (models) =>
          guarded(
            "set",
            store.set(key, CatalogStore.encode(scope, snapshot.fetchedAt, models), Duration.millis(options.keepMillis)),
            undefined
          )
      })
    )

  const lock: Effect.Effect<Option.Option<Effect.Effect<void>>> = guarded(
    "lock",
    store.lock(lockKey, Duration.millis(options.lockTtlMillis)).pipe(
      Effect.map(
        Option.map((release) => Effect.ignore(Effect.timeout(release, Duration.millis(options.timeoutMillis))))
      )
    ),
    Option.some(Effect.void)
  )

  return { load, save, lock }
}
