/**
 * Backpressure: a stream over a 100,000-model catalogue from which the
 * consumer takes 5 models makes exactly one request. With `prefetch: 1` the
 * next page is fetched while the consumer works on the current one.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as NodeModels from "@anthropic-effect/platform/node"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const program = Effect.gen(function*() {
  const server = yield* ModelsApiServer.serve({ models: synthetic(100_000) })
  const layer = NodeModels.layer({ apiKey: "sk-ant-local-demo", baseUrl: server.url })

  const five = yield* Stream.runCollect(Stream.take(Models.stream({ limit: 1000 }), 5)).pipe(Effect.provide(layer))
  const afterTake = (yield* server.stats).requests
  yield* Console.log(`took ${five.length} models with ${afterTake} request(s)`)

  // A slow consumer: 3 pages, 50 ms of work each; prefetch overlaps the next request.
  const pages = yield* Models.pages({ limit: 1000, prefetch: 1 }).pipe(
    Stream.take(3),
    Stream.tap(() => Effect.sleep("50 millis")),
    Stream.runCount,
    Effect.provide(layer)
  )
  const total = (yield* server.stats).requests
  yield* Console.log(`consumed ${pages} pages with prefetch 1: ${total - afterTake} request(s), at most one ahead`)
})

NodeRuntime.runMain(Effect.scoped(program))
