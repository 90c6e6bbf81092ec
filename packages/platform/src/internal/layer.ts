import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"

/** The full service from options (or the environment when there are none) over a runtime's HttpClient. */
export const modelsLayer = (
  httpClient: Layer.Layer<HttpClient.HttpClient>,
  options?: ModelsConfig.Options
): Layer.Layer<Models.Models, ConfigError.ConfigError> =>
  Models.layer.pipe(
    Layer.provide(options === undefined ? ModelsConfig.layerConfig() : ModelsConfig.layer(options)),
    Layer.provide(httpClient)
  )
