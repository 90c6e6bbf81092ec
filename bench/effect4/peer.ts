/**
 * The Effect 4 edition as a bench peer: `Models.stream` and `Models.retrieve`
 * from `effect4/packages/core`, every page validated, over a transport given
 * as a Layer. Compiled against the effect4 workspace (`build.ts`,
 * `buildEffect4`) and loaded by the worker at run time, so Effect 3 and
 * Effect 4 never share a copy of `effect`.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { type Peer, perBaseUrl } from "../peers/peer.js"

/** The service for one base URL, with the fake key of every peer. */
export type LayerFor = (baseUrl: string) => Layer.Layer<Models.Models, unknown>

export const makePeer = (name: string, layerFor: LayerFor): Peer => {
  const runtimes = perBaseUrl((baseUrl) => ManagedRuntime.make(layerFor(baseUrl)))
  return {
    name,
    listAll: ({ baseUrl, limit, onPage, prefetch }) => {
      let count = 0
      return runtimes.get(baseUrl).runPromise(
        // One array per page: `stream` emits each page's models together.
        Stream.runForEachArray(Models.stream({ limit, prefetch }), (models) => {
          count += models.length
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
      runtimes.get(baseUrl).runPromise(Stream.runCollect(Stream.take(Models.pages({ limit }), count))),
    close: async () => {
      await Promise.all(runtimes.all().map((runtime) => runtime.dispose()))
      runtimes.clear()
    }
  }
}
