/**
 * What the core cases shared by both editions (./retryCases.ts,
 * ./modelsCases.ts, ./modelInfoCases.ts) ask of a runner, and what they hand
 * back. Plain TypeScript, no Effect and no test framework: the Effect 3 tests
 * (packages/core/test) and the Effect 4 tests (effect4/packages/core/test)
 * run the same cases under their own Effect and Vitest. Everything here is
 * typed structurally, so each edition's own values (its `Duration`, its
 * errors, its `DateTime.Utc`) fit without naming either edition's modules.
 */

/**
 * The chai assertions the cases use. Each runner passes `assert` from its own
 * `@effect/vitest`, so a failure reads as it did before the cases were shared.
 */
export interface Assert {
  fail(message?: string): never
  strictEqual(actual: unknown, expected: unknown, message?: string): void
  deepStrictEqual(actual: unknown, expected: unknown, message?: string): void
  isTrue(value: unknown, message?: string): void
  isFalse(value: unknown, message?: string): void
  isNull(value: unknown, message?: string): void
  isUndefined(value: unknown, message?: string): void
  include(haystack: string, needle: string, message?: string): void
  notProperty(object: unknown, property: string, message?: string): void
}

/** Duration options as text, which `Duration.DurationInput` (3) and `Duration.Input` (4) both read. */
export type DurationText = `${number} millis` | `${number} seconds` | `${number} second` | `${number} minute`

/** A request as the fake HttpClient of each edition's test/utils.ts records it. */
export interface SeenRequest {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly signal: AbortSignal
}

/** A model as the API sends it: all the cases read of the editions' `ModelInfoEncoded`. */
export interface EncodedModel {
  readonly id: string
}

/**
 * The response builders of each edition's test/utils.ts (the same in both),
 * which a runner passes whole: `import * as Utils from "./utils.js"`.
 */
export interface Fixtures<M extends EncodedModel> {
  readonly FAKE_KEY: string
  readonly json: (body: unknown, status?: number, headers?: Record<string, string>) => Response
  readonly apiError: (status: number, type: string, message: string, headers?: Record<string, string>) => Response
  readonly catalogue: (size: number) => ReadonlyArray<M>
  readonly pageOf: (models: ReadonlyArray<M>, url: URL) => unknown
}

/**
 * The answers only an Effect can give, built by the runner; `R` is its
 * handler's Effect (`Effect<Response, Error>`).
 */
export interface Replies<R> {
  /** The connection breaks with this message. */
  readonly broken: (message: string) => R
  /** `response`, once `after` has passed on the clock. */
  readonly late: (after: DurationText, response: Response) => R
  /** No answer ever; the runner keeps the request's abort signal for the case to read. */
  readonly hang: (request: SeenRequest) => R
}

/** How the fake API answers the request at `index` (0 for the first). */
export type Answers<R> = (request: SeenRequest, index: number) => Response | R

/**
 * The layer options a case may set, in terms both editions'
 * `ModelsConfig.Options` take.
 */
export interface LayerOptions {
  readonly apiKey?: undefined
  readonly authToken?: string
  readonly apiVersion?: string
  readonly baseUrl?: string
  readonly betas?: ReadonlyArray<string>
  readonly workspaceId?: string
  readonly maxRetries?: number
  readonly maxRetryAfter?: DurationText
  readonly timeout?: DurationText
}

/** One fake API: how it answers, and the options `O` of the layer over it. */
export interface Api<R, O extends LayerOptions = LayerOptions> {
  readonly answers: Answers<R>
  readonly options?: O
}

/** A case's one API, answering with responses only, the same for every run. */
export const one = <O extends LayerOptions = LayerOptions>(
  answers: (request: SeenRequest, index: number) => Response,
  options?: NoInfer<O>
) =>
<R>(): ReadonlyArray<Api<R, O>> => [options === undefined ? { answers } : { answers, options }]

/**
 * What the cases read of an edition's errors (a `ModelsError`, or the
 * edition's timeout error), `D` being its `Duration`.
 */
export interface ErrorView<D> {
  readonly _tag: string
  readonly message: string
  readonly status?: number | undefined
  readonly requestId?: string | undefined
  readonly errorCode?: string | undefined
  readonly errorType?: string | undefined
  readonly body?: string | undefined
  readonly reason?: string | undefined
  readonly retryAfter?: D | undefined
  readonly shouldRetry?: boolean | undefined
}

/** A settled call: its value, or the error it failed with. */
export type Outcome<D> =
  | { readonly _tag: "Value"; readonly value: unknown }
  | { readonly _tag: "Failure"; readonly error: ErrorView<D> }

/** `onFailure` and `onSuccess` for the edition's `Effect.match`. */
export const failed = <D>(error: ErrorView<D>): Outcome<D> => ({ _tag: "Failure", error })
export const succeeded = (value: unknown): Outcome<never> => ({ _tag: "Value", value })

const described = (outcome: Outcome<unknown> | undefined): string =>
  outcome === undefined
    ? "no outcome"
    : outcome._tag === "Value"
    ? "a value"
    : `${outcome.error._tag}: ${outcome.error.message}`

/** The error of a failed outcome; a value fails the check. */
export const failure = <D>(assert: Assert, outcome: Outcome<D> | undefined): ErrorView<D> =>
  outcome?._tag === "Failure" ? outcome.error : assert.fail(`expected a failure, got ${described(outcome)}`)

/** The value of a successful outcome; a failure fails the check. */
export const value = (assert: Assert, outcome: Outcome<unknown> | undefined): unknown =>
  outcome?._tag === "Value" ? outcome.value : assert.fail(`expected a value, got ${described(outcome)}`)

/** Registers each group as a `describe` block, and each case in it with `test`. */
export const register = <C>(
  describe: (name: string, body: () => void) => void,
  groups: ReadonlyArray<readonly [string, ReadonlyArray<C>]>,
  test: (c: C) => void
): void => {
  for (const [group, cases] of groups) describe(group, () => cases.forEach(test))
}
