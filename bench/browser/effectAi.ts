/** Browser bundle: `@effect/ai-anthropic`'s generated client, paged by hand. */
import * as AnthropicClient from "@effect/ai-anthropic/AnthropicClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

export const streamAll = (baseUrl: string, onModel: (id: string) => void): Promise<void> =>
  Effect.runPromise(
    Effect.flatMap(AnthropicClient.AnthropicClient, ({ client }) =>
      Stream.paginateChunkEffect(Option.none<string>(), (afterId) =>
        Effect.map(
          client.modelsList(Option.match(afterId, {
            onNone: () => ({ limit: 1000 }),
            onSome: (after_id) => ({ limit: 1000, after_id })
          })),
          (page) =>
            [
              Chunk.unsafeFromArray(page.data),
              page.has_more && page.last_id !== null ? Option.some(Option.some(page.last_id)) : Option.none()
            ] as const
        )).pipe(Stream.runForEach((model) =>
          Effect.sync(() => onModel(model.id))
        ))).pipe(
        Effect.provide(
          AnthropicClient.layer({ apiKey: Redacted.make("sk-ant-bench-fake"), apiUrl: baseUrl }).pipe(
            Layer.provide(FetchHttpClient.layer)
          )
        ),
        Effect.scoped
      )
  )
