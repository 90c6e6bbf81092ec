import * as Models from "@anthropic-effect/core/Models"
import * as BunModels from "@anthropic-effect/platform/bun"
import * as DenoModels from "@anthropic-effect/platform/deno"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"

// The Bun and Deno layers are FetchHttpClient over the runtime's fetch; Node 22's
// fetch is enough to check the wiring. The acceptance runs put them on Bun and Deno.
const KEY = "sk-ant-platform-fetch-FAKE"
const models = synthetic(1200)

const runtimes = [
  { name: "bun", layer: BunModels.layer },
  { name: "deno", layer: DenoModels.layer }
] as const

describe("@anthropic-effect/platform/{bun,deno} under Node's fetch", () => {
  for (const runtime of runtimes) {
    it.live(`${runtime.name}: streams in order, retrieves, NotFoundError, survives a 529`, () =>
      Effect.gen(function*() {
        const server = yield* ModelsApiServer.serve({ models, apiKey: KEY, faults: { script: { 1: "overloaded" } } })
        const program = Effect.gen(function*() {
          // Request 1 is a 529: the client's retry turns it into the first page.
          const ids = yield* Models.stream({ limit: 500 }).pipe(Stream.map((model) => model.id), Stream.runCollect)
          assert.deepStrictEqual(ids, models.map((model) => model.id))
          const one = yield* Models.retrieve(models[99]!.id)
          assert.strictEqual(one.id, models[99]!.id)
          const missing = yield* Effect.flip(Models.retrieve("claude-no-such-model"))
          assert.strictEqual(missing._tag, "NotFoundError")
        })
        yield* Effect.provide(
          program,
          runtime.layer({
            apiKey: KEY,
            baseUrl: server.url,
            // One retry at once: the test is about the retry happening, not its backoff.
            retrySchedule: Schedule.recurs(1)
          })
        )
        const stats = yield* server.stats
        assert.strictEqual(stats.faults.overloaded, 1)
        assert.strictEqual(stats.requests, 1 + 3 + 1 + 1)
      }))
  }

  it.live("bun: without options reads the environment; deno: with options reads nothing from it", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const env = ConfigProvider.fromEnvRecord({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url })
      const fromEnv = yield* Models.list({ limit: 2 }).pipe(
        Effect.provide(BunModels.layer()),
        Effect.provideService(ConfigProvider.ConfigProvider, env)
      )
      assert.strictEqual(fromEnv.data.length, 2)
      const denoFromEnv = yield* Models.list({ limit: 2 }).pipe(
        Effect.provide(DenoModels.layer()),
        Effect.provideService(ConfigProvider.ConfigProvider, env)
      )
      assert.strictEqual(denoFromEnv.data.length, 2)
      // With options, Deno's layer needs no --allow-env: the key is not looked up.
      const missing = yield* Effect.flip(
        Models.list().pipe(
          Effect.provide(DenoModels.layer({ baseUrl: server.url })),
          Effect.provideService(ConfigProvider.ConfigProvider, env)
        )
      )
      assert.strictEqual(missing._tag, "ConfigError")
    }))
})
