// ESM consumer of the packed packages: list the models of a loopback ModelsApiServer
// through @anthropic-effect/platform/node, and check a typed failure with a wrong key.
import { Models, ModelsError } from "@anthropic-effect/core"
import * as NodeModels from "@anthropic-effect/platform/node"
import { Catalogue, ModelsApiServer } from "@anthropic-effect/testing"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const apiKey = "sk-ant-smoke-fake-key"

const program = Effect.gen(function*() {
  const server = yield* ModelsApiServer.serve({ apiKey })
  const client = NodeModels.layer({ apiKey, baseUrl: server.url, maxRetries: 0 })
  const page = yield* Models.list({ limit: 2 }).pipe(Effect.provide(client))
  const all = yield* Models.stream({ limit: 3, lifecycle: ["active", "deprecated", "retired"] }).pipe(
    Stream.runCollect,
    Effect.provide(client)
  )
  const wrongKey = yield* Models.list().pipe(
    Effect.provide(NodeModels.layer({ apiKey: "sk-ant-wrong-fake-key", baseUrl: server.url, maxRetries: 0 })),
    Effect.flip
  )
  return { page, all: Chunk.toReadonlyArray(all), wrongKey }
})

const { all, page, wrongKey } = await Effect.runPromise(
  program.pipe(Effect.scoped, Effect.timeout("30 seconds"))
)
const expected = Catalogue.claudeModels.length
if (page.data.length !== 2 || !page.has_more) throw new Error(`first page: ${JSON.stringify(page)}`)
if (all.length !== expected) throw new Error(`streamed ${all.length} models, expected ${expected}`)
if (!ModelsError.isModelsError(wrongKey) || wrongKey._tag !== "AuthenticationError") {
  throw new Error(`wrong key: expected AuthenticationError, got ${String(wrongKey)}`)
}
console.log(
  `esm: listed ${all.length} models (first ${all[0].id}, created ${all[0].created_at}); wrong key -> ${wrongKey._tag}`
)
