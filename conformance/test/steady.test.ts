/**
 * Conformance against steady (`@stdy/cli`), the mock server the official
 * Anthropic SDKs are tested with, on the Effect 3 edition: every case of
 * ./support/steadyCases.ts (shared with the Effect 4 edition). This file only
 * runs them: it starts steady, makes each case's calls with one fresh client
 * (`./support/Client.ts`) and hands each `Exit`, as an `Outcome`, and the
 * recorded exchanges to the case's checks.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsError from "@anthropic-effect/core/ModelsError"
import { afterAll, describe, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as H from "./support/cases.js"
import { type Exchange, modelsLayer } from "./support/Client.js"
import * as MockServer from "./support/MockServer.js"
import * as S from "./support/steadyCases.js"

class Steady extends Context.Tag("conformance/Steady")<Steady, MockServer.MockServer>() {}

const SteadyLive = Layer.scoped(
  Steady,
  Effect.suspend(() => MockServer.start(S.server(MockServer.steadyCommand(), MockServer.specPath)))
).pipe(Layer.orDie)

const suite = S.suite({
  isDateTime: DateTime.isDateTime,
  isModelsError: ModelsError.isModelsError,
  isApiError: ModelsError.isApiError
})

afterAll(() => console.info(suite.summary()))

const perform = (call: S.Call): Effect.Effect<unknown, unknown, Models.Models> => {
  switch (call._tag) {
    case "List":
      return Models.list(call.params)
    case "Retrieve":
      return Models.retrieve(call.id, call.params)
    case "Pages":
      return Effect.map(Stream.runCollect(Stream.take(Models.pages(call.params), call.take)), Chunk.toReadonlyArray)
    case "Stream":
      return Effect.map(Stream.runCollect(Stream.take(Models.stream(call.params), call.take)), Chunk.toReadonlyArray)
  }
}

const toOutcome = (exit: Exit.Exit<unknown, unknown>): H.Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Success", value: exit.value }
  const pretty = Cause.pretty(exit.cause)
  const defect = Cause.isDie(exit.cause)
  return Option.match(Cause.failureOption(exit.cause), {
    onNone: () => ({ _tag: "NoFailure", defect, interrupted: Cause.isInterrupted(exit.cause), pretty }),
    onSome: (error) => ({ _tag: "Failure", error, defect, pretty })
  })
}

const run = (c: S.Case) =>
  Effect.gen(function*() {
    const steady = yield* Steady
    if (c._tag === "Fetch") return c.verify(yield* Effect.promise(() => H.fetchOnce(steady.url + c.path, c.headers)))
    const exchanges: Array<Exchange> = []
    const outcomes = yield* Effect.forEach(c.calls, (call) => Effect.map(Effect.exit(perform(call)), toOutcome)).pipe(
      Effect.provide(modelsLayer(steady.url, exchanges, c.options))
    )
    c.verify({ outcomes, exchanges })
  })

layer(SteadyLive, { excludeTestServices: true, timeout: "30 seconds" })("steady", (it) => {
  for (const [group, cases] of suite.groups) {
    describe(group, () => {
      for (const c of cases) it.effect(c.name, () => run(c))
    })
  }
})
