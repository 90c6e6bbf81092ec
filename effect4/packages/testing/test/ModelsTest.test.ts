/**
 * ModelsTest on the Effect 4 edition: the cases of the Effect 3 tree's
 * packages/testing/test/shared/modelsTestCases.ts (one copy for both
 * editions), through the public API on `ModelsTest.layer`, and two cases of
 * this edition's own (predicate failures, aliases).
 */
import * as Models from "@anthropic-effect/core/Models"
import { NotFoundError, OverloadedError } from "@anthropic-effect/core/ModelsError"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as S from "../../../../packages/testing/test/shared/modelsTestCases.js"
import { claudeAliases, claudeModels, synthetic } from "../src/Catalogue.js"
import * as ModelsTest from "../src/ModelsTest.js"

const catalogue = synthetic(S.CATALOGUE_SIZE)

describe("ModelsTest", () => {
  it.effect(S.names.paging, () =>
    Effect.gen(function*() {
      const queries = S.pagingQueries(catalogue)
      S.checkPaging(
        {
          first: yield* Models.list(queries.first),
          last: yield* Models.list(queries.last),
          before: yield* Models.list(queries.before),
          all: yield* Stream.runCollect(Models.stream(queries.all)),
          backward: yield* Stream.runCollect(Models.stream(queries.backward))
        },
        catalogue,
        assert
      )
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect(S.names.validates, () =>
    Effect.gen(function*() {
      for (const params of S.INVALID_PARAMS) {
        const error = yield* Effect.flip(Models.list(params))
        assert.strictEqual(error._tag, "InvalidParameterError")
      }
      const test = yield* ModelsTest.ModelsTest
      assert.strictEqual((yield* test.calls).length, 0)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect(S.names.lifecycle, () =>
    Effect.gen(function*() {
      S.checkLifecycle(
        {
          active: (yield* Models.list({ lifecycle: ["active"], limit: S.LIFECYCLE_LIMIT })).data,
          retired: (yield* Models.list({ lifecycle: ["retired"], limit: S.LIFECYCLE_LIMIT })).data,
          byDefault: (yield* Models.list({ limit: S.LIFECYCLE_LIMIT })).data
        },
        claudeModels.length,
        assert
      )
    }).pipe(Effect.provide(ModelsTest.layer(claudeModels))))

  it.effect(S.names.scripted, () =>
    Effect.gen(function*() {
      const streamError = yield* Effect.flip(Stream.runDrain(Models.stream({ limit: S.SCRIPTED.streamLimit })))
      const missing = yield* Effect.flip(Models.retrieve(catalogue[S.SCRIPTED.missingIndex]!.id))
      const found = yield* Models.retrieve(catalogue[S.SCRIPTED.foundIndex]!.id)
      const test = yield* ModelsTest.ModelsTest
      const calls = yield* test.calls
      S.checkScripted({ streamError: streamError._tag, missingError: missing._tag, found, calls }, catalogue, assert)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, {
      failures: [
        { onCall: S.SCRIPTED.onCall, error: new OverloadedError({ status: 529, message: "Overloaded" }) },
        {
          modelId: catalogue[S.SCRIPTED.missingIndex]!.id,
          error: new NotFoundError({ status: 404, message: "scripted" })
        }
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

  it.effect(S.names.unknown, () =>
    Effect.gen(function*() {
      S.checkUnknown(yield* Effect.flip(Models.retrieve(S.UNKNOWN_ID)), assert)
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

  it.effect(S.names.latency, () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runCollect(Models.stream({ limit: S.LATENCY.limit })))
      yield* TestClock.adjust(S.LATENCY.before)
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust(S.LATENCY.rest)
      const all = yield* Fiber.join(fiber)
      assert.strictEqual(all.length, S.CATALOGUE_SIZE)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, { latency: S.LATENCY.latency }))))
})
