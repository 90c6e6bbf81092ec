// The README's "Testing your code" snippets, run as written (only the program
// under test is filled in): a reader who copies them gets passing tests.
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { OverloadedError } from "@anthropic-effect/core/ModelsError"
import { claudeAliases, claudeModels } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiMock from "@anthropic-effect/testing/ModelsApiMock"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { newestSupporting } from "../pick-model.js"

// Stand-ins for the reader's own code.
const myCatalogue = claudeModels
const myProgram = newestSupporting("pdf_input").pipe(
  Effect.catchTag("OverloadedError", () => Effect.succeed(Option.none()))
)

describe("README: Testing your code", () => {
  // packages/testing/README.md, quick start
  it.effect("finds an alias", () =>
    Models.retrieve("claude-sonnet-4-5").pipe(
      Effect.map((model) => assert.strictEqual(model.display_name, "Claude Sonnet 4.5")),
      Effect.provide(ModelsTest.layer(claudeModels, { aliases: claudeAliases }))
    ))

  it.effect("ModelsTest: the program falls back when the API is overloaded", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(myProgram)
      yield* TestClock.adjust("100 millis") // the scripted latency runs on TestClock
      assert.isTrue(Option.isNone(yield* Fiber.join(fiber)))
      const calls = yield* Effect.flatMap(ModelsTest.ModelsTest, (test) => test.calls)
      assert.strictEqual(calls.length, 1)
    }).pipe(Effect.provide(ModelsTest.layer(myCatalogue, {
      failures: [{ onCall: 1, error: new OverloadedError({ status: 529, message: "Overloaded" }) }],
      latency: "100 millis"
    }))))

  it.effect("ModelsApiMock: the real client retries a 529 and the mock saw both requests", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(Models.list({ limit: 5 }))
      yield* TestClock.adjust("10 seconds") // the retry's backoff runs on TestClock
      const page = yield* Fiber.join(fiber)
      assert.strictEqual(page.data.length, 5)
      const stats = yield* Effect.flatMap(ModelsApiMock.ModelsApiMock, (mock) => mock.stats)
      assert.strictEqual(stats.requests, 2)
    }).pipe(Effect.provide(
      Models.layer.pipe(
        Layer.provideMerge(ModelsApiMock.layer({ apiKey: "sk-test", faults: { script: { 1: "overloaded" } } })),
        Layer.provide(ModelsConfig.layer({ apiKey: "sk-test" }))
      )
    )))
})
