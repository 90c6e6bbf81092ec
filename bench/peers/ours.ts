/**
 * This project: `Models.stream` over `NodeHttpClient.layerUndici`, every page
 * validated against the full schema, timestamps decoded to `DateTime.Utc`.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { apiKey, type Peer, perBaseUrl } from "./peer.js"

const runtimes = perBaseUrl((baseUrl) =>
  ManagedRuntime.make(
    Models.layer.pipe(
      Layer.provide(ModelsConfig.layer({ apiKey, baseUrl })),
      Layer.provide(NodeHttpClient.layerUndici)
    )
  )
)

export const peer: Peer = {
  name: "ours",
  listAll: ({ baseUrl, limit, onPage, prefetch }) => {
    let count = 0
    return runtimes.get(baseUrl).runPromise(
      // One chunk per page: `stream` emits each page's models as one chunk.
      Stream.runForEachChunk(Models.stream({ limit, prefetch }), (chunk) => {
        count += chunk.length
        return onPage === undefined ? Effect.void : Effect.promise(onPage)
      })
    ).then(() => count)
  },
  firstModel: (baseUrl, limit) =>
    runtimes.get(baseUrl).runPromise(
      Effect.map(
        Stream.runHead(Models.stream({ limit })),
        Option.match({ onNone: () => "", onSome: (model) => model.id })
      )
    ),
  retrieveAll: (baseUrl, ids) =>
    runtimes.get(baseUrl).runPromise(
      Effect.forEach(ids, (id) => Models.retrieve(id), { concurrency: "unbounded" })
    ).then((models) => models.length),
  collectPages: (baseUrl, limit, count) =>
    runtimes.get(baseUrl).runPromise(Stream.runCollect(Stream.take(Models.pages({ limit }), count))).then(
      Chunk.toReadonlyArray
    ),
  close: async () => {
    await Promise.all(runtimes.all().map((runtime) => runtime.dispose()))
    runtimes.clear()
  }
}
