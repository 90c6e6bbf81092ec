import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type { ModelInfo } from "../ModelInfo.js"
import type { ModelsError } from "../ModelsError.js"

// The API's answers about the name itself; anything else (a 429, a broken connection) says nothing about it.
const answerTags: ReadonlySet<string> = new Set(["NotFoundError", "InvalidRequestError", "PermissionError"])

export interface Aliases {
  /** The model an id or alias that the listing does not have stands for: one request per TTL and name. */
  readonly lookup: (requested: string) => Effect.Effect<ModelInfo, ModelsError>
}

/**
 * Names the listing does not know (aliases, ids outside the lifecycle
 * filter, unknown ids) are asked of `GET /v1/models/{id}` once, and the
 * answer, a model or the API's refusal of the name, is kept for a TTL.
 * Callers asking for the same name at once share one request. Other
 * failures are not kept, so the next caller tries again.
 */
export const make = (options: {
  readonly ttlMillis: number
  readonly retrieve: (requested: string) => Effect.Effect<ModelInfo, ModelsError>
}): Effect.Effect<Aliases, never, Scope.Scope> =>
  Effect.map(Effect.scope, (scope) => {
    const answers = new Map<string, { readonly at: number; readonly exit: Exit.Exit<ModelInfo, ModelsError> }>()
    const inflight = new Map<string, Deferred.Deferred<ModelInfo, ModelsError>>()

    const fetch = (requested: string): Effect.Effect<Deferred.Deferred<ModelInfo, ModelsError>> =>
      Effect.suspend(() => {
        const running = inflight.get(requested)
        if (running !== undefined) return Effect.succeed(running)
        const deferred = Deferred.makeUnsafe<ModelInfo, ModelsError>()
        inflight.set(requested, deferred)
        const job = Effect.onExit(options.retrieve(requested), (exit) =>
          Effect.flatMap(Clock.currentTimeMillis, (at) => {
            inflight.delete(requested)
            const kept = Exit.isSuccess(exit) ||
              Option.exists(Cause.findErrorOption(exit.cause), (error) => answerTags.has(error._tag))
            if (kept) answers.set(requested, { at, exit })
            return Deferred.done(deferred, exit)
          }))
        return Effect.as(Effect.forkIn(job, scope), deferred)
      })

    const lookup = (requested: string): Effect.Effect<ModelInfo, ModelsError> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const answer = answers.get(requested)
        if (answer !== undefined && now - answer.at < options.ttlMillis) return answer.exit
        return Effect.flatMap(fetch(requested), Deferred.await)
      })

    return { lookup }
  })
