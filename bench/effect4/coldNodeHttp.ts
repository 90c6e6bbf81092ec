/** Cold start: the Effect 4 edition over `node:http` (`@effect/platform-node`'s `layerNodeHttp`, which loads no undici). */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export const listOnePage = (baseUrl: string): Promise<number> =>
  Effect.runPromise(
    Models.list().pipe(
      Effect.map((page) => page.data.length),
      Effect.provide(
        Models.layer.pipe(
          Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-bench-fake", baseUrl })),
          Layer.provide(NodeHttpClient.layerNodeHttp)
        )
      )
    )
  )
