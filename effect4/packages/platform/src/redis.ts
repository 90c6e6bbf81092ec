/**
 * A model catalogue shared by a fleet through Redis: one snapshot for every
 * process, and a lock so that one process lists per TTL between them. When
 * Redis goes away each process goes on with its own memory, after one
 * warning, and nothing fails. Built on Effect 4's `effect/persistence/Redis`;
 * `layerCatalogStore` connects with `@effect/platform-node`'s `NodeRedis`,
 * which needs `redis` (node-redis, an optional peer dependency: install it
 * only if you use this module).
 *
 * @since 1.1.0
 */
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeRedis from "@effect/platform-node/NodeRedis"
import * as Layer from "effect/Layer"
import type * as Redis from "effect/persistence/Redis"
import * as References from "effect/References"
import * as CatalogRedis from "./internal/catalogRedis.js"

// The same pace as the Effect 3 edition's ioredis retry strategy at its slowest.
const reconnectMillis = 2_000

type NodeRedisOptions = NonNullable<Parameters<typeof NodeRedis.layer>[0]>

/**
 * node-redis's client options (`url`, `socket: { host, port, tls }`,
 * `password`, ...) and the pool options of `Redis.reserve`, plus a
 * `keyPrefix` for the catalogue's keys. The offline queue is off unless set,
 * so that a command fails at once while Redis is away instead of waiting for
 * it.
 *
 * @since 1.1.0
 * @category models
 */
export type Options = NodeRedisOptions & {
  /** Put before every key the catalogue writes (node-redis has no key prefix of its own). */
  readonly keyPrefix?: string | undefined
}

/**
 * The catalogue's store over any `Redis` service of `effect/persistence`
 * (`NodeRedis`, or Bun's and Deno's): for an application that already has
 * one.
 *
 * @since 1.1.0
 * @category layers
 */
export const layerCatalogStoreRedis = (
  options: { readonly keyPrefix?: string | undefined } = {}
): Layer.Layer<ModelCatalog.CatalogStore, never, Redis.Redis> =>
  Layer.effect(ModelCatalog.CatalogStore, CatalogRedis.make(options))

/**
 * The catalogue's store on Redis, over its own node-redis client. Give it to
 * `ModelCatalog.layer`:
 * `ModelCatalog.layer({ store: RedisCatalog.layerCatalogStore({ url: "redis://redis.internal" }) })`.
 * The connection is made on first use. While the server cannot be reached
 * (down at start-up, or gone later) the snapshot stays in this process's
 * memory, after one warning; a connection is tried again at most every
 * 2 seconds, and the store is used again once one is made.
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
 *   store: RedisCatalog.layerCatalogStore({ socket: { host: "127.0.0.1", port: 6379 } })
 * }).pipe(Layer.provide(NodeModels.layer()))
 *
 * @since 1.1.0
 * @category layers
 */
export const layerCatalogStore = (options: Options = {}): Layer.Layer<ModelCatalog.CatalogStore> => {
  const { keyPrefix, ...client } = options
  return Layer.effect(
    ModelCatalog.CatalogStore,
    CatalogRedis.makeReconnecting({
      connect: NodeRedis.layer({ disableOfflineQueue: true, ...client }).pipe(
        // NodeRedis logs every connection error as a warning; the catalogue logs a store going away once.
        Layer.provide(Layer.succeed(References.MinimumLogLevel, "Error"))
      ),
      keyPrefix,
      retryMillis: reconnectMillis
    })
  )
}
