import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as CatalogStore from "@anthropic-effect/protocol/CatalogStore"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redis from "effect/persistence/Redis"

const failure = (operation: string) => (error: Redis.RedisError) =>
  new ModelCatalog.CatalogStoreError({
    operation,
    message: error.cause instanceof Error ? error.cause.message : String(error.cause)
  })

// The protocol's release script: deletes the lock only while it still holds this process's token.
const release = Redis.script((key: string, token: string) => [key, token], {
  lua: CatalogStore.redisLock.release,
  numberOfKeys: 1
}).withReturnType<number>()

const pxMillis = (duration: Duration.Duration): string => String(Math.max(1, Math.ceil(Duration.toMillis(duration))))

/**
 * The catalogue's store over Effect 4's `Redis` service: `GET`, `SET … PX`
 * for the snapshot, the protocol's `SET … NX PX` for the lock (one token
 * per store, so a process only ever releases its own lock) and its script,
 * through `eval`, to give the lock back.
 */
export const make = (options: { readonly keyPrefix?: string | undefined } = {}): Effect.Effect<
  ModelCatalog.Store,
  never,
  Redis.Redis
> =>
  Redis.Redis.useSync((redis) => {
    const prefix = options.keyPrefix ?? ""
    const token = globalThis.crypto.randomUUID()
    const releaseLock = redis.eval(release)
    return ModelCatalog.CatalogStore.of({
      get: (key) =>
        redis.send<string | null>("GET", prefix + key).pipe(
          Effect.map(Option.fromNullishOr),
          Effect.mapError(failure("get"))
        ),
      set: (key, value, keepFor) =>
        Effect.asVoid(redis.send("SET", prefix + key, value, "PX", pxMillis(keepFor))).pipe(
          Effect.mapError(failure("set"))
        ),
      lock: (key, ttl) => {
        const lockKey = prefix + key
        const [command = "SET", ...args] = CatalogStore.redisLock.acquire(lockKey, token, Duration.toMillis(ttl))
        return redis.send<string | null>(command, ...args).pipe(
          Effect.map((reply) =>
            reply === "OK" ? Option.some(Effect.ignore(releaseLock(lockKey, token))) : Option.none()
          ),
          Effect.mapError(failure("lock"))
        )
      }
    })
  })
