/**
 * Conformance against Prism (`@stoplight/prism-cli`) in dynamic mode, on the
 * Effect 4 edition: every case of conformance/test/support/prismCases.ts (one
 * copy, shared with the Effect 3 edition). This file only runs them: it starts Prism, makes each
 * case's clients (`./support/Client.ts`, each built once in the test's scope)
 * and answers the case's steps, turning each call's `Exit` into an `Outcome`.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsError from "@anthropic-effect/core/ModelsError"
import { afterAll, describe, it, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as H from "../../../conformance/test/support/cases.js"
import * as P from "../../../conformance/test/support/prismCases.js"
import { type Exchange, modelsLayer } from "./support/Client.js"
import * as MockServer from "./support/MockServer.js"

class Prism extends Context.Service<Prism, MockServer.MockServer>()("conformance/Prism") {}

const PrismLive = Layer.effect(
  Prism,
  Effect.suspend(() => MockServer.start(P.server(MockServer.prismCommand(), MockServer.specPath)))
).pipe(Layer.orDie)

const suite = P.suite({
  isDateTime: DateTime.isDateTime,
  isModelsError: ModelsError.isModelsError,
  isApiError: ModelsError.isApiError
})

afterAll(() => console.info(suite.summary()))

const perform = (call: P.Call): Effect.Effect<unknown, ModelsError.ModelsError, Models.Models> => {
  switch (call._tag) {
    case "List":
      return Effect.tap(Models.list(call.params), (page) => Effect.sync(() => call.onPage?.(page)))
    case "Pages":
      return Stream.runForEach(
        Stream.take(Models.pages(call.params), call.take),
        (page) => Effect.sync(() => call.onPage(page))
      )
    case "Stream":
      return Stream.runDrain(Stream.take(Models.stream(call.params), call.take))
    case "Retrieve":
      return Models.retrieve(call.id)
  }
}

const toOutcome = (exit: Exit.Exit<unknown, unknown>): H.Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Success", value: exit.value }
  const pretty = Cause.pretty(exit.cause)
  const defect = Cause.hasDies(exit.cause)
  return Option.match(Cause.findErrorOption(exit.cause), {
    onNone: () => ({ _tag: "NoFailure", defect, interrupted: Cause.hasInterrupts(exit.cause), pretty }),
    onSome: (error) => ({ _tag: "Failure", error, defect, pretty })
  })
}

/** A client of the case, built in the test's scope, recording into its own exchanges. */
const connect = (url: string, options: H.ClientOptions, index: number) => {
  const exchanges: Array<Exchange> = []
  return Effect.map(Layer.build(modelsLayer(url, exchanges, options)), (context) => ({ index, exchanges, context }))
}

const run = (c: P.Case) =>
  Effect.gen(function*() {
    const prism = yield* Prism
    const clients = yield* Effect.forEach(c.clients, (options, index) => connect(prism.url, options, index))
    const answer = (step: P.Step): Effect.Effect<P.Reply> =>
      step._tag === "Run"
        ? Effect.map(
          Effect.exit(Effect.provide(perform(step.call), clients[step.client].context)),
          (exit) => ({ _tag: "Ran", outcome: toOutcome(exit) })
        )
        : Effect.map(
          Effect.promise(() => H.fetchOnce(prism.url + step.path, step.headers)),
          (response) => ({ _tag: "Fetched", response })
        )
    const script = c.script(clients)
    for (let step = script.next(); !step.done;) step = script.next(yield* answer(step.value))
  })

layer(PrismLive, { excludeTestServices: true, timeout: "45 seconds" })("prism (dynamic)", (it) => {
  for (const [group, cases] of suite.groups) {
    describe(group, () => {
      for (const c of cases) it.effect(c.name, () => run(c), c.timeout)
    })
  }
})

describe("harness", () => {
  it(suite.harness.name, () =>
    suite.harness.check({
      defect: toOutcome(Exit.die(new Error("boom"))),
      typed: toOutcome(Exit.fail(new ModelsError.PaginationError({ message: "repeated cursor" }))),
      untyped: toOutcome(Exit.fail(new Error("not a ModelsError"))),
      success: toOutcome(Exit.succeed(1))
    }))
})
