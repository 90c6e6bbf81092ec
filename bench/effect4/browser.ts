/** Browser bundle: stream every model with the Effect 4 edition over `fetch`. */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

export const streamAll = (baseUrl: string, onModel: (id: string) => void): Promise<void> =>
  Effect.runPromise(
    Models.stream({ limit: 1000 }).pipe(
      Stream.runForEach((model) => Effect.sync(() => onModel(model.id))),
      Effect.provide(
        Models.layer.pipe(
          Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-bench-fake", baseUrl })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
    )
  )
