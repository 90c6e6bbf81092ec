import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { synthetic } from "../src/Catalogue.js"
import * as ModelsApiMock from "../src/ModelsApiMock.js"

const KEY = "sk-ant-mock-FAKE-1"
const models = synthetic(250)

const client = (mock: ModelsApiMock.Options, config: Partial<ModelsConfig.Options> = {}) =>
  Models.layer.pipe(
    Layer.provideMerge(ModelsApiMock.layer({ models, apiKey: KEY, ...mock })),
    Layer.provide(ModelsConfig.layer({ apiKey: KEY, baseUrl: "https://api.anthropic.com", ...config })),
    Layer.orDie
  )

const stats = Effect.gen(function*() {
  const mock = yield* ModelsApiMock.ModelsApiMock
  return yield* mock.stats
})

const requests = Effect.gen(function*() {
  const mock = yield* ModelsApiMock.ModelsApiMock
  return yield* mock.requests
})

describe("ModelsApiMock", () => {
  it.effect("the real client streams the whole catalogue through it", () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: 100 }))
      assert.deepStrictEqual(all.map((m) => m.id), models.map((m) => m.id))
      const seen = yield* requests
      assert.strictEqual(seen.length, 3)
      assert.strictEqual(seen[0]!.headers["anthropic-version"], "2023-06-01")
      assert.strictEqual(seen[0]!.headers["x-api-key"], KEY)
      assert.strictEqual(seen[1]!.url.searchParams.get("after_id"), models[99]!.id)
    }).pipe(Effect.provide(client({}))))

  it.effect("a wrong key is a 401 authentication_error with a request id", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(error._tag, "AuthenticationError")
      if (error._tag !== "AuthenticationError") return
      assert.strictEqual(error.status, 401)
      assert.match(error.requestId ?? "", /^req_mock_/)
    }).pipe(Effect.provide(client({}, { apiKey: "sk-ant-wrong" }))))

  it.effect("a missing key is 401 and a missing anthropic-version is 400", () =>
    Effect.gen(function*() {
      const http = yield* HttpClient.HttpClient
      const noKey = yield* http.get("https://api.anthropic.com/v1/models", {
        headers: { "anthropic-version": "2023-06-01" }
      })
      assert.strictEqual(noKey.status, 401)
      const body = yield* noKey.json
      assert.deepInclude(body, { type: "error" })
      const noVersion = yield* http.get("https://api.anthropic.com/v1/models", { headers: { "x-api-key": KEY } })
      assert.strictEqual(noVersion.status, 400)
      assert.match(noVersion.headers["request-id"] ?? "", /^req_mock_/)
    }).pipe(Effect.provide(ModelsApiMock.layer({ apiKey: KEY }))))

  it.effect("retrieve resolves ids and aliases, and 404s unknown ones", () =>
    Effect.gen(function*() {
      const model = yield* Models.retrieve("claude-sonnet-4-5")
      assert.strictEqual(model.id, "claude-sonnet-4-5-20250929")
      assert.strictEqual((yield* Effect.flip(Models.retrieve("nope")))._tag, "NotFoundError")
    }).pipe(
      Effect.provide(
        Models.layer.pipe(
          Layer.provide(ModelsApiMock.layer()),
          Layer.provide(ModelsConfig.layer({ apiKey: KEY })),
          Layer.orDie
        )
      )
    ))

  const faults: ReadonlyArray<readonly [ModelsApiMock.Fault, string]> = [
    ["rate-limit", "RateLimitError"],
    ["server-error", "APIError"],
    ["overloaded", "OverloadedError"],
    ["html-503", "UnknownApiError"],
    ["connection-reset", "ConnectionError"],
    ["slow", "RequestTimeoutError"],
    ["truncated-json", "MalformedResponseError"]
  ]
  for (const [fault, tag] of faults) {
    it.effect(`a scripted ${fault} fails with ${tag} without retries, and is survived with them`, () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Effect.flip(
          Models.list().pipe(Effect.provide(
            client({ faults: { script: { 1: fault }, slowDelay: "5 seconds" } }, { maxRetries: 0, timeout: "1 second" })
          ))
        ))
        yield* TestClock.adjust("10 seconds")
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, tag)

        const survived = yield* Effect.forkChild(
          Stream.runCollect(Models.stream({ limit: 100 })).pipe(
            Effect.provide(
              client({ faults: { script: { 2: fault }, slowDelay: "5 seconds" } }, { timeout: "1 second" })
            )
          )
        )
        yield* TestClock.adjust("30 seconds")
        assert.strictEqual((yield* Fiber.join(survived)).length, models.length)
      }))
  }

  it.effect("random faults are reproducible from the seed", () =>
    Effect.gen(function*() {
      const run = Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Stream.runCollect(Models.stream({ limit: 10 })))
        yield* TestClock.adjust("10 minutes")
        const all = yield* Fiber.join(fiber)
        return [all.length, yield* stats] as const
      }).pipe(
        Effect.provide(client(
          { faults: { random: { seed: 42, rate: 0.3 }, slowDelay: "5 seconds" } },
          { maxRetries: 10, timeout: "1 second" }
        ))
      )
      const [size1, stats1] = yield* run
      const [size2, stats2] = yield* run
      assert.strictEqual(size1, models.length)
      assert.strictEqual(size2, models.length)
      assert.deepStrictEqual(stats1.faults, stats2.faults)
      assert.isAbove(Object.values(stats1.faults).reduce((a, b) => a + b, 0), 0)
      // no page was served whole twice
      assert.isTrue([...stats1.pagesServed.values()].every((count) => count === 1))
    }))
})
