/**
 * ModelsTest on the Effect 3 edition: the cases of
 * ./shared/modelsTestCases.ts (shared with the Effect 4 edition), through the
 * public API on `ModelsTest.layer`.
 */
import * as Models from "@anthropic-effect/core/Models"
import { NotFoundError, OverloadedError } from "@anthropic-effect/core/ModelsError"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { claudeModels, synthetic } from "../src/Catalogue.js"
import * as ModelsTest from "../src/ModelsTest.js"
import * as S from "./shared/modelsTestCases.js"

const catalogue = synthetic(S.CATALOGUE_SIZE)
const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

describe("ModelsTest", () => {
  it.effect(S.names.paging, () =>
    Effect.gen(function*() {
      const queries = S.pagingQueries(catalogue)
      S.checkPaging(
        {
          first: yield* Models.list(queries.first),
          last: yield* Models.list(queries.last),
          before: yield* Models.list(queries.before),
          all: yield* collect(Models.stream(queries.all)),
          backward: yield* collect(Models.stream(queries.backward))
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
      const calls = yield* Effect.flatMap(ModelsTest.ModelsTest, (test) => test.calls)
      assert.strictEqual(calls.length, 0)
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
      const calls = yield* Effect.flatMap(ModelsTest.ModelsTest, (test) => test.calls)
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

  it.effect(S.names.unknown, () =>
    Effect.gen(function*() {
      S.checkUnknown(yield* Effect.flip(Models.retrieve(S.UNKNOWN_ID)), assert)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect(S.names.latency, () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(collect(Models.stream({ limit: S.LATENCY.limit })))
      yield* TestClock.adjust(S.LATENCY.before)
      assert.isTrue((yield* Fiber.poll(fiber))._tag === "None")
      yield* TestClock.adjust(S.LATENCY.rest)
      const all = yield* Fiber.join(fiber)
      assert.strictEqual(all.length, S.CATALOGUE_SIZE)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, { latency: S.LATENCY.latency }))))
})
