/**
 * ModelsApiMock on the Effect 3 edition: the cases of
 * ./shared/apiMockCases.ts (shared with the Effect 4 edition), the real client
 * over the in-memory mock, under the TestClock.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { synthetic } from "../src/Catalogue.js"
import * as ModelsApiMock from "../src/ModelsApiMock.js"
import * as S from "./shared/apiMockCases.js"

const models = synthetic(S.CATALOGUE_SIZE)

const client = (mock: ModelsApiMock.Options, config: Partial<ModelsConfig.Options> = {}) =>
  Models.layer.pipe(
    Layer.provideMerge(ModelsApiMock.layer({ models, apiKey: S.KEY, ...mock })),
    Layer.provide(ModelsConfig.layer({ apiKey: S.KEY, baseUrl: S.BASE_URL, ...config })),
    Layer.orDie
  )

const stats = Effect.flatMap(ModelsApiMock.ModelsApiMock, (mock) => mock.stats)

describe("ModelsApiMock", () => {
  it.effect(S.names.streams, () =>
    Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: S.STREAM_LIMIT }))
      const requests = yield* Effect.flatMap(ModelsApiMock.ModelsApiMock, (mock) => mock.requests)
      S.checkStreamed(Chunk.toReadonlyArray(all), requests, models, assert)
    }).pipe(Effect.provide(client({}))))

  it.effect(S.names.wrongKey, () =>
    Effect.gen(function*() {
      S.checkWrongKey(yield* Effect.flip(Models.list()), assert)
    }).pipe(Effect.provide(client({}, { apiKey: S.WRONG_KEY }))))

  it.effect(S.names.missingHeaders, () =>
    Effect.gen(function*() {
      const http = yield* HttpClient.HttpClient
      const noKey = yield* http.get(`${S.BASE_URL}/v1/models`, {
        headers: { "anthropic-version": "2023-06-01" }
      })
      assert.strictEqual(noKey.status, 401)
      const body = yield* noKey.json
      assert.deepInclude(body, { type: "error" })
      const noVersion = yield* http.get(`${S.BASE_URL}/v1/models`, { headers: { "x-api-key": S.KEY } })
      assert.strictEqual(noVersion.status, 400)
      assert.match(noVersion.headers["request-id"] ?? "", /^req_mock_/)
    }).pipe(Effect.provide(ModelsApiMock.layer({ apiKey: S.KEY }))))

  it.effect(S.names.retrieve, () =>
    Effect.gen(function*() {
      const model = yield* Models.retrieve("claude-sonnet-4-5")
      assert.strictEqual(model.id, "claude-sonnet-4-5-20250929")
      assert.strictEqual((yield* Effect.flip(Models.retrieve("nope")))._tag, "NotFoundError")
    }).pipe(
      Effect.provide(
        Models.layer.pipe(
          Layer.provide(ModelsApiMock.layer()),
          Layer.provide(ModelsConfig.layer({ apiKey: S.KEY })),
          Layer.orDie
        )
      )
    ))

  for (const [fault, tag] of S.FAULT_TAGS) {
    it.effect(S.names.fault(fault, tag), () =>
      Effect.gen(function*() {
        const fiber = yield* Effect.fork(Effect.flip(
          Models.list().pipe(Effect.provide(
            client({ faults: { script: { 1: fault }, slowDelay: S.faultCase.slowDelay } }, S.faultCase.failing)
          ))
        ))
        yield* TestClock.adjust(S.faultCase.failingClock)
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, tag)

        const survived = yield* Effect.fork(
          Stream.runCollect(Models.stream({ limit: S.STREAM_LIMIT })).pipe(
            Effect.provide(
              client({ faults: { script: { 2: fault }, slowDelay: S.faultCase.slowDelay } }, S.faultCase.surviving)
            )
          )
        )
        yield* TestClock.adjust(S.faultCase.survivingClock)
        assert.strictEqual(Chunk.size(yield* Fiber.join(survived)), models.length)
      }))
  }

  it.effect(S.names.random, () =>
    Effect.gen(function*() {
      const run = Effect.gen(function*() {
        const fiber = yield* Effect.fork(Stream.runCollect(Models.stream({ limit: S.randomCase.limit })))
        yield* TestClock.adjust(S.randomCase.clock)
        const all = yield* Fiber.join(fiber)
        const seen = yield* stats
        return { size: Chunk.size(all), faults: seen.faults, pagesServed: seen.pagesServed }
      }).pipe(Effect.provide(client({ faults: S.randomCase.faults }, S.randomCase.client)))
      S.checkRandomRuns(yield* run, yield* run, assert)
    }))
})
