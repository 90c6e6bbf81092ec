/**
 * How long a server asked the client to wait.
 *
 * @since 0.2.0
 */

/**
 * The longest wait reported: 365 days. Servers may send anything (`1e308`),
 * and a wait that large cannot be formatted, so larger waits are read as a
 * year: far past any sensible cap, and still printable.
 *
 * @since 0.2.0
 * @category constants
 */
export const longestWaitMillis = 365 * 24 * 60 * 60 * 1000

const fromMillis = (millis: number): number | undefined =>
  // Negative, NaN and infinite values carry no usable advice: the normal backoff applies.
  Number.isFinite(millis) && millis >= 0 ? Math.min(millis, longestWaitMillis) : undefined

/**
 * The wait in milliseconds: `retry-after-ms`, else `retry-after` in seconds or
 * as an HTTP date (against `nowMillis`). Undefined when neither carries a
 * usable value.
 *
 * @since 0.2.0
 * @category parsing
 */
export const parseRetryAfter = (
  retryAfterMs: string | undefined,
  retryAfter: string | undefined,
  nowMillis: number
): number | undefined => {
  if (retryAfterMs !== undefined && retryAfterMs.trim() !== "") {
    const wait = fromMillis(Number(retryAfterMs))
    if (wait !== undefined) return wait
  }
  if (retryAfter === undefined || retryAfter.trim() === "") return undefined
  const seconds = Number(retryAfter)
  // Capped before scaling: `1e308` seconds is finite, but not in milliseconds.
  if (!Number.isNaN(seconds)) {
    return Number.isFinite(seconds) ? fromMillis(Math.min(seconds, longestWaitMillis / 1000) * 1000) : undefined
  }
  return fromMillis(Date.parse(retryAfter) - nowMillis)
}
