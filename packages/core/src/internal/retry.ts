import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type { ResolvedConfig } from "../ModelsConfig.js"
import { isRetryable, type ModelsError } from "../ModelsError.js"

const retryAfterOf = (error: ModelsError): Duration.Duration | undefined =>
  "retryAfter" in error ? error.retryAfter : undefined

/**
 * Whether this error earns another attempt: a retryable error, unless the
 * server asked for a longer wait than `maxRetryAfter`. Then the caller gets
 * the error at once, with the server's `retryAfter`, to decide for itself.
 */
const worthRetrying = (config: ResolvedConfig) => (error: ModelsError): boolean => {
  if (!isRetryable(error)) return false
  const retryAfter = retryAfterOf(error)
  return retryAfter === undefined || Duration.lessThanOrEqualTo(retryAfter, config.maxRetryAfter)
}

const defaultBackoff = (maxRetries: number): Schedule.Schedule<unknown, ModelsError> =>
  Schedule.exponential(Duration.millis(500), 2).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, Duration.seconds(8))),
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(maxRetries))
  )

/**
 * The retry policy for one request: only errors worth retrying, the
 * configured budget and backoff, and the server's `retry-after` when it sent
 * one (it is never over `maxRetryAfter` here).
 */
const policy = (
  config: ResolvedConfig,
  retryable: (error: ModelsError) => boolean
): Schedule.Schedule<unknown, ModelsError> =>
  Option.getOrElse(config.retrySchedule, () => defaultBackoff(config.maxRetries)).pipe(
    Schedule.whileInput(retryable),
    Schedule.intersect(Schedule.identity<ModelsError>()),
    Schedule.modifyDelay(([, error], delay) => retryAfterOf(error) ?? delay)
  )

/**
 * Runs one request with the configured retries. `beforeAttempt` runs before each
 * attempt after the first, with its number.
 */
export const makeRetry = (config: ResolvedConfig) => {
  const retryable = worthRetrying(config)
  const schedule = policy(config, retryable)
  return <A>(
    once: Effect.Effect<A, ModelsError>,
    onRetryable: (error: ModelsError, attempt: number) => Effect.Effect<void>,
    beforeAttempt: (attempt: number) => Effect.Effect<void>
  ): Effect.Effect<A, ModelsError> =>
    // Most requests succeed at once, so the retry machinery is built only after a
    // retryable failure. The policy then sees that first failure as its own
    // first input, so its delays and its budget are exactly as if it had wrapped
    // the first attempt.
    Effect.catchIf(once, retryable, (firstError) => {
      let replayed = false
      let attempt = 1
      const next = Effect.suspend(() => {
        if (!replayed) {
          replayed = true
          return Effect.fail(firstError)
        }
        attempt++
        const current = attempt
        return beforeAttempt(current).pipe(
          Effect.zipRight(once),
          Effect.tapError((error) => retryable(error) ? onRetryable(error, current) : Effect.void)
        )
      })
      return onRetryable(firstError, 1).pipe(Effect.zipRight(Effect.retry(next, schedule)))
    })
}
