import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import type * as Config from "effect/Config"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"

/**
 * The full service over a runtime's HttpClient, configured from options completed
 * from the environment (`fromEnvWith`), or from the options alone where reading the
 * environment is not wanted (browsers have none; Deno asks for a permission).
 */
export const modelsLayer = (
  httpClient: Layer.Layer<HttpClient.HttpClient>,
  options: ModelsConfig.Options | undefined,
  source: "environment" | "options-only" = "environment"
): Layer.Layer<Models.Models, Config.ConfigError> =>
  Models.layer.pipe(
    Layer.provide(
      source === "options-only"
        ? ModelsConfig.layer(options ?? {})
        : ModelsConfig.layerConfig(ModelsConfig.fromEnvWith(options ?? {}))
    ),
    Layer.provide(httpClient)
  )
