import * as Models from "@anthropic-effect/core/Models"
import { NotFoundError, OverloadedError } from "@anthropic-effect/core/ModelsError"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import { claudeAliases, claudeModels, synthetic } from "../src/Catalogue.js"
import * as ModelsTest from "../src/ModelsTest.js"

const catalogue = synthetic(45)
const ids = (models: ReadonlyArray<{ readonly id: string }>) => models.map((m) => m.id)

describe("ModelsTest", () => {
  it.effect("pages like the API: order, after_id, before_id, has_more", () =>
    Effect.gen(function*() {
      const first = yield* Models.list({ limit: 20 })
      assert.deepStrictEqual(first.data.map((m) => m.id), catalogue.slice(0, 20).map((m) => m.id))
      assert.isTrue(first.has_more)
      assert.strictEqual(first.last_id, catalogue[19]!.id)
      const last = yield* Models.list({ limit: 20, afterId: catalogue[39]!.id })
      assert.strictEqual(last.data.length, 5)
      assert.isFalse(last.has_more)
      const before = yield* Models.list({ limit: 10, beforeId: catalogue[15]!.id })
      assert.deepStrictEqual(before.data.map((m) => m.id), catalogue.slice(5, 15).map((m) => m.id))
      assert.isTrue(before.has_more)
      const all = yield* Stream.runCollect(Models.stream({ limit: 7 }))
      assert.deepStrictEqual(ids(all), catalogue.map((m) => m.id))
      const backward = yield* Stream.runCollect(Models.stream({ limit: 7, beforeId: catalogue[30]!.id }))
      assert.deepStrictEqual(ids(backward), catalogue.slice(0, 30).map((m) => m.id).reverse())
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect("validates parameters like the real client", () =>
    Effect.gen(function*() {
      for (const params of [{ limit: 0 }, { limit: 1001 }, { limit: 1.5 }, { afterId: "a", beforeId: "b" }]) {
        const error = yield* Effect.flip(Models.list(params))
        assert.strictEqual(error._tag, "InvalidParameterError")
      }
      const test = yield* ModelsTest.ModelsTest
      assert.strictEqual((yield* test.calls).length, 0)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect("filters by lifecycle; the default hides retired models", () =>
    Effect.gen(function*() {
      const active = yield* Models.list({ lifecycle: ["active"], limit: 1000 })
      assert.isTrue(active.data.length > 0 && active.data.every((m) => m.lifecycle === "active"))
      const retired = yield* Models.list({ lifecycle: ["retired"], limit: 1000 })
      assert.isTrue(retired.data.length > 0 && retired.data.every((m) => m.lifecycle === "retired"))
      const byDefault = yield* Models.list({ limit: 1000 })
      assert.isTrue(byDefault.data.every((m) => m.lifecycle !== "retired"))
      assert.strictEqual(byDefault.data.length + retired.data.length, claudeModels.length)
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels))))

  it.effect("the 3rd request fails with OverloadedError; every request for an id fails with NotFoundError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Models.stream({ limit: 10 })))
      assert.strictEqual(error._tag, "OverloadedError")
      const missing = yield* Effect.flip(Models.retrieve(catalogue[3]!.id))
      assert.strictEqual(missing._tag, "NotFoundError")
      const found = yield* Models.retrieve(catalogue[4]!.id)
      assert.strictEqual(found.id, catalogue[4]!.id)
      const test = yield* ModelsTest.ModelsTest
      const calls = yield* test.calls
      assert.deepStrictEqual(calls.map((call) => call._tag), ["List", "List", "List", "Retrieve", "Retrieve"])
      const third = calls[2]!
      assert.strictEqual(third._tag === "List" ? third.request.afterId : undefined, catalogue[19]!.id)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, {
      failures: [
        { onCall: 3, error: new OverloadedError({ status: 529, message: "Overloaded" }) },
        { modelId: catalogue[3]!.id, error: new NotFoundError({ status: 404, message: "scripted" }) }
      ]
    }))))

  it.effect("a predicate failure sees the call it matches", () =>
    Effect.gen(function*() {
      const first = yield* Models.list({ limit: 10 })
      assert.strictEqual(first.data.length, 10)
      const error = yield* Effect.flip(Models.list({ limit: 10, afterId: first.last_id! }))
      assert.strictEqual(error._tag, "OverloadedError")
      const test = yield* ModelsTest.ModelsTest
      assert.strictEqual((yield* test.calls).length, 2)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, {
      failures: [{
        when: (call) => call._tag === "List" && call.request.afterId !== undefined,
        error: new OverloadedError({ status: 529, message: "Overloaded" })
      }]
    }))))

  it.effect("an unknown id is a NotFoundError from the catalogue itself", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Models.retrieve("claude-nonexistent"))
      assert.strictEqual(error._tag, "NotFoundError")
      assert.include(error.message, "claude-nonexistent")
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect("aliases resolve only when given", () =>
    Effect.gen(function*() {
      const withAliases = yield* Models.retrieve("claude-sonnet-4-5").pipe(
        Effect.provide(ModelsTest.layer(claudeModels, { aliases: claudeAliases }))
      )
      assert.strictEqual(withAliases.id, "claude-sonnet-4-5-20250929")
      const without = yield* Effect.flip(
        Models.retrieve("claude-sonnet-4-5").pipe(
          Effect.provide(ModelsTest.layer(claudeModels))
        )
      )
      assert.strictEqual(without._tag, "NotFoundError")
    }))

  it.effect("latency per request follows the TestClock", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runCollect(Models.stream({ limit: 20 })))
      yield* TestClock.adjust("2 seconds")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 second")
      const all = yield* Fiber.join(fiber)
      assert.strictEqual(all.length, 45)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, { latency: "1 second" }))))
})
