/**
 * The Models service on Bun, over its native `fetch`.
 *
 * @since 1.0.0
 */
import type * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import type * as Config from "effect/Config"
import type * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import * as Fetch from "./internal/fetch.js"
import { modelsLayer } from "./internal/layer.js"

/**
 * `FetchHttpClient` over Bun's native `fetch`, with `redirect: "manual"`: the
 * client follows a redirect only within the configured origin.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = Fetch.layer

/**
 * The full `Models` service on Bun. `ANTHROPIC_API_KEY` (or
 * `ANTHROPIC_AUTH_TOKEN`) and `ANTHROPIC_BASE_URL` come from the environment
 * unless the options set a credential or a `baseUrl`
 * (`ModelsConfig.fromEnvWith`).
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options?: ModelsConfig.Options): Layer.Layer<Models.Models, Config.ConfigError> =>
  modelsLayer(layerHttpClient, options)
