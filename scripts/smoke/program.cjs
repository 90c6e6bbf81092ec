// The program both consumers run, in both editions (run.sh for Effect 3, effect4/run.sh
// for Effect 4). It is handed the modules rather than loading them, so esm.mjs exercises
// the packages through `import` and cjs.cjs through `require`, each resolving its own build.
const apiKey = "sk-ant-smoke-fake-key"

module.exports = async function run(
  label,
  { Catalogue, Effect, Models, ModelsApiServer, ModelsError, NodeModels, Stream }
) {
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
    // A Chunk in Effect 3, an Array in Effect 4: both are iterable.
    return { page, all: Array.from(all), wrongKey }
  })

  const { all, page, wrongKey } = await Effect.runPromise(program.pipe(Effect.scoped, Effect.timeout("30 seconds")))
  const expected = Catalogue.claudeModels.length
  if (page.data.length !== 2 || !page.has_more) throw new Error(`first page: ${JSON.stringify(page)}`)
  if (all.length !== expected) throw new Error(`streamed ${all.length} models, expected ${expected}`)
  if (!ModelsError.isModelsError(wrongKey) || wrongKey._tag !== "AuthenticationError") {
    throw new Error(`wrong key: expected AuthenticationError, got ${String(wrongKey)}`)
  }
  console.log(
    `${label}: listed ${all.length} models (first ${all[0].id}, created ${
      all[0].created_at
    }); wrong key -> ${wrongKey._tag}`
  )
}
