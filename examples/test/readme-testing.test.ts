import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { OverloadedError } from "@anthropic-effect/core/ModelsError"
import { claudeModels } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiMock from "@anthropic-effect/testing/ModelsApiMock"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Option, Stream, TestClock } from "effect"

// The code under test: the newest active model that reads PDFs, or none while the API is overloaded.
const newestPdfModel = Models.stream({ lifecycle: ["active"] }).pipe(
  Stream.filter((model) => model.capabilities?.pdf_input?.supported === true),
  Stream.runHead,
  Effect.catchTag("OverloadedError", () => Effect.succeed(Option.none()))
)

describe("newestPdfModel", () => {
  it.effect("finds one in the Claude catalogue", () =>
    Effect.gen(function*() {
      const found = yield* newestPdfModel
      assert.isTrue(Option.isSome(found))
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels))))

  it.effect("gives none when the API is overloaded", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(newestPdfModel)
      yield* TestClock.adjust("100 millis") // the scripted latency runs on TestClock
      assert.isTrue(Option.isNone(yield* Fiber.join(fiber)))
      const calls = yield* Effect.flatMap(ModelsTest.ModelsTest, (test) => test.calls)
      assert.strictEqual(calls.length, 1)
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels, {
      failures: [{ onCall: 1, error: new OverloadedError({ status: 529, message: "Overloaded" }) }],
      latency: "100 millis"
    }))))

  it.effect("the real client retries a 529, and the mock saw both requests", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Models.list({ limit: 5 }))
      yield* TestClock.adjust("10 seconds") // the retry's backoff runs on TestClock
      assert.strictEqual((yield* Fiber.join(fiber)).data.length, 5)
      const stats = yield* Effect.flatMap(ModelsApiMock.ModelsApiMock, (mock) => mock.stats)
      assert.strictEqual(stats.requests, 2)
    }).pipe(Effect.provide(
      Models.layer.pipe(
        Layer.provideMerge(ModelsApiMock.layer({ apiKey: "sk-test", faults: { script: { 1: "overloaded" } } })),
        Layer.provide(ModelsConfig.layer({ apiKey: "sk-test" }))
      )
    )))
})
