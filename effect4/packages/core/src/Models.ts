/**
 * The Models service: list one page, stream every page or every model with
 * backpressure, and retrieve one model. Each call fails only with a
 * `ModelsError`, and each HTTP request is retried on its own.
 *
 * @since 1.0.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { makeHttpBackend } from "./internal/backend.js"
import * as Pagination from "./internal/pagination.js"
import { checkModelId, checkPageRequest, checkPrefetch, checkRequestOptions } from "./internal/params.js"
import * as Prefetch from "./internal/prefetch.js"
import type { Lifecycle, ModelInfo, ModelsPage } from "./ModelInfo.js"
import { ModelsConfig } from "./ModelsConfig.js"
import type { InvalidParameterError, ModelsError } from "./ModelsError.js"

/**
 * Options for one request, overriding the configured defaults.
 *
 * @since 1.0.0
 * @category models
 */
export interface RequestParams {
  /** `anthropic-beta` values for this request, instead of the configured ones. */
  readonly betas?: ReadonlyArray<string> | undefined
  /** `anthropic-workspace-id` for this request. */
  readonly workspaceId?: string | undefined
}

/**
 * One request of a page: what `list` sends, and what a `Backend` answers
 * after validation.
 *
 * @since 1.0.0
 * @category models
 */
export interface PageRequest extends RequestParams {
  /** Models per page, 1 to 1000. The API's default is 20. */
  readonly limit?: number | undefined
  /** Start after this model id (forward). */
  readonly afterId?: string | undefined
  /** Start before this model id; `pages` and `stream` then walk backward. */
  readonly beforeId?: string | undefined
  /** Only models in these stages (at most 3). The API's default is active and deprecated. */
  readonly lifecycle?: ReadonlyArray<Lifecycle> | undefined
}

/**
 * Parameters of `list`, `pages` and `stream`.
 *
 * @since 1.0.0
 * @category models
 */
export interface ListParams extends PageRequest {
  /**
   * For `pages` and `stream`: how many pages may be fetched ahead of the
   * consumer, 0 to 64. Default 0, one request per pull.
   */
  readonly prefetch?: number | undefined
}

/**
 * What the `Models` tag provides.
 *
 * @since 1.0.0
 * @category models
 */
export interface Service {
  /** One page of models. */
  readonly list: (params?: ListParams) => Effect.Effect<ModelsPage, ModelsError>
  /** Every page, one request per pull (or `prefetch` ahead). */
  readonly pages: (params?: ListParams) => Stream.Stream<ModelsPage, ModelsError>
  /** Every model, in the order of travel. */
  readonly stream: (params?: ListParams) => Stream.Stream<ModelInfo, ModelsError>
  /** One model by id or alias. */
  readonly retrieve: (modelId: string, params?: RequestParams) => Effect.Effect<ModelInfo, ModelsError>
}

/**
 * The service tag.
 *
 * @since 1.0.0
 * @category tags
 */
export class Models extends Context.Service<Models, Service>()("@anthropic-effect/core/Models") {}

/**
 * The two requests a transport must answer. `fromBackend` adds validation,
 * pagination and prefetch on top, so every implementation (HTTP, the test
 * Layers) pages the same way.
 *
 * @since 1.0.0
 * @category models
 */
export interface Backend {
  readonly listPage: (request: PageRequest) => Effect.Effect<ModelsPage, ModelsError>
  readonly retrieve: (modelId: string, params: RequestParams) => Effect.Effect<ModelInfo, ModelsError>
}

const checkedStream = <A>(
  params: ListParams,
  build: (request: PageRequest, prefetch: number) => Stream.Stream<A, ModelsError>
): Stream.Stream<A, ModelsError> =>
  Stream.unwrap(
    Effect.zipWith(
      checkPageRequest(params),
      checkPrefetch(params.prefetch),
      build
    ) satisfies Effect.Effect<Stream.Stream<A, ModelsError>, InvalidParameterError>
  )

/**
 * Builds the service from a `Backend`.
 *
 * @since 1.0.0
 * @category constructors
 */
export const fromBackend = (backend: Backend): Service => {
  const pagesOf = (request: PageRequest, prefetch: number) => {
    const pageStream = Pagination.pages(request, backend.listPage)
    return prefetch > 0 ? Prefetch.prefetch(pageStream, prefetch) : pageStream
  }
  return {
    list: (params = {}) => Effect.flatMap(checkPageRequest(params), backend.listPage),
    pages: (params = {}) => checkedStream(params, pagesOf),
    stream: (params = {}) =>
      checkedStream(
        params,
        (request, prefetch) => Pagination.models(request.beforeId !== undefined, pagesOf(request, prefetch))
      ),
    retrieve: (modelId, params = {}) =>
      Effect.flatMap(
        Effect.zip(checkModelId(modelId), checkRequestOptions(params)),
        ([id, options]) => backend.retrieve(id, options)
      )
  }
}

/**
 * Builds the service over Effect's `HttpClient` (`effect/http/HttpClient`).
 *
 * @since 1.0.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, ModelsConfig | HttpClient.HttpClient> = Effect.gen(function*() {
  const config = yield* ModelsConfig
  const httpClient = yield* HttpClient.HttpClient
  return fromBackend(makeHttpBackend(config, httpClient))
})

/**
 * The service over HTTP. Provide `ModelsConfig` and an `HttpClient`
 * (`FetchHttpClient.layer`, or `NodeHttpClient.layerUndici` from
 * `@effect/platform-node`).
 *
 * @since 1.0.0
 * @category layers
 */
export const layer: Layer.Layer<Models, never, ModelsConfig | HttpClient.HttpClient> = Layer.effect(Models, make)

/**
 * One page of models.
 *
 * @example
 * import { Models, ModelsConfig } from "@anthropic-effect/core"
 * import { Effect, Layer } from "effect"
 * import * as FetchHttpClient from "effect/http/FetchHttpClient"
 *
 * const ModelsLive = Models.layer.pipe(
 *   Layer.provide(ModelsConfig.layerConfig()),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * // One page of 10; every failure is a tagged error in the error channel.
 * const firstPage = Models.list({ limit: 10 }).pipe(
 *   Effect.map((page) => page.data.map((model) => model.id)),
 *   Effect.catchTags({
 *     RateLimitError: (error) => Effect.logWarning(`retry after ${String(error.retryAfter)}`).pipe(Effect.as([])),
 *     AuthenticationError: () => Effect.die(new Error("check ANTHROPIC_API_KEY"))
 *   }),
 *   Effect.provide(ModelsLive)
 * )
 *
 * @since 1.0.0
 * @category accessors
 */
export const list = (params?: ListParams): Effect.Effect<ModelsPage, ModelsError, Models> =>
  Effect.flatMap(Models, (models) => models.list(params))

/**
 * Every page of models, fetched as the consumer pulls.
 *
 * @since 1.0.0
 * @category accessors
 */
export const pages = (params?: ListParams): Stream.Stream<ModelsPage, ModelsError, Models> =>
  Stream.unwrap(Effect.map(Models, (models) => models.pages(params)))

/**
 * Every model, fetched page by page as the consumer pulls.
 *
 * @example
 * import { Models, ModelsConfig } from "@anthropic-effect/core"
 * import { Effect, Layer, Stream } from "effect"
 * import * as FetchHttpClient from "effect/http/FetchHttpClient"
 *
 * const ModelsLive = Models.layer.pipe(
 *   Layer.provide(ModelsConfig.layerConfig()),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * // The next page is requested only when the stream needs more models.
 * const opusModels = Models.stream({ limit: 100 }).pipe(
 *   Stream.filter((model) => model.id.includes("opus")),
 *   Stream.take(3),
 *   Stream.runCollect,
 *   Effect.provide(ModelsLive)
 * )
 *
 * @since 1.0.0
 * @category accessors
 */
export const stream = (params?: ListParams): Stream.Stream<ModelInfo, ModelsError, Models> =>
  Stream.unwrap(Effect.map(Models, (models) => models.stream(params)))

/**
 * One model by id or alias. The id is URL-encoded.
 *
 * @since 1.0.0
 * @category accessors
 */
export const retrieve = (modelId: string, params?: RequestParams): Effect.Effect<ModelInfo, ModelsError, Models> =>
  Effect.flatMap(Models, (models) => models.retrieve(modelId, params))
