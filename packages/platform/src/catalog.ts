/**
 * A model catalogue store on the file system, for Node (and Bun and Deno,
 * through their Node compatibility): a restart or a CLI run reuses a fresh
 * snapshot instead of listing again. For a browser, `layerCatalogStore` of
 * `@anthropic-effect/platform/browser` keeps it in `localStorage`; for a
 * fleet, `@anthropic-effect/platform/redis` shares it.
 *
 * @since 0.3.0
 */
import type * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as KeyValueStore from "@effect/platform/KeyValueStore"
import * as Layer from "effect/Layer"
import * as Os from "node:os"
import * as Path from "node:path"
import { storeOr, userCacheDirectory } from "./internal/catalogStore.js"

/**
 * Options of `layerFileSystem`.
 *
 * @since 0.3.0
 * @category models
 */
export interface FileSystemOptions {
  /** Default: `anthropic-effect/model-catalog` in the user's cache directory (`XDG_CACHE_HOME`, `~/.cache`, ...). */
  readonly directory?: string | undefined
}

/**
 * The directory `layerFileSystem` uses by default.
 *
 * @since 0.3.0
 * @category constructors
 */
export const defaultDirectory = (): string =>
  Path.join(
    userCacheDirectory(process.env, process.platform, Os.homedir(), Path.join, Path.isAbsolute),
    "anthropic-effect",
    "model-catalog"
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
 * @since 0.3.0
 * @category layers
 */
export const layerFileSystem = (options: FileSystemOptions = {}): Layer.Layer<ModelCatalog.CatalogStore> =>
  storeOr(
    "file system",
    KeyValueStore.layerFileSystem(options.directory ?? defaultDirectory()).pipe(
      Layer.provide(NodeFileSystem.layer),
      Layer.provide(NodePath.layer)
    )
  )
