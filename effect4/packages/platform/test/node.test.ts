import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeModels from "@anthropic-effect/platform/node"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as Undici from "@effect/platform-node/Undici"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Zlib from "node:zlib"
import * as S from "../../../../packages/platform/test/hostile/server.js"

const KEY = "sk-ant-platform-node-FAKE"
const models = synthetic(2000)

/** An undici Agent closed with the test's scope, so no socket outlives it. */
const scopedAgent = <A extends Undici.Dispatcher>(make: () => A) =>
  Effect.acquireRelease(Effect.sync(make), (agent) => Effect.promise(() => agent.close()))

/** An Agent that counts every request it dispatches. */
const countingAgent = Effect.map(scopedAgent(() => new Undici.Agent()), (agent) => {
  const counter = { requests: 0 }
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    counter.requests++
    return dispatch(options, handler)
  })
  return { counter, dispatcher }
})

const env = (variables: Record<string, string>) =>
  Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(variables))

describe("@anthropic-effect/platform/node", () => {
  for (
    const [name, httpClient] of [
      ["layer() (layerHttpClient)", undefined],
      ["layerHttpClientUndici", NodeModels.layerHttpClientUndici],
      ["layerHttpClientFetch", NodeModels.layerHttpClientFetch]
    ] as const
  ) {
    it.live(`${name}: lists, streams in order, retrieves and fails with NotFoundError against ModelsApiServer`, () =>
      Effect.gen(function*() {
        const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
        const options = { apiKey: KEY, baseUrl: server.url }
        const program = Effect.gen(function*() {
          const page = yield* Models.list()
          assert.strictEqual(page.data.length, 20)
          const ids = yield* Models.stream({ limit: 500 }).pipe(
            Stream.map((model) => model.id),
            Stream.runCollect
          )
          assert.deepStrictEqual(ids, models.map((model) => model.id))
          const one = yield* Models.retrieve(models[1234]!.id)
          assert.strictEqual(one.display_name, models[1234]!.display_name)
          const missing = yield* Effect.flip(Models.retrieve("claude-no-such-model"))
          assert.strictEqual(missing._tag, "NotFoundError")
        })
        yield* Effect.provide(
          program,
          httpClient === undefined
            ? NodeModels.layer(options)
            : Models.layer.pipe(Layer.provide(ModelsConfig.layer(options)), Layer.provide(httpClient))
        )
        // 1 page + 4 pages + retrieve + 404, on kept-alive connections. Undici may
        // open a second one when a request follows the previous response at once.
        const stats = yield* server.stats
        assert.strictEqual(stats.requests, 7)
        assert.isAtMost(stats.connections, 2)
      }))
  }

  it.live("layer() runs on Node's fetch (it asks for gzip and decodes it); the undici layer does neither", () =>
    Effect.gen(function*() {
      const page = JSON.stringify({ data: models.slice(0, 2), first_id: null, last_id: null, has_more: false })
      const gzipped = Zlib.gzipSync(page)
      const server = yield* Effect.acquireRelease(
        Effect.promise(() =>
          S.start((exchange) =>
            String(exchange.headers["accept-encoding"]).includes("gzip")
              ? S.send(exchange, 200, gzipped, { "content-type": "application/json", "content-encoding": "gzip" })
              : S.send(exchange, 200, page, { "content-type": "application/json" })
          )
        ),
        (server) => Effect.promise(() => server.close())
      )
      const options = { apiKey: KEY, baseUrl: server.origin, maxRetries: 0 }
      const byDefault = yield* Models.list().pipe(Effect.provide(NodeModels.layer(options)))
      assert.strictEqual(byDefault.data.length, 2)
      const overUndici = yield* Models.list().pipe(
        Effect.provide(Models.layer.pipe(
          Layer.provide(ModelsConfig.layer(options)),
          Layer.provide(NodeModels.layerHttpClientUndici)
        ))
      )
      assert.strictEqual(overUndici.data.length, 2)
      assert.deepStrictEqual(
        server.received.map((request) => String(request.headers["accept-encoding"]).includes("gzip")),
        [true, false]
      )
    }))

  it.live("without options reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const page = yield* Models.list({ limit: 3 }).pipe(
        Effect.provide(NodeModels.layer()),
        env({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url })
      )
      assert.strictEqual(page.data.length, 3)
    }))

  it.live("with options but no key, the key and base URL still come from the environment", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const page = yield* Models.list({ limit: 3 }).pipe(
        Effect.provide(NodeModels.layer({ maxRetries: 0, timeout: "5 seconds" })),
        env({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url })
      )
      assert.strictEqual(page.data.length, 3)
      const missing = yield* Effect.flip(
        Models.list().pipe(Effect.provide(NodeModels.layer({ timeout: "5 seconds" })), env({}))
      )
      assert.strictEqual(missing._tag, "ConfigError")
      assert.include(String(missing), "ANTHROPIC_API_KEY")
    }))

  it.live("layerHttpClientWith sends every request through the given dispatcher", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const { counter, dispatcher } = yield* countingAgent
      const count = yield* Models.stream({ limit: 1000 }).pipe(
        Stream.runCount,
        Effect.provide(NodeModels.layer({ apiKey: KEY, baseUrl: server.url, dispatcher }))
      )
      assert.strictEqual(count, 2000)
      const stats = yield* server.stats
      assert.strictEqual(stats.requests, 2)
      assert.strictEqual(counter.requests, 2)
    }))

  it.live("a MockAgent dispatcher answers in place of the network (the global dispatcher is not used)", () =>
    Effect.gen(function*() {
      const origin = "https://models.example.test"
      const agent = yield* scopedAgent(() => new Undici.MockAgent())
      agent.disableNetConnect()
      agent.get(origin).intercept({ path: (path) => path.startsWith("/v1/models"), method: "GET" }).reply(
        200,
        { data: models.slice(0, 2), first_id: models[0]!.id, last_id: models[1]!.id, has_more: false },
        { headers: { "content-type": "application/json", "request-id": "req_from_mock_agent" } }
      )
      const page = yield* Models.list({ limit: 2 }).pipe(
        Effect.provide(NodeModels.layer({ apiKey: KEY, baseUrl: origin, dispatcher: agent, maxRetries: 0 }))
      )
      assert.deepStrictEqual(page.data.map((model) => model.id), [models[0]!.id, models[1]!.id])
    }))
})
