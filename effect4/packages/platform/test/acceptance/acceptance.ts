/**
 * The Effect 4 edition's runtime acceptance program, written once and run on
 * Node 22, Node 24, Bun, Deno and headless Chromium. Each runtime's entry file
 * passes its own `layer` and the URLs of the servers started by the driver
 * shared with the Effect 3 edition
 * (`packages/platform/scripts/runtimes.ts --edition=4`):
 *
 * - `apiUrl`: a ModelsApiServer with `synthetic(5000)`, no faults;
 * - `retryUrl`: the same, with requests 1 and 2 scripted as 529 `overloaded`;
 * - `redirectSameUrl`: its `/v1/models` redirects (307) within its own origin;
 * - `redirectCrossUrl`: its `/v1/models` redirects (302) to `elsewhereUrl`,
 *   another origin, which must never see a request.
 *
 * What a pass is (the constants, the verdict on each check's result, the
 * report line, the `Target` helpers) is the Effect 3 tree's
 * `packages/platform/test/acceptance/cases.ts`, one copy for both editions:
 * the driver serves both with its values, and its servers' counters fail a run
 * whose program disagrees. This file runs the checks with Effect 4. Only
 * `effect`, the core package and the catalogue (pure data, no Node built-ins)
 * are imported here, so the same file bundles for the browser.
 */
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as ModelsErrors from "@anthropic-effect/core/ModelsError"
import type { ModelsError } from "@anthropic-effect/core/ModelsError"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import type * as Config from "effect/Config"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Cases from "../../../../../packages/platform/test/acceptance/cases.js"

export {
  API_KEY,
  CATALOGUE_SIZE,
  type Outcome,
  REDIRECT_CROSS_STATUS,
  REDIRECT_PAGE_SIZE,
  REDIRECT_SAME_STATUS,
  type Redirects,
  RETRY_EXPECTED,
  RETRY_SCRIPT,
  STREAM_PAGE_SIZE,
  type Target,
  TARGET_USAGE,
  targetFromArgs,
  targetFromQuery,
  targetToArgs,
  targetToQuery
} from "../../../../../packages/platform/test/acceptance/cases.js"

/** A runtime's `layer`, narrowed to what the checks pass. */
export type MakeLayer = (options: ModelsConfig.Options) => Layer.Layer<Models.Models, Config.ConfigError>

/** One check that did not hold, named so the one-line result says which. */
export class AcceptanceError extends Data.TaggedError("AcceptanceError")<{
  readonly check: string
  readonly message: string
}> {}

const fail = (check: string, message: string) => Effect.fail(new AcceptanceError({ check, message }))

/** A `ModelsError` or `ConfigError` where success was expected, reported under the check's name. */
const describe = (error: ModelsError | Config.ConfigError): string =>
  error._tag === "ConfigError" ? `ConfigError: ${error.message}` : ModelsErrors.describe(error)

/** The effect's outcome as the plain data the verdicts take. */
const settle = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Cases.Settled<A, E>, never, R> =>
  Effect.match(effect, {
    onSuccess: (value): Cases.Settled<A, E> => ({ ok: true, value }),
    onFailure: (error): Cases.Settled<A, E> => ({ ok: false, error })
  })

/** Performs a step's call through the public API and judges how it settled. */
const perform = (step: Cases.Step<ModelsError>): Effect.Effect<Cases.Verdict, never, Models.Models> => {
  switch (step._tag) {
    case "List":
      return Effect.map(settle(Models.list(step.params)), step.judge)
    case "Stream":
      return Effect.map(
        settle(Stream.runForEach(Models.stream({ limit: step.limit }), (model) => Effect.sync(() => step.see(model)))),
        step.judge
      )
    case "Retrieve":
      return Effect.map(settle(Models.retrieve(step.id)), step.judge)
  }
}

/**
 * Runs one step on a fresh client: bounded in time (a hung runtime must fail,
 * not stall the suite), with a layer that cannot be built and a failed verdict
 * both reported under the check's name. Succeeds with the step's summary token.
 */
const check = (
  makeLayer: MakeLayer,
  step: Cases.Step<ModelsError>
): Effect.Effect<string | undefined, AcceptanceError> =>
  perform(step).pipe(
    Effect.provide(makeLayer({ apiKey: Cases.API_KEY, ...step.client })),
    Effect.mapError((error) => new AcceptanceError({ check: step.check, message: describe(error) })),
    Effect.flatMap((verdict) => verdict.ok ? Effect.succeed(verdict.token) : fail(step.check, verdict.problem)),
    Effect.timeoutOrElse({
      duration: Duration.seconds(Cases.CHECK_TIMEOUT_SECONDS),
      orElse: () => fail(step.check, `no answer within ${Cases.CHECK_TIMEOUT_SECONDS} s`)
    })
  )

/**
 * The steps of `Cases.steps` in order, each on its own client. Succeeds with
 * the one-line summary (without the runtime name and time, which `run` adds).
 */
export const checks = (
  makeLayer: MakeLayer,
  target: Cases.Target,
  redirects: Cases.Redirects = "readable"
): Effect.Effect<string, AcceptanceError> =>
  Effect.gen(function*() {
    const tokens: Array<string> = []
    for (const step of Cases.steps(target, redirects, synthetic(Cases.CATALOGUE_SIZE), describe)) {
      const token = yield* check(makeLayer, step)
      if (token !== undefined) tokens.push(token)
    }
    return tokens.join(" ")
  })

/** What sets one runtime's run apart. */
export interface RunOptions {
  /** Default `readable`. */
  readonly redirects?: Cases.Redirects
  /** Runtime-specific checks, run after the common ones; their summary is appended. */
  readonly extra?: Effect.Effect<string, AcceptanceError>
}

/**
 * Runs `checks` plus any runtime-specific extras and formats the one-line
 * result, e.g. `node: ok list=20 stream=5000 retrieve=ok notFound=ok retry529=ok
 * redirectSame=ok redirectCross=RedirectError (812 ms)`.
 * Never rejects: a failure is a `FAIL` line, and a defect is reported too.
 */
export const run = (
  runtime: string,
  makeLayer: MakeLayer,
  target: Cases.Target,
  options: RunOptions = {}
): Promise<Cases.Outcome> => {
  const started = Date.now()
  const elapsed = () => Date.now() - started
  return Effect.runPromise(
    Effect.zipWith(checks(makeLayer, target, options.redirects), options.extra ?? Effect.succeed(""), Cases.withExtra)
      .pipe(
        Effect.match({
          onSuccess: (summary) => Cases.passed(runtime, summary, elapsed()),
          onFailure: (error) => Cases.failed(runtime, error.check, error.message, elapsed())
        }),
        Effect.catchDefect((defect) => Effect.succeed(Cases.failed(runtime, "defect", String(defect), elapsed())))
      )
  )
}
