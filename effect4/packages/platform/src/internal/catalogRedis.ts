import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as CatalogStore from "@anthropic-effect/protocol/CatalogStore"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redis from "effect/persistence/Redis"
import * as Scope from "effect/Scope"
import * as Semaphore from "effect/Semaphore"

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

const describe = (cause: unknown): string =>
  cause instanceof Redis.RedisError
    ? (cause.cause instanceof Error ? cause.cause.message : String(cause.cause))
    : "no connection"

/**
 * The store over a Redis connection made on first use, and made again on a
 * later use when it could not be: at most one attempt at a time, and none
 * for `retryMillis` after a failed one. NodeRedis fails its layer when the
 * server is down at start-up (node-redis gives up before its first `ready`),
 * where the Effect 3 edition's ioredis connects lazily and keeps trying; so
 * without this a server that comes up after the process would never be
 * used. Until the connection is made every operation fails with a
 * `CatalogStoreError`, which the catalogue answers from memory, warning once.
 */
export const makeReconnecting = (options: {
  readonly connect: Layer.Layer<Redis.Redis, Redis.RedisError>
  readonly keyPrefix?: string | undefined
  readonly retryMillis: number
}): Effect.Effect<ModelCatalog.Store, never, Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const connecting = yield* Semaphore.make(1)
    let store: ModelCatalog.Store | undefined
    let retryAt = 0

    const attempt = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      if (now < retryAt) {
        return yield* Effect.fail(
          new ModelCatalog.CatalogStoreError({ operation: "connect", message: "Redis was unreachable moments ago" })
        )
      }
      const child = yield* Scope.fork(scope)
      const built = yield* Layer.buildWithScope(options.connect, child).pipe(
        Effect.flatMap((context) => Effect.provideContext(make({ keyPrefix: options.keyPrefix }), context)),
        // An attempt that fails or is cut short leaves nothing open, and waits its turn like a failed one.
        Effect.onExit((exit) =>
          Exit.isSuccess(exit) ? Effect.void : Effect.andThen(
            Scope.close(child, exit),
            Effect.map(Clock.currentTimeMillis, (millis) => {
              retryAt = millis + options.retryMillis
            })
          )
        ),
        Effect.mapError((error) =>
          new ModelCatalog.CatalogStoreError({ operation: "connect", message: describe(error) })
        )
      )
      store = built
      return built
    })

    const connected: Effect.Effect<ModelCatalog.Store, ModelCatalog.CatalogStoreError> = Effect.suspend(() =>
      store !== undefined ? Effect.succeed(store) : connecting.withPermit(Effect.suspend(() =>
        // Whoever waited for the permit may find the connection made.
        store !== undefined ? Effect.succeed(store) : attempt
      ))
    )

    return ModelCatalog.CatalogStore.of({
      get: (key) => Effect.flatMap(connected, (redis) => redis.get(key)),
      set: (key, value, keepFor) => Effect.flatMap(connected, (redis) => redis.set(key, value, keepFor)),
      lock: (key, ttl) => Effect.flatMap(connected, (redis) => redis.lock(key, ttl))
    })
  })
