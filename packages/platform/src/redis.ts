/**
 * A model catalogue shared by a fleet through Redis: one snapshot for every
 * process, and a lock so that one process lists per TTL between them. When
 * Redis goes away each process goes on with its own memory, after one
 * warning, and nothing fails. Needs `ioredis` (an optional peer dependency:
 * install it only if you use this module).
 *
 * @since 0.3.0
 */
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Layer from "effect/Layer"
import type { RedisOptions } from "ioredis"
import * as CatalogRedis from "./internal/catalogRedis.js"

/**
 * ioredis's connection options (`host`, `port`, `password`, `tls`,
 * `keyPrefix`, ...). The offline queue is always off, so that a command
 * fails at once while Redis is away instead of waiting for it.
 *
 * @since 0.3.0
 * @category models
 */
export interface Options extends RedisOptions {}

/**
 * The catalogue's store on Redis. Give it to `ModelCatalog.layer`:
 * `ModelCatalog.layer({ store: RedisCatalog.layerCatalogStore({ host: "redis.internal" }) })`.
 *
 * @example
 * import { ModelCatalog } from "@anthropic-effect/core"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import * as RedisCatalog from "@anthropic-effect/platform/redis"
 * import { Layer } from "effect"
 *
 * // Every process of the fleet: one listing per 10 minutes between them.
 * const CatalogLive = ModelCatalog.layer({
 *   ttl: "10 minutes",
 *   store: RedisCatalog.layerCatalogStore({ host: "127.0.0.1", port: 6379 })
 * }).pipe(Layer.provide(NodeModels.layer()))
 *
 * @since 0.3.0
 * @category layers
 */
export const layerCatalogStore = (options: Options = {}): Layer.Layer<ModelCatalog.CatalogStore> =>
  Layer.scoped(ModelCatalog.CatalogStore, CatalogRedis.make(options))
