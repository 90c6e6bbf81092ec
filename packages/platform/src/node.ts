/**
 * The Models service on Node.js, over `@effect/platform-node`'s undici client
 * (keep-alive connections, aborts on interruption).
 *
 * @since 0.1.0
 */
import type * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as Undici from "@effect/platform-node/Undici"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import { modelsLayer } from "./internal/layer.js"

/**
 * The undici `HttpClient` on the global dispatcher, which keeps connections alive.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = NodeHttpClient.layerUndici

/**
 * The undici `HttpClient` on your own dispatcher, for example a proxy:
 * `layerHttpClientWith(new ProxyAgent("http://proxy.internal:3128"))`, with
 * `ProxyAgent` from `undici` (or `@effect/platform-node/Undici`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClientWith = (dispatcher: Undici.Dispatcher): Layer.Layer<HttpClient.HttpClient> =>
  NodeHttpClient.layerUndiciWithoutDispatcher.pipe(Layer.provide(Layer.succeed(NodeHttpClient.Dispatcher, dispatcher)))

/**
 * Options of `layer`: the `ModelsConfig` options, plus an undici dispatcher.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends ModelsConfig.Options {
  /** Send requests through this dispatcher (a proxy agent, custom pool limits). */
  readonly dispatcher?: Undici.Dispatcher | undefined
}

/**
 * The full `Models` service on Node. `ANTHROPIC_API_KEY` (or
 * `ANTHROPIC_AUTH_TOKEN`) and `ANTHROPIC_BASE_URL` come from the environment
 * unless the options set a credential or a `baseUrl`
 * (`ModelsConfig.fromEnvWith`).
 *
 * @example
 * import { Models } from "@anthropic-effect/core"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import { Effect } from "effect"
 *
 * // ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL, ...) from the environment
 * const fromEnv = Models.list().pipe(Effect.provide(NodeModels.layer()))
 *
 * // or explicit options
 * const explicit = Models.list().pipe(
 *   Effect.provide(NodeModels.layer({ apiKey: process.env.MY_KEY ?? "", maxRetries: 4 }))
 * )
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<Models.Models, ConfigError.ConfigError> =>
  modelsLayer(
    options?.dispatcher === undefined ? layerHttpClient : layerHttpClientWith(options.dispatcher),
    options
  )
