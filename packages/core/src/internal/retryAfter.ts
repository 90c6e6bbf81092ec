import * as Duration from "effect/Duration"

/**
 * The longest wait an error reports. Servers may send anything (`1e308`), and
 * `Duration.format` fails on values that large, so larger waits are read as a
 * year: far past any `maxRetryAfter`, and still printable.
 */
const longestWait = Duration.days(365)

const fromMillis = (millis: number): Duration.Duration | undefined =>
  // Negative, NaN and infinite values carry no usable advice: the normal backoff applies.
  Number.isFinite(millis) && millis >= 0 ? Duration.min(Duration.millis(millis), longestWait) : undefined

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export const parseRetryAfter = (
  retryAfterMs: string | undefined,
  retryAfter: string | undefined,
  nowMillis: number
): Duration.Duration | undefined => {
  if (retryAfterMs !== undefined && retryAfterMs.trim() !== "") {
    const wait = fromMillis(Number(retryAfterMs))
    if (wait !== undefined) return wait
  }
  if (retryAfter === undefined || retryAfter.trim() === "") return undefined
  const seconds = Number(retryAfter)
  if (!Number.isNaN(seconds)) return fromMillis(seconds * 1000)
  return fromMillis(Date.parse(retryAfter) - nowMillis)
}
