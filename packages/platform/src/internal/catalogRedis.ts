import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as CatalogStore from "@anthropic-effect/protocol/CatalogStore"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import { Redis, type RedisOptions } from "ioredis"

const failure = (operation: string) => (cause: unknown) =>
  new ModelCatalog.CatalogStoreError({
    operation,
    message: cause instanceof Error ? cause.message : String(cause)
  })

/**
 * The catalogue's store on Redis, over its own ioredis client. Commands
 * fail at once while the connection is down (no offline queue), so the
 * catalogue falls back to memory without waiting; the client keeps
 * reconnecting, and the catalogue uses Redis again when it is back. Its
 * `error` events are handled here: the catalogue logs the failed commands
 * once, through Effect's logger.
 */
export const make = (options: RedisOptions): Effect.Effect<ModelCatalog.Store, never, Scope.Scope> =>
  Effect.gen(function*() {
    const client = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const redis = new Redis({
          retryStrategy: (times) => Math.min(times * 200, 2_000),
          maxRetriesPerRequest: 1,
          ...options,
          lazyConnect: true,
          enableOfflineQueue: false
        })
        redis.on("error", () => {})
        return redis
      }),
      // disconnect, not quit: quit waits for an answer a server that went away never sends.
      (redis) => Effect.sync(() => redis.disconnect())
    )
    // A server that is down at start-up is not an error: the first command reports it, and ioredis reconnects.
    yield* Effect.tryPromise(() => client.connect()).pipe(
      Effect.timeout(Duration.seconds(2)),
      Effect.catchAllCause(() => Effect.void)
    )
    const token = globalThis.crypto.randomUUID()
    return ModelCatalog.CatalogStore.of({
      get: (key) =>
        Effect.tryPromise({ try: () => client.get(key), catch: failure("get") }).pipe(
          Effect.map(Option.fromNullable)
        ),
      set: (key, value, keepFor) =>
        Effect.asVoid(Effect.tryPromise({
          try: () => client.set(key, value, "PX", Math.max(1, Math.ceil(Duration.toMillis(keepFor)))),
          catch: failure("set")
        })),
      lock: (key, ttl) => {
        const [command, ...args] = CatalogStore.redisLock.acquire(key, token, Duration.toMillis(ttl))
        return Effect.tryPromise({ try: () => client.call(command!, args), catch: failure("lock") }).pipe(
          Effect.map((reply) =>
            reply === "OK"
              ? Option.some(
                Effect.ignore(Effect.tryPromise(() => client.eval(CatalogStore.redisLock.release, 1, key, token)))
              )
              : Option.none()
          )
        )
      }
    })
  })
