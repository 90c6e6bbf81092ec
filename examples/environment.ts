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
import type * as HttpServerError from "@effect/platform/HttpServerError"
import type * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

export interface EnvironmentOptions {
  /** The catalogue the embedded server serves. Default: the Claude fixture. */
  readonly models?: ReadonlyArray<ModelInfoEncoded>
}

export const ModelsLive = (
  options: EnvironmentOptions = {}
): Layer.Layer<Models.Models, ConfigError.ConfigError | HttpServerError.ServeError> =>
  Layer.unwrapScoped(Effect.gen(function*() {
    // The same rule the real layer applies: a key or token that is set and not blank.
    const credentials = yield* Effect.option(ModelsConfig.fromEnv)
    if (Option.isSome(credentials)) return NodeModels.layer()
    const server = yield* ModelsApiServer.serve({ models: options.models })
    yield* Console.error(`No ANTHROPIC_API_KEY set: using the built-in mock Models API at ${server.url}`)
    return NodeModels.layer({ apiKey: "sk-ant-local-demo", baseUrl: server.url })
  }))
