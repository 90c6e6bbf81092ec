// CommonJS consumer of the packed packages: the same as esm.mjs, through require.
const { Models, ModelsError } = require("@anthropic-effect/core")
const NodeModels = require("@anthropic-effect/platform/node")
const { Catalogue, ModelsApiServer } = require("@anthropic-effect/testing")
const Chunk = require("effect/Chunk")
const Effect = require("effect/Effect")
const Stream = require("effect/Stream")

const apiKey = "sk-ant-smoke-fake-key"

// require really gave the CommonJS build (dist/cjs), not the ES modules.
for (const id of ["@anthropic-effect/core", "@anthropic-effect/platform/node", "@anthropic-effect/testing"]) {
  const file = require.resolve(id)
  if (!/[\\/]dist[\\/]cjs[\\/]/.test(file)) throw new Error(`${id} resolved to ${file}, not dist/cjs`)
}

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

Effect.runPromise(program.pipe(Effect.scoped, Effect.timeout("30 seconds"))).then(({ all, page, wrongKey }) => {
  const expected = Catalogue.claudeModels.length
  if (page.data.length !== 2 || !page.has_more) throw new Error(`first page: ${JSON.stringify(page)}`)
  if (all.length !== expected) throw new Error(`streamed ${all.length} models, expected ${expected}`)
  if (!ModelsError.isModelsError(wrongKey) || wrongKey._tag !== "AuthenticationError") {
    throw new Error(`wrong key: expected AuthenticationError, got ${String(wrongKey)}`)
  }
  console.log(`cjs: listed ${all.length} models (first ${all[0].id}); wrong key -> ${wrongKey._tag}`)
}).catch((error) => {
  console.error(error)
  process.exit(1)
})
