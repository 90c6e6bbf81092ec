/**
 * Retries and interruption on the Effect 4 edition: the cases of
 * packages/core/test/shared/retryCases.ts (one copy, shared with the Effect 3
 * edition), each a script of steps this file performs under the TestClock,
 * over the fake HttpClient of ./utils.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import type * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as H from "../../../../packages/core/test/shared/modelsHarness.js"
import * as R from "../../../../packages/core/test/shared/retryCases.js"
import type { ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import type * as ModelsError from "../src/ModelsError.js"
import * as Utils from "./utils.js"

type Reply = Effect.Effect<Response, Error>
type Failure = ModelsError.ModelsError | Cause.TimeoutError

const edition = { assert, fixtures: Utils, duration: Duration, timeoutTag: "TimeoutError" }

const schedule = (every: H.DurationText, times: number) => Schedule.spaced(every).pipe(Schedule.upTo({ times }))

/** The answers only an Effect gives; a hung request hands its abort signal to `hung`. */
const replies = (hung: Deferred.Deferred<AbortSignal>): H.Replies<Reply> => ({
  broken: (message) => Effect.fail(new Error(message)),
  late: (after, response) => Effect.as(Effect.sleep(after), response),
  hang: (request) => Effect.andThen(Deferred.succeed(hung, request.signal), Effect.never)
})

const perform = (call: R.Call): Effect.Effect<unknown, Failure, Models.Models> => {
  if (call._tag === "List") return Models.list()
  if (call._tag === "Collect") {
    const all = Stream.runCollect(Models.stream({ limit: call.limit }))
    return Effect.map(all, (models) => models.map((m) => m.id))
  }
  const drain = Stream.runDrain(Models.stream(call.params))
  return call.timeout === undefined ? drain : Effect.timeout(drain, call.timeout)
}

const run = (c: R.Case<Duration.Duration, Reply>) =>
  Effect.gen(function*() {
    const hung = Deferred.makeUnsafe<AbortSignal>()
    const apis = c.apis(replies(hung)).map((api) =>
      Utils.modelsLayer(api.answers, R.layerOptions(api.options, schedule))
    )
    const seen: R.Run<Duration.Duration> = { requests: apis.map((api) => api.requests) }
    let fiber: Fiber.Fiber<H.Outcome<Duration.Duration>> | undefined
    for (const step of c.steps) {
      if (step._tag === "Check") step.check(seen)
      else if (step._tag === "Fork") {
        const settled = Effect.match(perform(step.call), { onFailure: H.failed, onSuccess: H.succeeded })
        fiber = yield* Effect.forkChild(Effect.provide(settled, apis[step.api]!.layer))
      } else if (step._tag === "Adjust") yield* TestClock.adjust(step.by)
      else if (step._tag === "AwaitHang") seen.signal = yield* Deferred.await(hung)
      else if (fiber === undefined) assert.fail(`${step._tag} before any Fork`)
      else if (step._tag === "Join") seen.outcome = yield* Fiber.join(fiber)
      else yield* Fiber.interrupt(fiber)
    }
  })

const cases = R.groups<Duration.Duration, ModelInfoEncoded, Reply>(edition)
H.register(describe, cases, (c) => it.effect(c.name, () => run(c)))
