// The Effect 4 edition's check.ts (../check.ts is the Effect 3 one): type-checked (never run)
// against the packed declarations, three ways: check.ts with moduleResolution bundler,
// check.mts (ESM) and check.cts (CommonJS) with node20 (see tsconfig.node20.json).
import type { ModelInfo, ModelsError } from "@anthropic-effect/core"
import { Models, ModelsConfig } from "@anthropic-effect/core"
import type * as ModelsErrorModule from "@anthropic-effect/core/ModelsError"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import * as NodeModels from "@anthropic-effect/platform/node"
import { ModelsApiMock, ModelsApiServer, ModelsTest } from "@anthropic-effect/testing"
import * as Catalogue from "@anthropic-effect/testing/Catalogue"
import type * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

export const listed: Effect.Effect<
  ReadonlyArray<ModelInfo.ModelInfo>,
  ModelsError.ModelsError | Config.ConfigError
> = Models.stream({ limit: 10 }).pipe(
  Stream.runCollect,
  Effect.provide(NodeModels.layer({ apiKey: "sk-ant-fake", baseUrl: "http://127.0.0.1:4010" }))
)

export const retrieved: Effect.Effect<string, ModelsErrorModule.ModelsError> = Models.retrieve("claude-opus-4-1").pipe(
  Effect.map((model) => model.display_name),
  Effect.provide(ModelsTest.layer(Catalogue.claudeModels))
)

export const handled = Models.list().pipe(
  Effect.catchTags({
    AuthenticationError: (error) => Effect.succeed(`${error.status} ${error.message}`),
    RateLimitError: (error) => Effect.succeed(`retry after ${String(error.retryAfter)}`)
  })
)

export const viaMock = Models.list().pipe(
  Effect.provide(Models.layer),
  Effect.provide(ModelsConfig.layer({ apiKey: "sk-ant-fake" })),
  Effect.provide(ModelsApiMock.layer())
)

export const served: Effect.Effect<string, unknown, Scope.Scope> = ModelsApiServer.serve().pipe(
  Effect.map((server) => server.url)
)

export const browser: Layer.Layer<Models.Models, Config.ConfigError> = BrowserModels.layer({
  apiKey: "sk-ant-fake",
  dangerouslyAllowBrowser: true
})
