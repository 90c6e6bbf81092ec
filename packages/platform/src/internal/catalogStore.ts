import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * `layerStoreKeyValue` over a `KeyValueStore` that may not be had (a cache
 * directory that cannot be created, a browser without `localStorage`): then
 * the catalogue keeps its snapshot in memory, after one warning.
 */
export const storeOr = <E, R>(
  what: string,
  keyValueStore: Layer.Layer<KeyValueStore.KeyValueStore, E, R>
): Layer.Layer<ModelCatalog.CatalogStore, never, R> =>
  ModelCatalog.layerStoreKeyValue.pipe(
    Layer.provide(Layer.catchAllCause(keyValueStore, (cause) =>
      Layer.merge(
        KeyValueStore.layerMemory,
        Layer.effectDiscard(
          Effect.logWarning(`Model catalogue store unavailable (${what}); using memory`).pipe(
            Effect.annotateLogs("catalog.cause", Cause.pretty(cause).split("\n")[0] ?? "")
          )
        )
      )))
  )

/**
 * The user's cache directory, as the platforms have it: an absolute
 * `XDG_CACHE_HOME` anywhere, else `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows and `~/.cache` elsewhere.
 */
export const userCacheDirectory = (
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: string,
  join: (...parts: Array<string>) => string,
  isAbsolute: (path: string) => boolean
): string => {
  const xdg = env.XDG_CACHE_HOME
  if (xdg !== undefined && xdg !== "" && isAbsolute(xdg)) return xdg
  if (platform === "darwin") return join(home, "Library", "Caches")
  if (platform === "win32") {
    const local = env.LOCALAPPDATA
    return local !== undefined && isAbsolute(local) ? local : join(home, "AppData", "Local")
  }
  return join(home, ".cache")
}
