/**
 * The retry and interruption cases of the core suite, as data both editions
 * run: packages/core/test/retry.test.ts (Effect 3) and
 * effect4/packages/core/test/retry.test.ts (Effect 4) are thin runners.
 *
 * A case is one or more fake APIs (how each answers, the options of the
 * Models layer over it) and a script of steps the runner performs in order
 * under its TestClock: fork a call, move the clock, join, wait for a request
 * to hang, interrupt, and check. A check sees the requests each API
 * received, the last outcome and the hung request's abort signal.
 */
import * as H from "./modelsHarness.js"

/**
 * The layer options of a retry case. `retry` stands for the edition's
 * `retrySchedule`: a wait of `every`, at most `times` retries.
 */
export interface RetryOptions extends H.LayerOptions {
  readonly retry?: { readonly every: H.DurationText; readonly times: number }
}

/** `options` for the edition's `ModelsConfig`, `retry` made a `retrySchedule` by its `schedule`. */
export const layerOptions = <S>(
  options: RetryOptions | undefined,
  schedule: (every: H.DurationText, times: number) => S
) => {
  const { retry, ...rest } = options ?? {}
  return retry === undefined ? rest : { ...rest, retrySchedule: schedule(retry.every, retry.times) }
}

/** What differs between the editions here: their `Duration` (`D`) and their timeout error. */
export interface Edition<D, M extends H.EncodedModel> {
  readonly assert: H.Assert
  readonly fixtures: H.Fixtures<M>
  /** The edition's `Duration` module. */
  readonly duration: {
    readonly toMillis: (duration: D) => number
    readonly format: (duration: D) => string
    readonly isFinite: (duration: D) => boolean
  }
  /** The `_tag` of the error `Effect.timeout` fails with. */
  readonly timeoutTag: string
}

/** The call a step makes through the public API. */
export type Call =
  | { readonly _tag: "List" }
  /** `Models.stream(params)`, collected to its ids. */
  | { readonly _tag: "Collect"; readonly limit: number }
  /** `Models.stream(params)` drained, inside `Effect.timeout(timeout)` when one is given. */
  | { readonly _tag: "Drain"; readonly params?: { readonly limit: number }; readonly timeout?: H.DurationText }

/** What a check sees of the run so far; the runner fills it in as the steps go. */
export interface Run<D> {
  /** The requests each API of the case received, in the case's order. */
  readonly requests: ReadonlyArray<ReadonlyArray<H.SeenRequest>>
  /** The outcome of the last `Join`. */
  outcome?: H.Outcome<D>
  /** The abort signal of the request that hung, once `AwaitHang` has seen it. */
  signal?: AbortSignal
}

export type Step<D> =
  /** Forks the call on the case's API `api`, settled to an `Outcome`. */
  | { readonly _tag: "Fork"; readonly call: Call; readonly api: number }
  /** `TestClock.adjust(by)`. */
  | { readonly _tag: "Adjust"; readonly by: H.DurationText }
  /** Joins the forked call: at once after `Fork`, the call run to its end then and there. */
  | { readonly _tag: "Join" }
  /** Waits until a request has hung (a `hang` reply). */
  | { readonly _tag: "AwaitHang" }
  /** Interrupts the forked call. */
  | { readonly _tag: "Interrupt" }
  | { readonly _tag: "Check"; readonly check: (run: Run<D>) => void }

export interface Case<D, R> {
  readonly name: string
  /** Built for each run, so an API may keep state across its requests. */
  readonly apis: (replies: H.Replies<R>) => ReadonlyArray<H.Api<R, RetryOptions>>
  readonly steps: ReadonlyArray<Step<D>>
}

const list: Call = { _tag: "List" }
const fork = <D>(call: Call, api = 0): Step<D> => ({ _tag: "Fork", call, api })
/** The call run to its end now: forked and joined at once, as no clock moves in between. */
const settle = <D>(call: Call, api = 0): ReadonlyArray<Step<D>> => [fork(call, api), { _tag: "Join" }]
const adjust = <D>(by: H.DurationText): Step<D> => ({ _tag: "Adjust", by })
const check = <D>(f: (run: Run<D>) => void): Step<D> => ({ _tag: "Check", check: f })

/**
 * The checks the scripts use most: how many requests an API received, and
 * the outcome as a value (a failure fails the test, as `Fiber.join` did) or
 * as a failure (a value fails it, as `Effect.flip` did) with the error's own
 * check.
 */
const steps = <D>(assert: H.Assert) => {
  const requests = (count: number, api = 0) =>
    check<D>(({ requests }) => assert.strictEqual(requests[api]!.length, count))
  const expectValue = check<D>(({ outcome }) => H.value(assert, outcome))
  const failed = (f: (error: H.ErrorView<D>) => void = () => {}) =>
    check<D>(({ outcome }) => f(H.failure(assert, outcome)))
  const join = (then: Step<D>): ReadonlyArray<Step<D>> => [{ _tag: "Join" }, then]
  return { expectValue, failed, join, requests }
}

/** The cases, in `describe` groups, for an edition. */
export const groups = <D, M extends H.EncodedModel, R>(
  edition: Edition<D, M>
): ReadonlyArray<readonly [string, ReadonlyArray<Case<D, R>>]> => {
  const { assert, fixtures: { apiError, catalogue, json, pageOf } } = edition
  const { expectValue, failed, join, requests } = steps<D>(assert)
  const one = H.one<RetryOptions>

  // A Response body can be read once, so each answer is a new one.
  const ok = () => json({ data: [], first_id: null, last_id: null, has_more: false })

  /** Answers with `failures` in order, then with `ok`. */
  const scripted = (failures: ReadonlyArray<() => Response>) => (_: unknown, index: number) =>
    index < failures.length ? failures[index]!() : ok()

  const rateLimited = (headers: Record<string, string>) => () => apiError(429, "rate_limit_error", "slow down", headers)

  const honoured: ReadonlyArray<readonly [string, () => Response, H.DurationText, H.DurationText]> = [
    [
      "retry-after-ms is honoured to the millisecond",
      rateLimited({ "retry-after-ms": "2500" }),
      "2499 millis",
      "1 millis"
    ],
    [
      "retry-after in seconds is honoured",
      () => apiError(529, "overloaded_error", "busy", { "retry-after": "7" }),
      "6999 millis",
      "1 millis"
    ],
    // TestClock starts at 0, so the date is 30 s away.
    [
      "retry-after as an HTTP date is honoured",
      () => apiError(503, "api_error", "later", { "retry-after": new Date(30_000).toUTCString() }),
      "29 seconds",
      "1 second"
    ]
  ]

  const ignored: ReadonlyArray<readonly [string, Record<string, string>]> = [
    ["retry-after-ms: -5000", { "retry-after-ms": "-5000" }],
    ["retry-after: -5", { "retry-after": "-5" }],
    ["retry-after-ms: NaN", { "retry-after-ms": "NaN" }],
    ["retry-after: Infinity", { "retry-after": "Infinity" }],
    ["retry-after: a date in the past", { "retry-after": new Date(-60_000).toUTCString() }],
    ["retry-after: garbage", { "retry-after": "soon, maybe" }]
  ]

  const refused: ReadonlyArray<readonly [number, string]> = [
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [403, "permission_error"],
    [404, "not_found_error"]
  ]

  const retried = [408, 409, 429, 500, 502, 503, 504, 529]

  const retries: ReadonlyArray<Case<D, R>> = [
    ...honoured.map(([name, failure, before, rest]): Case<D, R> => ({
      name,
      apis: one(scripted([failure])),
      steps: [fork(list), adjust(before), requests(1), adjust(rest), ...join(expectValue), requests(2)]
    })),
    {
      name: "a retry-after over maxRetryAfter (default 60 s) ends the retries at once, keeping the server's wait",
      apis: one(scripted([rateLimited({ "retry-after": "3600" })])),
      steps: [
        ...settle(list),
        requests(1),
        failed((error) => {
          assert.strictEqual(error._tag, "RateLimitError")
          if (error._tag !== "RateLimitError") return
          const wait = error.retryAfter ?? assert.fail("no retryAfter")
          assert.strictEqual(edition.duration.toMillis(wait), 3_600_000)
          assert.strictEqual(edition.duration.format(wait), "1h")
        })
      ]
    },
    {
      name: "the cap is configurable: 5 s waited under a 5 s cap, 6 s refused",
      apis: () => [
        { answers: scripted([rateLimited({ "retry-after": "5" })]), options: { maxRetryAfter: "5 seconds" } },
        { answers: scripted([rateLimited({ "retry-after": "6" })]), options: { maxRetryAfter: "5 seconds" } }
      ],
      steps: [
        fork(list, 0),
        adjust("4999 millis"),
        requests(1, 0),
        adjust("1 millis"),
        ...join(expectValue),
        requests(2, 0),
        ...settle(list, 1),
        failed((error) => assert.strictEqual(error._tag, "RateLimitError")),
        requests(1, 1)
      ]
    },
    ...ignored.map(([name, headers]): Case<D, R> => ({
      name: `${name} is ignored: the normal backoff applies, and the error carries no retryAfter`,
      apis: one(rateLimited(headers), { retry: { every: "2 seconds", times: 1 } }),
      steps: [
        fork(list),
        adjust("1999 millis"),
        // No immediate retry: the backoff's 2 s, not the server's value, decides.
        requests(1),
        adjust("1 millis"),
        { _tag: "Join" },
        requests(2),
        failed((error) => {
          assert.strictEqual(error._tag, "RateLimitError")
          if (error._tag === "RateLimitError") assert.isUndefined(error.retryAfter)
        })
      ]
    })),
    {
      name: "retry-after-ms: 1e308 gives a finite wait that formats, and ends the retries",
      apis: one(rateLimited({ "retry-after-ms": "1e308" })),
      steps: [
        ...settle(list),
        requests(1),
        failed((error) => {
          assert.strictEqual(error._tag, "RateLimitError")
          if (error._tag !== "RateLimitError" || error.retryAfter === undefined) return assert.fail("no retryAfter")
          assert.isTrue(edition.duration.isFinite(error.retryAfter))
          assert.strictEqual(edition.duration.format(error.retryAfter), "365d")
          // The catchTags example in Models.list's JSDoc formats it.
          assert.include(`retry after ${String(error.retryAfter)}`, "retry after")
        })
      ]
    },
    {
      name: "x-should-retry: false stops a retryable status at once",
      apis: one(() => apiError(529, "overloaded_error", "busy", { "x-should-retry": "false" })),
      steps: [
        ...settle(list),
        failed((error) => {
          assert.strictEqual(error._tag, "OverloadedError")
          if (error._tag === "OverloadedError") assert.isFalse(error.shouldRetry)
        }),
        requests(1)
      ]
    },
    {
      name: "x-should-retry: true retries a status that is not retryable by rule",
      apis: one(scripted([
        () => apiError(400, "invalid_request_error", "flaky", { "x-should-retry": "true", "retry-after-ms": "10" })
      ])),
      steps: [fork(list), adjust("10 millis"), ...join(expectValue), requests(2)]
    },
    ...refused.map(([status, type]): Case<D, R> => ({
      name: `${status} fails at once with exactly one request`,
      apis: one(() => apiError(status, type, "no")),
      steps: [...settle(list), failed(), requests(1)]
    })),
    ...retried.map((status): Case<D, R> => ({
      name: `${status} is retried with backoff, twice by default, then fails with the last error`,
      apis: one((_, index) =>
        new Response(JSON.stringify({ type: "error", error: { type: "api_error", message: `try ${index}` } }), {
          status,
          headers: { "request-id": `req_${index}` }
        })
      ),
      steps: [
        fork(list),
        // Backoff is jittered around 0.5 s then 1 s; 10 s covers both.
        adjust("10 seconds"),
        { _tag: "Join" },
        requests(3),
        failed((error) => {
          assert.strictEqual(error.message, "try 2")
          if ("requestId" in error) assert.strictEqual(error.requestId, "req_2")
        })
      ]
    })),
    {
      name: "backoff grows exponentially with jitter",
      apis: one(() => apiError(500, "api_error", "down"), { maxRetries: 3 }),
      steps: [
        fork(list),
        adjust("399 millis"), // first wait is 500 ms ± 20%
        requests(1),
        adjust("201 millis"),
        requests(2),
        // the second wait is 1 s ± 20% after the first retry, so it ends between 1.2 s and 1.8 s
        adjust("599 millis"),
        requests(2),
        adjust("601 millis"),
        requests(3),
        adjust("5 seconds"),
        ...join(failed()),
        requests(4)
      ]
    },
    {
      name: "maxRetries: 0 disables retries; a custom Schedule replaces the default",
      apis: () => [
        { answers: () => apiError(500, "api_error", "down"), options: { maxRetries: 0 } },
        { answers: () => apiError(500, "api_error", "down"), options: { retry: { every: "1 seconds", times: 4 } } }
      ],
      steps: [
        ...settle(list, 0),
        failed(),
        requests(1, 0),
        fork(list, 1),
        adjust("3 seconds"),
        requests(4, 1),
        adjust("1 seconds"),
        ...join(failed()),
        requests(5, 1)
      ]
    },
    {
      name: "a failure on a later page retries that page and never restarts the stream",
      apis: () => {
        const models = catalogue(50)
        let failedOnce = false
        return [{
          answers: (request) => {
            if (request.url.searchParams.get("after_id") === "model-000039" && !failedOnce) {
              failedOnce = true
              return apiError(529, "overloaded_error", "busy", { "retry-after-ms": "100" })
            }
            return json(pageOf(models, request.url))
          }
        }]
      },
      steps: [
        fork({ _tag: "Collect", limit: 10 }),
        adjust("100 millis"),
        { _tag: "Join" },
        check(({ outcome, requests }) => {
          assert.deepStrictEqual(H.value(assert, outcome), catalogue(50).map((m) => m.id))
          assert.deepStrictEqual(requests[0]!.map((r) => r.url.searchParams.get("after_id")), [
            null,
            "model-000009",
            "model-000019",
            "model-000029",
            "model-000039",
            "model-000039"
          ])
        })
      ]
    },
    {
      name: "connection errors and timeouts are retried",
      apis: ({ broken, late }) => [{
        answers: (_, index) => index === 0 ? broken("ECONNRESET") : index === 1 ? late("1 minute", ok()) : ok(),
        options: { timeout: "2 seconds" }
      }],
      steps: [fork(list), adjust("30 seconds"), ...join(expectValue), requests(3)]
    }
  ]

  const signal = (run: Run<D>) => run.signal ?? assert.fail("no request hung")

  const interruption: ReadonlyArray<Case<D, R>> = [
    {
      name: "interrupting a stream mid-page aborts the in-flight request",
      apis: ({ hang }) => [{
        answers: (request, index) => index === 0 ? json(pageOf(catalogue(30), request.url)) : hang(request)
      }],
      steps: [
        fork({ _tag: "Drain", params: { limit: 10 } }),
        { _tag: "AwaitHang" },
        check((run) => assert.isFalse(signal(run).aborted)),
        { _tag: "Interrupt" },
        check((run) => assert.isTrue(signal(run).aborted))
      ]
    },
    {
      name: "Effect.timeout around a stream aborts the request the same way",
      apis: ({ hang }) => [{ answers: hang }],
      steps: [
        fork({ _tag: "Drain", timeout: "1 second" }),
        { _tag: "AwaitHang" },
        adjust("1 second"),
        { _tag: "Join" },
        failed((error) => assert.strictEqual(error._tag, edition.timeoutTag)),
        check((run) => assert.isTrue(signal(run).aborted))
      ]
    }
  ]

  return [["retries", retries], ["interruption", interruption]]
}
