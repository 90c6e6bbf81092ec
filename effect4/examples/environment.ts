/**
 * The Models service for the examples: the real API when ANTHROPIC_API_KEY is
 * set, otherwise the embedded mock API on 127.0.0.1 serving the Claude
 * catalogue fixture, so every example runs on a fresh machine.
 */
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import type * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import type * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type * as HttpServerError from "effect/http/HttpServerError"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

export interface EnvironmentOptions {
  /** The catalogue the embedded server serves. Default: the Claude fixture. */
  readonly models?: ReadonlyArray<ModelInfoEncoded>
}

export const ModelsLive = (
  options: EnvironmentOptions = {}
): Layer.Layer<Models.Models, Config.ConfigError | HttpServerError.ServeError> =>
  // Layer.unwrap keeps the scope open for the layer's lifetime (Effect 3: Layer.unwrapScoped).
  Layer.unwrap(Effect.gen(function*() {
    // The same rule the real layer applies: a key or token that is set and not blank.
    // A Config is an Effect in Effect 4, so it runs as one.
    const credentials = yield* Effect.option(ModelsConfig.fromEnv)
    if (Option.isSome(credentials)) return NodeModels.layer()
    const server = yield* ModelsApiServer.serve({ models: options.models })
    yield* Console.error(`No ANTHROPIC_API_KEY set: using the built-in mock Models API at ${server.url}`)
    return NodeModels.layer({ apiKey: "sk-ant-local-demo", baseUrl: server.url })
  }))
