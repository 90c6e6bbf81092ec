/**
 * The Models suite on the Effect 4 edition: the cases of
 * packages/core/test/shared/modelsCases.ts (one copy, shared with the Effect 3
 * edition), their calls made through the public API over the fake HttpClient
 * of ./utils.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import * as M from "../../../../packages/core/test/shared/modelsCases.js"
import * as H from "../../../../packages/core/test/shared/modelsHarness.js"
import type { ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import * as Utils from "./utils.js"

type Reply = Effect.Effect<Response, Error>
type Called = Effect.Effect<unknown, ModelsError.ModelsError, Models.Models>

const edition: M.Edition<ModelInfoEncoded, Reply> = {
  assert,
  fixtures: Utils,
  isApiError: ModelsError.isApiError,
  isRetryable: (u) => ModelsError.isModelsError(u) && ModelsError.isRetryable(u),
  broken: (message) => Effect.fail(new Error(message)),
  late: (after, response) => Effect.as(Effect.sleep(after), response),
  millis: (u) => DateTime.isDateTime(u) ? DateTime.toEpochMillis(u) : undefined
}

/** The call, its error caught by tag where the case says so: the tag is checked against ModelsError's. */
const perform = (call: M.Call): Called => {
  const effect: Called = call._tag === "List" ? Models.list(call.params) : Models.retrieve(call.id)
  const { catchTag } = call
  if (catchTag === undefined) return effect
  return Effect.catchTag(effect, catchTag.tag, (error) => Effect.succeed(catchTag.caught(error)))
}

const run = (c: M.Case<Reply>) =>
  Effect.gen(function*() {
    const apis = c.apis(edition).map(({ answers, options }) => Utils.modelsLayer(answers, options))
    const outcomes: Array<H.Outcome<unknown>> = []
    for (const call of c.calls) {
      const settled = Effect.match(perform(call), { onFailure: H.failed, onSuccess: H.succeeded })
      const fiber = yield* Effect.forkChild(Effect.provide(settled, apis[call.api]!.layer))
      if (call.clock !== undefined) yield* TestClock.adjust(call.clock)
      outcomes.push(yield* Fiber.join(fiber))
    }
    c.check({ outcomes, requests: apis.map((api) => api.requests) })
  })

H.register(describe, M.groups(edition), (c) => it.effect(c.name, () => run(c)))
