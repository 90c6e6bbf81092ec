/**
 * The model catalogue: one cached snapshot of `GET /v1/models` that answers
 * "which model supports PDFs with 200k of context", "what does this alias
 * resolve to" and "is my pinned model being retired" without a request per
 * question. One refresh at a time (single flight), stale-while-revalidate,
 * stale-if-error up to `maxStale`, a sanity check on every refresh, a
 * lifecycle policy that warns once per model (or fails), a change feed, and
 * a snapshot shared through a `KeyValueStore` or, across a fleet, Redis.
 *
 * @since 1.1.0
 */
import * as Catalog from "@anthropic-effect/protocol/Catalog"
import type * as CatalogStoreProtocol from "@anthropic-effect/protocol/CatalogStore"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import * as PubSub from "effect/PubSub"
import type * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Aliases from "./internal/catalogAliases.js"
import * as Cache from "./internal/catalogCache.js"
import * as SharedStore from "./internal/catalogStore.js"
import { firstTime } from "./internal/catalogWarnings.js"
import type { CapabilityPath, Lifecycle, ModelInfo } from "./ModelInfo.js"
import { Models } from "./Models.js"
import type { ModelsError } from "./ModelsError.js"

/**
 * What using a deprecated or retired model does: nothing, one warning per
 * model per process, or a typed error.
 *
 * @since 1.1.0
 * @category models
 */
export type Policy = Catalog.Policy

/**
 * A model's status, judged on the `Clock` from `lifecycle`, `deprecated_at`
 * and `retires_at`.
 *
 * @since 1.1.0
 * @category models
 */
export type Status = Catalog.Status

/**
 * What `select` filters on. Capability paths are typed from the schema, so
 * a misspelt one does not compile.
 *
 * @since 1.1.0
 * @category models
 */
export interface Query extends Catalog.Query<CapabilityPath> {}

/**
 * One listing and when it was fetched.
 *
 * @since 1.1.0
 * @category models
 */
export interface Snapshot {
  readonly models: ReadonlyArray<ModelInfo>
  readonly fetchedAt: DateTime.Utc
}

/**
 * What an alias (or id) resolved to.
 *
 * @since 1.1.0
 * @category models
 */
export interface Resolved {
  /** The name asked for. */
  readonly requested: string
  readonly model: ModelInfo
}

/**
 * One difference between two listings: a model added, removed, or changed
 * in the named fields.
 *
 * @since 1.1.0
 * @category models
 */
export type Change = Catalog.Change<ModelInfo>

/**
 * The catalogue knows no model by that id or alias (the API answered 404,
 * or an offline snapshot does not have it).
 *
 * @since 1.1.0
 * @category errors
 */
export class ModelNotFoundError extends Schema.TaggedError<ModelNotFoundError>()("ModelNotFoundError", {
  requested: Schema.String,
  message: Schema.String,
  /** The `request-id` of the API's 404, when there was a request. */
  requestId: Schema.optional(Schema.String)
}) {}

const lifecycleFields = {
  /** The name asked for. */
  requested: Schema.String,
  /** The model's id. */
  model: Schema.String,
  message: Schema.String,
  deprecatedAt: Schema.optional(Schema.DateTimeUtc),
  retiresAt: Schema.optional(Schema.DateTimeUtc),
  /** The newest active model of the same line with at least the same capabilities. */
  replacement: Schema.optional(Schema.String)
}

/**
 * Under the `fail` policy: the model is deprecated. Nothing was sent.
 *
 * @since 1.1.0
 * @category errors
 */
export class ModelDeprecatedError extends Schema.TaggedError<ModelDeprecatedError>()(
  "ModelDeprecatedError",
  lifecycleFields
) {}

/**
 * Under the `fail` policy: the model is retired. Nothing was sent.
 *
 * @since 1.1.0
 * @category errors
 */
export class ModelRetiredError extends Schema.TaggedError<ModelRetiredError>()("ModelRetiredError", lifecycleFields) {}

/**
 * The model's data does not say the limit asked for (an older API version
 * leaves `max_tokens` out). No default is guessed.
 *
 * @since 1.1.0
 * @category errors
 */
export class ModelLimitUnknownError extends Schema.TaggedError<ModelLimitUnknownError>()("ModelLimitUnknownError", {
  model: Schema.String,
  limit: Schema.Literals(["max_tokens", "max_input_tokens"]),
  message: Schema.String
}) {}

/**
 * A store operation failed. The catalogue never fails with it: it logs a
 * warning and goes on with its own memory.
 *
 * @since 1.1.0
 * @category errors
 */
export class CatalogStoreError extends Schema.TaggedError<CatalogStoreError>()("CatalogStoreError", {
  operation: Schema.String,
  message: Schema.String
}) {}

/**
 * What a lookup can fail with.
 *
 * @since 1.1.0
 * @category errors
 */
export type LookupError = ModelsError | ModelNotFoundError | ModelDeprecatedError | ModelRetiredError

/**
 * What the `ModelCatalog` tag provides.
 *
 * @since 1.1.0
 * @category models
 */
export interface Service {
  /** The current snapshot. */
  readonly snapshot: Effect.Effect<Snapshot, ModelsError>
  /** Every model of the snapshot, in the API's order. */
  readonly all: Effect.Effect<ReadonlyArray<ModelInfo>, ModelsError>
  /** A model by id or alias, under the lifecycle policy. */
  readonly get: (idOrAlias: string) => Effect.Effect<ModelInfo, LookupError>
  /** An alias (or id) and the model it stands for, under the lifecycle policy. */
  readonly resolve: (alias: string) => Effect.Effect<Resolved, LookupError>
  /** The models that match, newest first; never a retired one unless `lifecycle` asks for it. */
  readonly select: (query?: Query) => Effect.Effect<ReadonlyArray<ModelInfo>, ModelsError>
  /** The newest model of a line that is not retired. */
  readonly latest: (line: string) => Effect.Effect<Option.Option<ModelInfo>, ModelsError>
  /** `max_tokens` of a model by id or alias, from its data, under the lifecycle policy. */
  readonly maxTokensFor: (idOrAlias: string) => Effect.Effect<number, LookupError | ModelLimitUnknownError>
  /** A model's status now, on the `Clock`. */
  readonly status: (model: ModelInfo) => Effect.Effect<Status>
  /** Lists now, whatever the snapshot's age (sharing a refresh already running). */
  readonly refresh: Effect.Effect<Snapshot, ModelsError>
  /** What every applied refresh changed, from the moment the stream is run. */
  readonly changes: Stream.Stream<Change>
}

/**
 * The catalogue's tag.
 *
 * @since 1.1.0
 * @category tags
 */
export class ModelCatalog extends Context.Service<ModelCatalog, Service>()("@anthropic-effect/core/ModelCatalog") {}

/**
 * Where a snapshot is kept outside the process. `lock` takes the refresh
 * lock of a fleet, giving back the effect that releases it, or none when
 * another process holds it; a store of one process always grants it.
 *
 * @since 1.1.0
 * @category models
 */
export interface Store {
  readonly get: (key: string) => Effect.Effect<Option.Option<string>, CatalogStoreError>
  readonly set: (key: string, value: string, keepFor: Duration.Duration) => Effect.Effect<void, CatalogStoreError>
  readonly lock: (
    key: string,
    ttl: Duration.Duration
  ) => Effect.Effect<Option.Option<Effect.Effect<void>>, CatalogStoreError>
}

/**
 * The tag of the snapshot's store.
 *
 * @since 1.1.0
 * @category tags
 */
export class CatalogStore extends Context.Service<CatalogStore, Store>()(
  "@anthropic-effect/core/ModelCatalog/CatalogStore"
) {}

const storeError = (operation: string) => (error: { readonly message: string }) =>
  new CatalogStoreError({ operation, message: error.message })

/**
 * A store over `effect/persistence`'s `KeyValueStore`: the file system
 * (`KeyValueStore.layerFileSystem`), `localStorage`
 * (`KeyValueStore.layerStorage`) or memory. One process refreshes at a
 * time anyway, so the lock is always granted.
 *
 * @since 1.1.0
 * @category layers
 */
export const layerStoreKeyValue: Layer.Layer<CatalogStore, never, KeyValueStore.KeyValueStore> = Layer.effect(
  CatalogStore,
  KeyValueStore.KeyValueStore.useSync((kv) =>
    CatalogStore.of({
      get: (key) => kv.get(key).pipe(Effect.map(Option.fromUndefinedOr), Effect.mapError(storeError("get"))),
      set: (key, value) => Effect.mapError(kv.set(key, value), storeError("set")),
      lock: () => Effect.succeed(Option.some(Effect.void))
    })
  )
)

/**
 * A store in memory, for sharing a snapshot between catalogues of one
 * process (tests, mostly: a catalogue without a store keeps its snapshot in
 * memory already).
 *
 * @since 1.1.0
 * @category layers
 */
export const layerStoreMemory: Layer.Layer<CatalogStore> = layerStoreKeyValue.pipe(
  Layer.provide(KeyValueStore.layerMemory)
)

/**
 * Options of `layer`.
 *
 * @since 1.1.0
 * @category models
 */
export interface Options {
  /** A snapshot younger than this is served as it is. Default 10 minutes. */
  readonly ttl?: Duration.Input | undefined
  /**
   * A snapshot older than the TTL is served at once while one refresh runs,
   * and kept when refreshing fails, until it is this old; then callers wait
   * for a listing. Default 24 hours.
   */
  readonly maxStale?: Duration.Input | undefined
  /** `anthropic-beta` values of the listing. Default: the configured ones. */
  readonly betas?: ReadonlyArray<string> | undefined
  /** `anthropic-workspace-id` of the listing. Default: the configured one. */
  readonly workspaceId?: string | undefined
  /** The stages listed. Default all three, so retired models are known and warned about without a request. */
  readonly lifecycle?: ReadonlyArray<Lifecycle> | undefined
  /** Default `warn`. */
  readonly policy?: Policy | undefined
  /** Revalidate on this schedule as well as on use, so `changes` sees refreshes while nobody asks. */
  readonly refreshSchedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** A refresh that keeps less than this fraction of the snapshot's models is not applied. Default 0.5. */
  readonly minRetained?: number | undefined
  /** After a failed or refused refresh, how long stale readers wait before another. Default 30 seconds. */
  readonly retryAfterError?: Duration.Input | undefined
  /** The longest a fleet's refresh lock is held. Default 30 seconds. */
  readonly lockTtl?: Duration.Input | undefined
  /** How long one store operation may take before the store counts as unavailable. Default 2 seconds. */
  readonly storeTimeout?: Duration.Input | undefined
  /** Keeps apart the snapshots of different accounts in a shared store. */
  readonly namespace?: string | undefined
}

const millis = (input: Duration.Input | undefined, fallback: number): number =>
  input === undefined ? fallback : Duration.toMillis(input)

/**
 * A model's status at a time.
 *
 * @since 1.1.0
 * @category lifecycle
 */
export const statusAt = (model: ModelInfo, at: DateTime.Utc): Status =>
  Catalog.statusAt(model, DateTime.toEpochMillis(at))

/**
 * Whether a model supports a capability, nested ones included
 * (`"thinking.types.adaptive"`). The path is typed from the schema.
 *
 * @example
 * import { ModelCatalog } from "@anthropic-effect/core"
 * import type { ModelInfo } from "@anthropic-effect/core"
 *
 * const readsPdfs = (model: ModelInfo.ModelInfo) => ModelCatalog.supports(model, "pdf_input")
 *
 * @since 1.1.0
 * @category capabilities
 */
export const supports: {
  (capability: CapabilityPath): (model: ModelInfo) => boolean
  (model: ModelInfo, capability: CapabilityPath): boolean
} = dual(2, (model: ModelInfo, capability: CapabilityPath): boolean => Catalog.supports(model, capability))

/**
 * What changed between two listings: `Added` and `Changed` (with the
 * fields) in the order of `after`, then `Removed`. Equal listings give none.
 *
 * @since 1.1.0
 * @category diff
 */
export const diff = (before: ReadonlyArray<ModelInfo>, after: ReadonlyArray<ModelInfo>): ReadonlyArray<Change> =>
  Catalog.diff(before, after)

const notFound = (requested: string, requestId?: string | undefined) =>
  new ModelNotFoundError({
    requested,
    message: `No model ${requested} in the catalogue`,
    ...(requestId === undefined ? {} : { requestId })
  })

interface Source {
  readonly currentAt: (now: number) => Effect.Effect<Cache.Snapshot, ModelsError>
  readonly peek: (now: number) => Cache.Snapshot | undefined
  readonly lookup: (requested: string) => Effect.Effect<ModelInfo, ModelsError | ModelNotFoundError>
  readonly refresh: Effect.Effect<Cache.Snapshot, ModelsError>
  readonly changes: Stream.Stream<Change>
}

const toSnapshot = (snapshot: Cache.Snapshot): Snapshot => ({
  models: snapshot.models,
  fetchedAt: DateTime.makeUnsafe(snapshot.fetchedAt)
})

const checkLifecycle = (
  policy: Policy,
  requested: string,
  model: ModelInfo,
  snapshot: Cache.Snapshot,
  now: number
): Effect.Effect<ModelInfo, ModelDeprecatedError | ModelRetiredError> => {
  if (policy === "off") return Effect.succeed(model)
  const status = Catalog.statusAt(model, now)
  if (status === "active") return Effect.succeed(model)
  if (policy === "warn" && !firstTime(model.id, status)) return Effect.succeed(model)
  const replacement = Catalog.replacementFor(model, snapshot.models, now)?.id
  const message = Catalog.lifecycleMessage(requested, model, status, replacement)
  if (policy === "fail") {
    const fields = {
      requested,
      model: model.id,
      message,
      ...(model.deprecated_at == null ? {} : { deprecatedAt: model.deprecated_at }),
      ...(model.retires_at == null ? {} : { retiresAt: model.retires_at }),
      ...(replacement === undefined ? {} : { replacement })
    }
    return Effect.fail(status === "retired" ? new ModelRetiredError(fields) : new ModelDeprecatedError(fields))
  }
  return Effect.as(
    Effect.logWarning(message).pipe(Effect.annotateLogs({
      "catalog.model": model.id,
      "catalog.status": status,
      "catalog.retires_at": model.retires_at == null ? "none" : DateTime.formatIso(model.retires_at),
      "catalog.replacement": replacement ?? "none"
    })),
    model
  )
}

const makeService = (source: Source, policy: Policy): Service => {
  const findAt = (requested: string, now: number): Effect.Effect<Resolved, LookupError> =>
    Effect.flatMap(source.currentAt(now), (snapshot) => {
      const direct = snapshot.byId.get(requested)
      const found = direct !== undefined
        ? Effect.succeed(direct)
        : Effect.tap(
          Effect.map(source.lookup(requested), (model) => snapshot.byId.get(model.id) ?? model),
          (model) =>
            Effect.annotateCurrentSpan({ "anthropic.model.requested": requested, "anthropic.model.id": model.id })
        )
      return Effect.map(
        Effect.flatMap(found, (model) => checkLifecycle(policy, requested, model, snapshot, now)),
        (model) => ({ requested, model })
      )
    })
  const find = (requested: string) => Effect.clockWith((clock) => findAt(requested, clock.currentTimeMillisUnsafe()))
  // The common case, an active model of a fresh snapshot, in one effect.
  const get = (idOrAlias: string): Effect.Effect<ModelInfo, LookupError> =>
    Effect.clockWith((clock) => {
      const now = clock.currentTimeMillisUnsafe()
      const model = source.peek(now)?.byId.get(idOrAlias)
      return model !== undefined && (policy === "off" || Catalog.statusAt(model, now) === "active")
        ? Effect.succeed(model)
        : Effect.map(findAt(idOrAlias, now), (resolved) => resolved.model)
    })
  const withSnapshot = <A>(f: (snapshot: Cache.Snapshot, now: number) => A): Effect.Effect<A, ModelsError> =>
    Effect.clockWith((clock) => {
      const now = clock.currentTimeMillisUnsafe()
      return Effect.map(source.currentAt(now), (snapshot) => f(snapshot, now))
    })
  return {
    snapshot: withSnapshot(toSnapshot),
    all: withSnapshot((snapshot) => snapshot.models),
    get,
    resolve: find,
    select: (query = {}) => withSnapshot((snapshot, now) => Catalog.select(snapshot.models, query, now)),
    latest: (line) =>
      withSnapshot((snapshot, now) => Option.fromUndefinedOr(Catalog.latest(snapshot.models, line, now))),
    maxTokensFor: (idOrAlias) =>
      Effect.flatMap(get(idOrAlias), (model) =>
        model.max_tokens == null
          ? Effect.fail(
            new ModelLimitUnknownError({
              model: model.id,
              limit: "max_tokens",
              message: `The data of ${model.id} has no max_tokens`
            })
          )
          : Effect.succeed(model.max_tokens)),
    status: (model) =>
      Effect.clockWith((clock) => Effect.succeed(Catalog.statusAt(model, clock.currentTimeMillisUnsafe()))),
    refresh: Effect.map(source.refresh, toSnapshot),
    changes: source.changes
  }
}

/**
 * Builds the catalogue over `Models`, with the snapshot kept in `store`
 * when one is given. The scope holds the refreshes and the schedule.
 *
 * @since 1.1.0
 * @category constructors
 */
export const make = (
  options: Options = {},
  store?: Store
): Effect.Effect<Service, never, Models | Scope.Scope> =>
  Effect.gen(function*() {
    const models = yield* Models
    const ttlMillis = millis(options.ttl, Catalog.defaults.ttlMillis)
    const settings: Cache.Settings = {
      ttlMillis,
      maxStaleMillis: millis(options.maxStale, Catalog.defaults.maxStaleMillis),
      retryAfterErrorMillis: millis(options.retryAfterError, Catalog.defaults.retryAfterErrorMillis),
      minRetained: options.minRetained ?? Catalog.defaults.minRetained,
      lockTtlMillis: millis(options.lockTtl, Catalog.defaults.lockTtlMillis),
      lockPollMillis: Catalog.defaults.lockPollMillis
    }
    const lifecycle = options.lifecycle ?? Catalog.defaults.lifecycle
    const request = {
      ...(options.betas === undefined ? {} : { betas: options.betas }),
      ...(options.workspaceId === undefined ? {} : { workspaceId: options.workspaceId })
    }
    const scope: CatalogStoreProtocol.Scope = { ...request, lifecycle, namespace: options.namespace }
    const pubsub = yield* Effect.acquireRelease(PubSub.unbounded<Change>(), PubSub.shutdown)
    const engine = yield* Cache.make({
      settings,
      list: Stream.runCollect(models.stream({ ...request, lifecycle, limit: 1000 })),
      store: store === undefined ? undefined : SharedStore.make({
        store,
        scope,
        timeoutMillis: millis(options.storeTimeout, 2_000),
        lockTtlMillis: settings.lockTtlMillis,
        keepMillis: settings.maxStaleMillis
      }),
      onApplied: (before, after) => {
        if (before === undefined) return Effect.void
        const changes = Catalog.diff(before.models, after.models)
        return changes.length === 0 ? Effect.void : Effect.asVoid(PubSub.publishAll(pubsub, changes))
      }
    })
    const aliases = yield* Aliases.make({ ttlMillis, retrieve: (requested) => models.retrieve(requested, request) })
    if (options.refreshSchedule !== undefined) {
      yield* Effect.forkScoped(Effect.repeat(engine.revalidate, options.refreshSchedule))
    }
    return makeService({
      currentAt: engine.currentAt,
      peek: engine.peek,
      refresh: engine.refresh,
      lookup: (requested) =>
        Effect.catchTag(aliases.lookup(requested), "NotFoundError", (error) =>
          Effect.fail(notFound(requested, error.requestId))),
      changes: Stream.fromPubSub(pubsub)
    }, options.policy ?? Catalog.defaults.policy)
  })

/**
 * The catalogue over `Models`. The snapshot lives in this process's memory,
 * or in the store `options.store` provides (`layerStoreKeyValue` over a
 * file system or `localStorage`, `@anthropic-effect/platform/redis` for a
 * fleet).
 *
 * @example
 * import { ModelCatalog } from "@anthropic-effect/core"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import { Effect, Layer } from "effect"
 *
 * const CatalogLive = ModelCatalog.layer({ ttl: "10 minutes" }).pipe(Layer.provide(NodeModels.layer()))
 *
 * // Which model reads PDFs and has at least 200k of context? One listing per TTL answers it.
 * const pick = ModelCatalog.select({ capabilities: ["pdf_input"], minInputTokens: 200_000 }).pipe(
 *   Effect.map((models) => models[0]?.id),
 *   Effect.provide(CatalogLive)
 * )
 *
 * @since 1.1.0
 * @category layers
 */
export const layer = <E = never, R = never>(
  options: Options & { readonly store?: Layer.Layer<CatalogStore, E, R> | undefined } = {}
): Layer.Layer<ModelCatalog, E, Models | R> =>
  options.store === undefined
    ? Layer.effect(ModelCatalog, make(options))
    : Layer.effect(ModelCatalog, CatalogStore.use((store) => make(options, store))).pipe(
      Layer.provide(options.store)
    )

/**
 * A catalogue that never calls the API: it answers every query from the
 * models given, as fetched at `fetchedAt`. For tests, air-gapped
 * deployments and a bundled fallback. An id it does not have is a
 * `ModelNotFoundError`; `refresh` gives the same snapshot and `changes`
 * never emits.
 *
 * @since 1.1.0
 * @category layers
 */
export const layerSnapshot = (
  models: ReadonlyArray<ModelInfo>,
  fetchedAt: DateTime.DateTime.Input,
  options: { readonly policy?: Policy | undefined } = {}
): Layer.Layer<ModelCatalog> =>
  Layer.sync(ModelCatalog, () => {
    const fixed = Cache.makeSnapshot(
      models,
      DateTime.toEpochMillis(Option.getOrElse(DateTime.make(fetchedAt), () => DateTime.makeUnsafe(0)))
    )
    const snapshot = Effect.succeed(fixed)
    return makeService({
      currentAt: () => snapshot,
      peek: () => fixed,
      refresh: snapshot,
      lookup: (requested) => Effect.fail(notFound(requested)),
      changes: Stream.empty
    }, options.policy ?? Catalog.defaults.policy)
  })

/**
 * The current snapshot.
 *
 * @since 1.1.0
 * @category accessors
 */
export const snapshot: Effect.Effect<Snapshot, ModelsError, ModelCatalog> = ModelCatalog.use((catalog) =>
  catalog.snapshot
)

/**
 * Every model of the snapshot.
 *
 * @since 1.1.0
 * @category accessors
 */
export const all: Effect.Effect<ReadonlyArray<ModelInfo>, ModelsError, ModelCatalog> = ModelCatalog.use((catalog) =>
  catalog.all
)

/**
 * A model by id or alias, under the lifecycle policy. A name the listing
 * does not have costs one request per TTL.
 *
 * @since 1.1.0
 * @category accessors
 */
export const get = (idOrAlias: string): Effect.Effect<ModelInfo, LookupError, ModelCatalog> =>
  ModelCatalog.use((catalog) => catalog.get(idOrAlias))

/**
 * What an alias resolves to, under the lifecycle policy.
 *
 * @since 1.1.0
 * @category accessors
 */
export const resolve = (alias: string): Effect.Effect<Resolved, LookupError, ModelCatalog> =>
  ModelCatalog.use((catalog) => catalog.resolve(alias))

/**
 * The models that match a query, newest first, never a retired one unless
 * the query's `lifecycle` asks for it.
 *
 * @since 1.1.0
 * @category accessors
 */
export const select = (query?: Query): Effect.Effect<ReadonlyArray<ModelInfo>, ModelsError, ModelCatalog> =>
  ModelCatalog.use((catalog) => catalog.select(query))

/**
 * The newest model of a line that is not retired.
 *
 * @since 1.1.0
 * @category accessors
 */
export const latest = (line: string): Effect.Effect<Option.Option<ModelInfo>, ModelsError, ModelCatalog> =>
  ModelCatalog.use((catalog) => catalog.latest(line))

/**
 * `max_tokens` of a model, from its data: the default for a request's
 * `max_tokens`, so that no table of ids caps an unknown model.
 *
 * @since 1.1.0
 * @category accessors
 */
export const maxTokensFor = (
  idOrAlias: string
): Effect.Effect<number, LookupError | ModelLimitUnknownError, ModelCatalog> =>
  ModelCatalog.use((catalog) => catalog.maxTokensFor(idOrAlias))

/**
 * Lists now, whatever the snapshot's age.
 *
 * @since 1.1.0
 * @category accessors
 */
export const refresh: Effect.Effect<Snapshot, ModelsError, ModelCatalog> = ModelCatalog.use((catalog) =>
  catalog.refresh
)

/**
 * What every applied refresh changes, from the moment the stream runs.
 *
 * @since 1.1.0
 * @category accessors
 */
export const changes: Stream.Stream<Change, never, ModelCatalog> = Stream.unwrap(
  ModelCatalog.useSync((catalog) => catalog.changes)
)
