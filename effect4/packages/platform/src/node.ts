/**
 * The Models service on Node.js, over Node's built-in `fetch` by default, or
 * over `@effect/platform-node`'s undici client (keep-alive connections, your
 * own dispatcher, aborts on interruption).
 *
 * @since 1.0.0
 */
import type * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import type * as Undici from "@effect/platform-node/Undici"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Fetch from "./internal/fetch.js"
import { modelsLayer } from "./internal/layer.js"

// Loaded when an undici layer is built, not when this module is imported: a
// program on the default (fetch) layer never pays for @effect/platform-node's
// client (about 55 ms of CPU on Node 22) nor for undici itself (about 200 ms).
const loadNodeHttpClient = Effect.promise(() => import("@effect/platform-node/NodeHttpClient"))

/**
 * `FetchHttpClient` over Node's built-in `fetch`, with `redirect: "manual"`:
 * the client follows a redirect only within the configured origin. Unlike
 * undici it asks for and decompresses `gzip`, `deflate` and `br` bodies
 * (`maxResponseBytes` counts the decompressed bytes). What `layer()` uses.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClientFetch: Layer.Layer<HttpClient.HttpClient> = Fetch.layer

/**
 * The undici `HttpClient` on undici's global dispatcher, which keeps
 * connections alive (and which `setGlobalDispatcher` from `undici` replaces).
 * Faster than fetch once loaded, slower to start: see the package README.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClientUndici: Layer.Layer<HttpClient.HttpClient> = Layer.unwrap(
  Effect.map(
    loadNodeHttpClient,
    (NodeHttpClient) => NodeHttpClient.layerUndiciNoDispatcher.pipe(Layer.provide(NodeHttpClient.dispatcherLayerGlobal))
  )
)

/**
 * The `HttpClient` that `layer()` uses without a dispatcher:
 * `layerHttpClientFetch`, chosen on the figures in the package README.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = layerHttpClientFetch

/**
 * The undici `HttpClient` on your own dispatcher, for example a proxy:
 * `layerHttpClientWith(new ProxyAgent("http://proxy.internal:3128"))`, with
 * `ProxyAgent` from `undici` 8 (or `@effect/platform-node/Undici`). The
 * dispatcher is yours: the layer does not close it.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClientWith = (dispatcher: Undici.Dispatcher): Layer.Layer<HttpClient.HttpClient> =>
  Layer.unwrap(
    Effect.map(loadNodeHttpClient, (NodeHttpClient) =>
      NodeHttpClient.layerUndiciNoDispatcher.pipe(Layer.provide(Layer.succeed(NodeHttpClient.Dispatcher, dispatcher))))
  )

/**
 * Options of `layer`: the `ModelsConfig` options, plus an undici dispatcher.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options extends ModelsConfig.Options {
  /** Send requests over undici through this undici 8 dispatcher (a proxy agent, custom pool limits). */
  readonly dispatcher?: Undici.Dispatcher | undefined
}

/**
 * The full `Models` service on Node. `ANTHROPIC_API_KEY` (or
 * `ANTHROPIC_AUTH_TOKEN`) and `ANTHROPIC_BASE_URL` come from the environment
 * unless the options set a credential or a `baseUrl`
 * (`ModelsConfig.fromEnvWith`). With a `dispatcher` it runs over undici on
 * that dispatcher, otherwise over `layerHttpClient` (Node's `fetch`).
 *
 * @example
 * import * as Models from "@anthropic-effect/core/Models"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import * as Effect from "effect/Effect"
 *
 * // ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL, ...) from the environment
 * const fromEnv = Models.list().pipe(Effect.provide(NodeModels.layer()))
 *
 * // or explicit options
 * const explicit = Models.list().pipe(
 *   Effect.provide(NodeModels.layer({ apiKey: process.env.MY_KEY ?? "", maxRetries: 4 }))
 * )
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<Models.Models, Config.ConfigError> => {
  if (options === undefined) return modelsLayer(layerHttpClient, undefined)
  // The dispatcher is a transport setting, not a ModelsConfig option.
  const { dispatcher, ...config } = options
  return modelsLayer(dispatcher === undefined ? layerHttpClient : layerHttpClientWith(dispatcher), config)
}
