/**
 * `@effect/ai-anthropic`'s generated client, paged by hand into a `Stream` as
 * Effect users do today: it has `modelsList` but no pagination helper.
 */
import * as AnthropicClient from "@effect/ai-anthropic/AnthropicClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { apiKey, type Peer, perBaseUrl } from "./peer.js"

const runtimes = perBaseUrl((baseUrl) =>
  ManagedRuntime.make(
    AnthropicClient.layer({ apiKey: Redacted.make(apiKey), apiUrl: baseUrl }).pipe(
      Layer.provide(NodeHttpClient.layerUndici)
    )
  )
)

const pages = (limit: number) =>
  Stream.unwrap(
    Effect.map(AnthropicClient.AnthropicClient, ({ client }) =>
      Stream.paginateEffect(Option.none<string>(), (afterId) =>
        Effect.map(
          client.modelsList(Option.match(afterId, {
            onNone: () => ({ limit }),
            onSome: (after_id) => ({ limit, after_id })
          })),
          (page) =>
            [
              page,
              page.has_more && page.last_id !== null ? Option.some(Option.some(page.last_id)) : Option.none()
            ] as const
        )))
  )

const models = (limit: number) =>
  Stream.mapChunks(pages(limit), Chunk.flatMap((page) => Chunk.unsafeFromArray(page.data)))

export const peer: Peer = {
  name: "effect-ai",
  listAll: ({ baseUrl, limit, onPage }) => {
    let count = 0
    return runtimes.get(baseUrl).runPromise(
      Stream.runForEachChunk(models(limit), (chunk) => {
        count += chunk.length
        return onPage === undefined ? Effect.void : Effect.promise(onPage)
      })
    ).then(() => count)
  },
  firstModel: (baseUrl, limit) =>
    runtimes.get(baseUrl).runPromise(
      Effect.map(Stream.runHead(models(limit)), Option.match({ onNone: () => "", onSome: (model) => model.id }))
    ),
  retrieveAll: (baseUrl, ids) =>
    runtimes.get(baseUrl).runPromise(
      Effect.flatMap(AnthropicClient.AnthropicClient, ({ client }) =>
        Effect.forEach(ids, (id) => client.modelsGet(id), { concurrency: "unbounded" }))
    ).then((models) =>
      models.length
    ),
  collectPages: (baseUrl, limit, count) =>
    runtimes.get(baseUrl).runPromise(Stream.runCollect(Stream.take(pages(limit), count))).then(Chunk.toReadonlyArray),
  close: async () => {
    await Promise.all(runtimes.all().map((runtime) => runtime.dispose()))
    runtimes.clear()
  }
}
