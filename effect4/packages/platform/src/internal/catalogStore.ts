import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as KeyValueStore from "effect/persistence/KeyValueStore"

/**
 * A catalogue store that may not be had (a cache directory that cannot be
 * created, a browser without `localStorage`, a Redis server that is down at
 * start-up): then the catalogue keeps its snapshot in memory, after one
 * warning.
 */
export const orMemory = <E, R>(
  what: string,
  store: Layer.Layer<ModelCatalog.CatalogStore, E, R>
): Layer.Layer<ModelCatalog.CatalogStore, never, R> =>
  Layer.catchCause(store, (cause) =>
    Layer.merge(
      ModelCatalog.layerStoreMemory,
      Layer.effectDiscard(
        Effect.logWarning(`Model catalogue store unavailable (${what}); using memory`).pipe(
          Effect.annotateLogs("catalog.cause", Cause.pretty(cause).split("\n")[0] ?? "")
        )
      )
    ))

/** `layerStoreKeyValue` over a `KeyValueStore` that may not be had. */
export const storeOr = <E, R>(
  what: string,
  keyValueStore: Layer.Layer<KeyValueStore.KeyValueStore, E, R>
): Layer.Layer<ModelCatalog.CatalogStore, never, R> =>
  orMemory(what, ModelCatalog.layerStoreKeyValue.pipe(Layer.provide(keyValueStore)))
