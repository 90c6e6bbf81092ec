/**
 * The faults the mock API can inject, and when: by request number from a
 * script, or drawn at random from a seed, so a failing run can be replayed
 * exactly. Each fault is described here as what goes wrong; the mock applies
 * it to its answer, and a transport does what only it can (drop the
 * connection, wait on its clock).
 *
 * @since 0.2.0
 */
import type { ErrorType } from "./ErrorTable.js"
import { mulberry32 } from "./Prng.js"
import { headers } from "./Wire.js"

/**
 * Every fault.
 *
 * - `rate-limit`: 429 `rate_limit_error` with `retry-after-ms` and `retry-after`
 * - `server-error`: 500 `api_error`
 * - `overloaded`: 529 `overloaded_error`
 * - `html-503`: 503 with an HTML body, as a proxy sends
 * - `connection-reset`: the connection drops before any response
 * - `slow`: the right answer, but only after the slow delay
 * - `truncated-json`: status 200 with the body cut in half
 *
 * @since 0.2.0
 * @category kinds
 */
export const kinds = [
  "rate-limit",
  "server-error",
  "overloaded",
  "html-503",
  "connection-reset",
  "slow",
  "truncated-json"
] as const

/**
 * @since 0.2.0
 * @category kinds
 */
export type Kind = typeof kinds[number]

/**
 * Faults drawn at random for each request.
 *
 * @since 0.2.0
 * @category options
 */
export interface RandomOptions {
  readonly seed: number
  /** Probability of a fault per request, from 0 to 1. */
  readonly rate: number
  /** Default: every kind. */
  readonly kinds?: ReadonlyArray<Kind> | undefined
}

/**
 * Which faults to inject, and their parameters.
 *
 * @since 0.2.0
 * @category options
 */
export interface Options {
  /** Faults by request number, counted from 1 across all requests. A scripted fault wins over a drawn one. */
  readonly script?: Readonly<Record<number, Kind>> | undefined
  readonly random?: RandomOptions | undefined
  /** How long a `slow` response stalls. Default `defaults.slowDelayMillis`. */
  readonly slowDelayMillis?: number | undefined
  /** The `retry-after-ms` of a `rate-limit` fault. Default `defaults.retryAfterMs`. */
  readonly retryAfterMs?: number | undefined
}

/**
 * The defaults of `Options`: a slow response outlasts any sensible client
 * timeout, and a rate limit asks for a wait short enough to keep tests fast.
 *
 * @since 0.2.0
 * @category options
 */
export const defaults = {
  slowDelayMillis: 30_000,
  retryAfterMs: 20
} as const

/**
 * The fault for request `n` (counted from 1), or undefined. Stateful when
 * faults are drawn: call it once per request, in order.
 *
 * @since 0.2.0
 * @category schedules
 */
export type Schedule = (n: number) => Kind | undefined

/**
 * The schedule of `options`: a scripted fault, else a seeded draw. A
 * scripted request takes no draw.
 *
 * @since 0.2.0
 * @category schedules
 */
export const schedule = (options: Options): Schedule => {
  const { random, script } = options
  if (random === undefined) return (n) => script?.[n]
  const draw = mulberry32(random.seed)
  const drawable = random.kinds ?? kinds
  return (n) => {
    const scripted = script?.[n]
    if (scripted !== undefined) return scripted
    // Two draws per drawn request, hit or miss, so one seed gives one schedule.
    const hit = draw() < random.rate
    const kind = drawable[Math.floor(draw() * drawable.length)]
    return hit ? kind : undefined
  }
}

/**
 * What a fault does to a request.
 *
 * - `ApiError`: the API's error body of `type`, with `headers`, in place of the answer
 * - `ProxyPage`: a body that is not the API's, as a proxy in front of it sends
 * - `Reset`: no response at all; the transport drops the connection
 * - `Late`: the right answer, after `millis`; the transport waits on its own clock
 * - `Truncated`: the right answer's body cut short (`truncate`), with status 200
 *
 * @since 0.2.0
 * @category injections
 */
export type Injection =
  | {
    readonly _tag: "ApiError"
    readonly type: ErrorType
    readonly message: string
    readonly headers: Readonly<Record<string, string>>
  }
  | { readonly _tag: "ProxyPage"; readonly status: number; readonly contentType: string; readonly body: string }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Late"; readonly millis: number }
  | { readonly _tag: "Truncated" }

/**
 * The status of a proxy's "service unavailable" page.
 *
 * @since 0.2.0
 * @category injections
 */
export const proxyUnavailableStatus = 503

/**
 * The body of the `html-503` fault.
 *
 * @since 0.2.0
 * @category injections
 */
export const proxyUnavailablePage =
  "<html><head><title>503 Service Unavailable</title></head><body>upstream unavailable</body></html>"

/**
 * What `kind` does, with `options`' parameters.
 *
 * @since 0.2.0
 * @category injections
 */
export const injection = (kind: Kind, options: Options = {}): Injection => {
  switch (kind) {
    case "rate-limit": {
      const millis = options.retryAfterMs ?? defaults.retryAfterMs
      return {
        _tag: "ApiError",
        type: "rate_limit_error",
        message: "Number of requests has exceeded your rate limit",
        // Both headers, as the API sends them: clients that read only seconds still wait.
        headers: { [headers.retryAfterMs]: String(millis), [headers.retryAfter]: String(Math.ceil(millis / 1000)) }
      }
    }
    case "server-error":
      return { _tag: "ApiError", type: "api_error", message: "Internal server error", headers: {} }
    case "overloaded":
      return { _tag: "ApiError", type: "overloaded_error", message: "Overloaded", headers: {} }
    case "html-503":
      return {
        _tag: "ProxyPage",
        status: proxyUnavailableStatus,
        contentType: "text/html",
        body: proxyUnavailablePage
      }
    case "connection-reset":
      return { _tag: "Reset" }
    case "slow":
      return { _tag: "Late", millis: options.slowDelayMillis ?? defaults.slowDelayMillis }
    case "truncated-json":
      return { _tag: "Truncated" }
  }
}

/**
 * A body cut in half: never valid JSON for a non-empty object or array.
 *
 * @since 0.2.0
 * @category injections
 */
export const truncate = (body: string): string => body.slice(0, Math.floor(body.length / 2))

/**
 * A counter per kind, all at zero.
 *
 * @since 0.2.0
 * @category counting
 */
export const zeroCounts = (): Record<Kind, number> => ({
  "rate-limit": 0,
  "server-error": 0,
  overloaded: 0,
  "html-503": 0,
  "connection-reset": 0,
  slow: 0,
  "truncated-json": 0
})
