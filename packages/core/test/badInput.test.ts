/**
 * The bad-input table on the Effect 3 edition: every case of
 * ./shared/badInputCases.ts (shared with the Effect 4 edition), made through
 * the public API over a fake HttpClient. This file only runs them: it builds
 * the layer, makes the case's call within 10 seconds and hands the `Exit`, as
 * an `Outcome`, to the shared checks.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import * as B from "./shared/badInputCases.js"
import { catalogue, json, modelsLayer } from "./utils.js"

const edition: B.Edition = { assert, catalogue, isModelsError: ModelsError.isModelsError, json }

const api: B.Api<Effect.Effect<unknown, ModelsError.ModelsError, Models.Models>> = {
  list: Models.list,
  retrieve: (id) => Models.retrieve(id),
  drain: (params) => Stream.runDrain(Models.stream(params))
}

const toOutcome = (exit: Exit.Exit<unknown, unknown>): B.Outcome =>
  Exit.isSuccess(exit)
    ? { _tag: "Success", value: exit.value }
    : {
      _tag: "Failure",
      defect: Cause.isDie(exit.cause),
      errors: Chunk.toReadonlyArray(Cause.failures(exit.cause)),
      pretty: Cause.pretty(exit.cause)
    }

describe(`bad input (${B.cases.length} cases)`, () => {
  for (const c of B.cases) {
    it.effect(c.name, () => {
      const { layer } = modelsLayer((request) => B.respond(c, request.url, edition), { maxRetries: 0 })
      return Effect.gen(function*() {
        const exit = yield* Effect.exit(Effect.timeout(B.perform(c.call, api), "10 seconds"))
        B.verify(c, toOutcome(exit), edition)
      }).pipe(Effect.provide(layer))
    })
  }
})
