import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { OverloadedError } from "@anthropic-effect/core/ModelsError"
import { claudeModels } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiMock from "@anthropic-effect/testing/ModelsApiMock"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"

// The code under test: the newest active model that reads PDFs, or None when the API is overloaded.
const newestPdfModel = Models.stream({ lifecycle: ["active"] }).pipe(
  Stream.filter((model) => model.capabilities?.pdf_input?.supported === true),
  Stream.runHead,
  Effect.catchTag("OverloadedError", () => Effect.succeed(Option.none()))
)

describe("newestPdfModel", () => {
  // ModelsTest replaces the Models service: the catalogue in memory, the API's paging.
  it.effect("picks the newest model with PDF input, with one request", () =>
    Effect.gen(function*() {
      const model = yield* newestPdfModel
      assert.strictEqual(Option.getOrUndefined(model)?.id, "claude-opus-4-5-20251101")
      const test = yield* ModelsTest.ModelsTest
      assert.strictEqual((yield* test.calls).length, 1)
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels))))

  it.effect("falls back to None when the API is overloaded", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(newestPdfModel)
      yield* TestClock.adjust("100 millis") // the scripted latency runs on TestClock
      assert.isTrue(Option.isNone(yield* Fiber.join(fiber)))
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels, {
      failures: [{ onCall: 1, error: new OverloadedError({ status: 529, message: "Overloaded" }) }],
      latency: "100 millis"
    }))))

  // ModelsApiMock replaces the network: the real client, its retries and its decoding run.
  it.effect("the real client retries a 529, and the mock saw both requests", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(newestPdfModel)
      yield* TestClock.adjust("10 seconds") // the retry's backoff runs on TestClock
      assert.isTrue(Option.isSome(yield* Fiber.join(fiber)))
      const mock = yield* ModelsApiMock.ModelsApiMock
      const requests = yield* mock.requests
      assert.strictEqual(requests.length, 2)
      assert.strictEqual(requests[0]!.headers["x-api-key"], "sk-ant-test-fake")
    }).pipe(Effect.provide(
      Models.layer.pipe(
        Layer.provideMerge(
          ModelsApiMock.layer({ apiKey: "sk-ant-test-fake", faults: { script: { 1: "overloaded" } } })
        ),
        Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-test-fake" }))
      )
    )))
})
