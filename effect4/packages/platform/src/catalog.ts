/**
 * A model catalogue store on the file system, for Node (and Bun and Deno,
 * through their Node compatibility): a restart or a CLI run reuses a fresh
 * snapshot instead of listing again. For a browser, `layerCatalogStore` of
 * `@anthropic-effect/platform/browser` keeps it in `localStorage`; for a
 * fleet, `@anthropic-effect/platform/redis` shares it.
 *
 * @since 1.1.0
 */
import type * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import * as UserDirectories from "effect/persistence/UserDirectories"
import type * as PlatformError from "effect/PlatformError"
import * as Path from "node:path"
import { storeOr } from "./internal/catalogStore.js"

/**
 * Options of `layerFileSystem`.
 *
 * @since 1.1.0
 * @category models
 */
export interface FileSystemOptions {
  /**
   * Default: `model-catalog` in `anthropic-effect`'s user cache directory
   * (`XDG_CACHE_HOME`, `~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`).
   */
  readonly directory?: string | undefined
}

/**
 * The directory `layerFileSystem` uses by default, read from the
 * environment of the current `ConfigProvider` (Effect 4's
 * `UserDirectories`).
 *
 * @since 1.1.0
 * @category constructors
 */
export const defaultDirectory: Effect.Effect<string, PlatformError.PlatformError> = Effect.map(
  UserDirectories.make().cache("anthropic-effect"),
  (directory) => Path.join(directory, "model-catalog")
)

/**
 * The store, one file per snapshot:
 * `ModelCatalog.layer({ store: CatalogStore.layerFileSystem() })`. A
 * directory that cannot be created leaves the snapshot in memory, after a
 * warning; nothing fails.
 *
 * @example
 * import { ModelCatalog } from "@anthropic-effect/core"
 * import * as CatalogStore from "@anthropic-effect/platform/catalog"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import { Layer } from "effect"
 *
 * const CatalogLive = ModelCatalog.layer({ store: CatalogStore.layerFileSystem() }).pipe(
 *   Layer.provide(NodeModels.layer())
 * )
 *
 * @since 1.1.0
 * @category layers
 */
export const layerFileSystem = (options: FileSystemOptions = {}): Layer.Layer<ModelCatalog.CatalogStore> =>
  storeOr(
    "file system",
    Layer.unwrap(
      Effect.map(
        options.directory === undefined ? defaultDirectory : Effect.succeed(options.directory),
        KeyValueStore.layerFileSystem
      )
    ).pipe(
      Layer.provide(NodeFileSystem.layer),
      Layer.provide(NodePath.layer)
    )
  )
