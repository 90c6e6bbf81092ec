import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as Models from "../src/Models.js"
import { apiError, catalogue, json, modelsLayer, pageOf } from "./utils.js"

// A Response body can be read once, so each answer is a new one.
const ok = () => json({ data: [], first_id: null, last_id: null, has_more: false })

/** Answers with `failures` in order, then with `ok`. */
const scripted = (failures: ReadonlyArray<() => Response>) => (_: unknown, index: number) =>
  index < failures.length ? failures[index]!() : ok()

describe("retries", () => {
  it.effect("retry-after-ms is honoured to the millisecond", () => {
    const { layer, requests } = modelsLayer(
      scripted([() => apiError(429, "rate_limit_error", "slow down", { "retry-after-ms": "2500" })])
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("2499 millis")
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("retry-after in seconds is honoured", () => {
    const { layer, requests } = modelsLayer(
      scripted([() => apiError(529, "overloaded_error", "busy", { "retry-after": "7" })])
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("6999 millis")
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("retry-after as an HTTP date is honoured", () => {
    const { layer, requests } = modelsLayer(
      scripted([() => apiError(503, "api_error", "later", { "retry-after": new Date(30_000).toUTCString() })])
    )
    return Effect.gen(function*() {
      // TestClock starts at 0, so the date is 30 s away.
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a retry-after over maxRetryAfter (default 60 s) ends the retries at once, keeping the server's wait", () => {
    const { layer, requests } = modelsLayer(
      scripted([() => apiError(429, "rate_limit_error", "slow down", { "retry-after": "3600" })])
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(error._tag, "RateLimitError")
      if (error._tag !== "RateLimitError") return
      assert.isTrue(Duration.equals(error.retryAfter ?? Duration.zero, Duration.seconds(3600)))
      assert.strictEqual(Duration.format(error.retryAfter ?? Duration.zero), "1h")
    }).pipe(Effect.provide(layer))
  })

  it.effect("the cap is configurable: 5 s waited under a 5 s cap, 6 s refused", () => {
    const within = modelsLayer(
      scripted([() => apiError(429, "rate_limit_error", "slow down", { "retry-after": "5" })]),
      { maxRetryAfter: "5 seconds" }
    )
    const over = modelsLayer(
      scripted([() => apiError(429, "rate_limit_error", "slow down", { "retry-after": "6" })]),
      { maxRetryAfter: "5 seconds" }
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list().pipe(Effect.provide(within.layer)))
      yield* TestClock.adjust("4999 millis")
      assert.strictEqual(within.requests.length, 1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(within.requests.length, 2)
      const error = yield* Effect.flip(Models.list().pipe(Effect.provide(over.layer)))
      assert.strictEqual(error._tag, "RateLimitError")
      assert.strictEqual(over.requests.length, 1)
    })
  })

  for (
    const [name, headers] of [
      ["retry-after-ms: -5000", { "retry-after-ms": "-5000" }],
      ["retry-after: -5", { "retry-after": "-5" }],
      ["retry-after-ms: NaN", { "retry-after-ms": "NaN" }],
      ["retry-after: Infinity", { "retry-after": "Infinity" }],
      ["retry-after: a date in the past", { "retry-after": new Date(-60_000).toUTCString() }],
      ["retry-after: garbage", { "retry-after": "soon, maybe" }]
    ] as const
  ) {
    it.effect(`${name} is ignored: the normal backoff applies, and the error carries no retryAfter`, () => {
      const { layer, requests } = modelsLayer(() => apiError(429, "rate_limit_error", "slow down", headers), {
        retrySchedule: Schedule.spaced("2 seconds").pipe(Schedule.upTo({ times: 1 }))
      })
      return Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Effect.flip(Models.list()))
        yield* TestClock.adjust("1999 millis")
        // No immediate retry: the backoff's 2 s, not the server's value, decides.
        assert.strictEqual(requests.length, 1)
        yield* TestClock.adjust("1 millis")
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(requests.length, 2)
        assert.strictEqual(error._tag, "RateLimitError")
        if (error._tag === "RateLimitError") assert.isUndefined(error.retryAfter)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("retry-after-ms: 1e308 gives a finite wait that formats, and ends the retries", () => {
    const { layer, requests } = modelsLayer(() =>
      apiError(429, "rate_limit_error", "slow down", { "retry-after-ms": "1e308" })
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(error._tag, "RateLimitError")
      if (error._tag !== "RateLimitError" || error.retryAfter === undefined) return assert.fail("no retryAfter")
      assert.isTrue(Duration.isFinite(error.retryAfter))
      assert.strictEqual(Duration.format(error.retryAfter), "365d")
      // The catchTags example in Models.list's JSDoc formats it.
      assert.include(`retry after ${String(error.retryAfter)}`, "retry after")
    }).pipe(Effect.provide(layer))
  })

  it.effect("x-should-retry: false stops a retryable status at once", () => {
    const { layer, requests } = modelsLayer(() =>
      apiError(529, "overloaded_error", "busy", { "x-should-retry": "false" })
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(error._tag, "OverloadedError")
      if (error._tag === "OverloadedError") assert.isFalse(error.shouldRetry)
      assert.strictEqual(requests.length, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("x-should-retry: true retries a status that is not retryable by rule", () => {
    const { layer, requests } = modelsLayer(
      scripted([
        () => apiError(400, "invalid_request_error", "flaky", { "x-should-retry": "true", "retry-after-ms": "10" })
      ])
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("10 millis")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  for (
    const [status, type] of [[400, "invalid_request_error"], [401, "authentication_error"], [403, "permission_error"], [
      404,
      "not_found_error"
    ]] as const
  ) {
    it.effect(`${status} fails at once with exactly one request`, () => {
      const { layer, requests } = modelsLayer(() => apiError(status, type, "no"))
      return Effect.gen(function*() {
        yield* Effect.flip(Models.list())
        assert.strictEqual(requests.length, 1)
      }).pipe(Effect.provide(layer))
    })
  }

  for (const status of [408, 409, 429, 500, 502, 503, 504, 529]) {
    it.effect(`${status} is retried with backoff, twice by default, then fails with the last error`, () => {
      const { layer, requests } = modelsLayer((_, index) =>
        new Response(JSON.stringify({ type: "error", error: { type: "api_error", message: `try ${index}` } }), {
          status,
          headers: { "request-id": `req_${index}` }
        })
      )
      return Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(Effect.flip(Models.list()))
        // Backoff is jittered around 0.5 s then 1 s; 10 s covers both.
        yield* TestClock.adjust("10 seconds")
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(requests.length, 3)
        assert.strictEqual(error.message, "try 2")
        if ("requestId" in error) assert.strictEqual(error.requestId, "req_2")
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("backoff grows exponentially with jitter", () => {
    const { layer, requests } = modelsLayer(() => apiError(500, "api_error", "down"), { maxRetries: 3 })
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(Models.list()))
      yield* TestClock.adjust("399 millis") // first wait is 500 ms ± 20%
      assert.strictEqual(requests.length, 1)
      yield* TestClock.adjust("201 millis")
      assert.strictEqual(requests.length, 2)
      // the second wait is 1 s ± 20% after the first retry, so it ends between 1.2 s and 1.8 s
      yield* TestClock.adjust("599 millis")
      assert.strictEqual(requests.length, 2)
      yield* TestClock.adjust("601 millis")
      assert.strictEqual(requests.length, 3)
      yield* TestClock.adjust("5 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 4)
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxRetries: 0 disables retries; a custom Schedule replaces the default", () => {
    const none = modelsLayer(() => apiError(500, "api_error", "down"), { maxRetries: 0 })
    const custom = modelsLayer(() => apiError(500, "api_error", "down"), {
      retrySchedule: Schedule.spaced(Duration.seconds(1)).pipe(Schedule.upTo({ times: 4 }))
    })
    return Effect.gen(function*() {
      yield* Effect.flip(Models.list().pipe(Effect.provide(none.layer)))
      assert.strictEqual(none.requests.length, 1)
      const fiber = yield* Effect.forkChild(Effect.flip(Models.list().pipe(Effect.provide(custom.layer))))
      yield* TestClock.adjust("3 seconds")
      assert.strictEqual(custom.requests.length, 4)
      yield* TestClock.adjust("1 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(custom.requests.length, 5)
    })
  })

  it.effect("a failure on a later page retries that page and never restarts the stream", () => {
    const models = catalogue(50)
    let failedOnce = false
    const { layer, requests } = modelsLayer((request) => {
      if (request.url.searchParams.get("after_id") === "model-000039" && !failedOnce) {
        failedOnce = true
        return apiError(529, "overloaded_error", "busy", { "retry-after-ms": "100" })
      }
      return json(pageOf(models, request.url))
    })
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runCollect(Models.stream({ limit: 10 })))
      yield* TestClock.adjust("100 millis")
      const all = yield* Fiber.join(fiber)
      assert.deepStrictEqual(all.map((m) => m.id), models.map((m) => m.id))
      assert.deepStrictEqual(requests.map((r) => r.url.searchParams.get("after_id")), [
        null,
        "model-000009",
        "model-000019",
        "model-000029",
        "model-000039",
        "model-000039"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("connection errors and timeouts are retried", () => {
    let calls = 0
    const { layer, requests } = modelsLayer(() => {
      calls++
      if (calls === 1) return Effect.fail(new Error("ECONNRESET"))
      if (calls === 2) return Effect.as(Effect.sleep("1 minute"), ok())
      return ok()
    }, { timeout: "2 seconds" })
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("30 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 3)
    }).pipe(Effect.provide(layer))
  })
})

describe("interruption", () => {
  it.effect("interrupting a stream mid-page aborts the in-flight request", () => {
    const started = Deferred.makeUnsafe<AbortSignal>()
    const { layer } = modelsLayer((request, index) => {
      if (index === 0) return json(pageOf(catalogue(30), request.url))
      return Effect.andThen(Deferred.succeed(started, request.signal), Effect.never)
    })
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runDrain(Models.stream({ limit: 10 })))
      const signal = yield* Deferred.await(started)
      assert.isFalse(signal.aborted)
      yield* Fiber.interrupt(fiber)
      assert.isTrue(signal.aborted)
    }).pipe(Effect.provide(layer))
  })

  it.effect("Effect.timeout around a stream aborts the request the same way", () => {
    const started = Deferred.makeUnsafe<AbortSignal>()
    const { layer } = modelsLayer((request) => Effect.andThen(Deferred.succeed(started, request.signal), Effect.never))
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Stream.runDrain(Models.stream()).pipe(Effect.timeout("1 second")))
      const signal = yield* Deferred.await(started)
      yield* TestClock.adjust("1 second")
      const result = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(result._tag, "TimeoutError")
      assert.isTrue(signal.aborted)
    }).pipe(Effect.provide(layer))
  })
})
