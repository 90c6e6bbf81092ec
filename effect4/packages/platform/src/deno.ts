/**
 * The Models service on Deno, over its native `fetch`.
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
 * `FetchHttpClient` over Deno's native `fetch`, with `redirect: "manual"`: the
 * client follows a redirect only within the configured origin.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = Fetch.layer

/**
 * The full `Models` service on Deno. Without options it reads
 * `ANTHROPIC_API_KEY` and friends from the environment (run with
 * `--allow-env`); with options it uses them alone, so a program that passes
 * its key needs no environment permission.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options?: ModelsConfig.Options): Layer.Layer<Models.Models, Config.ConfigError> =>
  modelsLayer(layerHttpClient, options, options === undefined ? "environment" : "options-only")
