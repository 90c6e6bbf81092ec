/** Cold start: the Effect 4 edition over Node's global `fetch`. */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"

export const listOnePage = (baseUrl: string): Promise<number> =>
  Effect.runPromise(
    Models.list().pipe(
      Effect.map((page) => page.data.length),
      Effect.provide(
        Models.layer.pipe(
          Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-bench-fake", baseUrl })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
    )
  )
