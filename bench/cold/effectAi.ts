/** Cold start: `@effect/ai-anthropic`'s generated client. */
import * as AnthropicClient from "@effect/ai-anthropic/AnthropicClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export const listOnePage = (baseUrl: string): Promise<number> =>
  Effect.runPromise(
    Effect.flatMap(AnthropicClient.AnthropicClient, ({ client }) => client.modelsList({})).pipe(
      Effect.map((page) => page.data.length),
      Effect.provide(
        AnthropicClient.layer({ apiKey: Redacted.make("sk-ant-bench-fake"), apiUrl: baseUrl }).pipe(
          Layer.provide(NodeHttpClient.layerUndici)
        )
      ),
      Effect.scoped
    )
  )
