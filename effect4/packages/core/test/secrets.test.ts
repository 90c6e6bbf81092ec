import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as Tracer from "effect/Tracer"
import * as Models from "../src/Models.js"
import { apiError, catalogue, FAKE_KEY, json, modelsLayer } from "./utils.js"

/** A tracer that keeps every span, so a test can search their attributes. */
const recordingTracer = () => {
  const spans: Array<Tracer.NativeSpan> = []
  // Effect 4: `span` takes one options object, and NativeSpan records attributes and events.
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, tracer }
}

/** Effect 4's Logger options carry the fiber; annotations and spans are read from it. */
const recordingLogger = () => {
  const logs: Array<{ message: unknown; annotations: Record<string, unknown>; text: string }> = []
  const logger = Logger.make((options) => {
    const annotations = { ...options.fiber.getRef(References.CurrentLogAnnotations) }
    const spans = options.fiber.getRef(References.CurrentLogSpans)
    logs.push({
      message: options.message,
      annotations,
      text: JSON.stringify([options.message, annotations, spans, String(options.cause)])
    })
  })
  return { logs, layer: Logger.layer([logger]) }
}

// Effect 4's HttpClient span records headers only where TracerHeaderFilter lets
// them through; these tests let every header through, so that they prove the
// credential is redacted even then.
const allHeadersOnSpans = Effect.provideService(HttpClient.TracerHeaderFilter, () => true)

const allLevels = Effect.provideService(References.MinimumLogLevel, "All")

const failures: ReadonlyArray<readonly [string, () => Response | Effect.Effect<Response, Error>]> = [
  ["400", () => apiError(400, "invalid_request_error", "bad")],
  ["401", () => apiError(401, "authentication_error", "invalid x-api-key")],
  ["402", () => apiError(402, "billing_error", "pay")],
  ["403", () => apiError(403, "permission_error", "no")],
  ["404", () => apiError(404, "not_found_error", "missing")],
  ["429", () => apiError(429, "rate_limit_error", "slow", { "retry-after-ms": "5" })],
  ["500", () => apiError(500, "api_error", "oops")],
  ["504", () => apiError(504, "timeout_error", "late")],
  ["529", () => apiError(529, "overloaded_error", "busy")],
  ["unknown type", () => apiError(418, "teapot_error", "tea")],
  ["html", () => new Response("<html>bad gateway</html>", { status: 502 })],
  ["truncated", () => new Response(`{"data":[`, { status: 200 })],
  ["schema", () => json({ data: [{ id: 1 }], first_id: null, last_id: null, has_more: false })],
  ["connection", () => Effect.fail(new Error(`connect ECONNREFUSED`))],
  ["timeout", () => Effect.as(Effect.never, json({}))],
  ["pagination", () => json({ data: catalogue(1), first_id: "a", last_id: null, has_more: true })],
  // A server that echoes the key back: every text an error keeps is scrubbed.
  ["401 echoing the key in its message", () => apiError(401, "authentication_error", `invalid x-api-key: ${FAKE_KEY}`)],
  ["an error type echoing the key", () => apiError(400, `bad_key_${FAKE_KEY}`, "bad")],
  [
    "details echoing the key",
    () =>
      json({
        type: "error",
        error: { type: "billing_error", message: "pay", details: { key: FAKE_KEY, [FAKE_KEY]: 1 } }
      }, 402)
  ],
  ["an HTML body echoing the key", () => new Response(`<html>key ${FAKE_KEY} refused</html>`, { status: 502 })],
  [
    "a schema error echoing the key",
    () => json({ data: [{ id: FAKE_KEY }], first_id: null, last_id: null, has_more: false })
  ],
  [
    "a redirect to the key",
    () => new Response(null, { status: 302, headers: { location: `https://${FAKE_KEY.toLowerCase()}.example/` } })
  ]
]

describe("the API key never leaks", () => {
  for (const [name, answer] of failures) {
    it.effect(`${name}: not in the error, its JSON, Cause.pretty, logs or spans`, () => {
      const { layer } = modelsLayer(() => answer(), { timeout: "1 second" })
      const { spans, tracer } = recordingTracer()
      const { layer: loggerLayer, logs } = recordingLogger()
      return Effect.gen(function*() {
        const fiber = yield* Stream.runDrain(Models.stream()).pipe(
          Effect.tapCause((cause) => Effect.logError("listing failed", cause)),
          Effect.exit,
          Effect.forkChild
        )
        yield* TestClock.adjust("5 minutes")
        const exit = yield* Fiber.join(fiber)
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isSuccess(exit)) return
        const error = Option.getOrThrow(Cause.findErrorOption(exit.cause))
        const texts = [
          error.message,
          String(error),
          error.toString(),
          JSON.stringify(error),
          Cause.pretty(exit.cause),
          ...logs.map((log) => log.text),
          JSON.stringify(
            spans.map((span) => [span.name, [...span.attributes], span.events]),
            (_, value: unknown) => typeof value === "bigint" ? String(value) : value
          )
        ]
        for (const text of texts) assert.notInclude(text, FAKE_KEY)
        // the request headers did reach the spans, redacted
        const shown = spans.map((span) => span.attributes.get("http.request.header.x-api-key")).filter((v) =>
          v !== undefined
        )
        assert.isNotEmpty(shown)
        assert.isTrue(shown.every((value) => value === "<redacted>"))
        assert.isTrue(logs.length > 0)
      }).pipe(
        Effect.provide(layer),
        allHeadersOnSpans,
        Effect.withTracer(tracer),
        Effect.provide(loggerLayer),
        allLevels
      )
    })
  }
})

describe("an auth token never leaks", () => {
  it.effect("Authorization is redacted in spans and absent from errors", () => {
    const token = "sk-ant-oat01-FAKE-token-leakcheck"
    const { layer } = modelsLayer(() => apiError(401, "authentication_error", "bad token"), {
      apiKey: undefined,
      authToken: token
    })
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.notInclude(JSON.stringify(error) + String(error), token)
      const shown = spans.map((span) => span.attributes.get("http.request.header.authorization")).filter((v) =>
        v !== undefined
      )
      assert.deepStrictEqual(shown, ["<redacted>"])
      assert.notInclude(JSON.stringify(spans.map((span) => [...span.attributes])), token)
    }).pipe(Effect.provide(layer), allHeadersOnSpans, Effect.withTracer(tracer))
  })
})

describe("request spans", () => {
  it.effect("a call has one span (path, attempts) over the HTTP client's span per attempt (status, request id)", () => {
    const { layer } = modelsLayer((_, index) =>
      index === 0
        ? apiError(529, "overloaded_error", "busy", { "retry-after-ms": "1", "request-id": "req_first" })
        : json({ data: [], first_id: null, last_id: null, has_more: false }, 200, { "request-id": "req_second" })
    )
    const { spans, tracer } = recordingTracer()
    const { layer: loggerLayer, logs } = recordingLogger()
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Models.list())
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      const calls = spans.filter((span) => span.name === "Models.list")
      assert.strictEqual(calls.length, 1)
      assert.deepInclude(Object.fromEntries(calls[0]!.attributes), {
        "url.path": "/v1/models",
        "anthropic.attempts": 2
      })
      // Effect 4 names the HttpClient's span after the method alone.
      const attempts = spans.filter((span) => span.kind === "client")
      assert.deepStrictEqual(attempts.map((span) => span.name), ["GET", "GET"])
      assert.deepStrictEqual(attempts.map((span) => span.attributes.get("http.response.status_code")), [529, 200])
      assert.deepStrictEqual(
        attempts.map((span) => span.attributes.get("http.response.header.request-id")),
        ["req_first", "req_second"]
      )
      assert.deepStrictEqual(attempts.map((span) => span.attributes.get("http.request.method")), ["GET", "GET"])
      // Effect 4 records no header on the HttpClient's span by default; the client
      // lets request-id through, and nothing else.
      assert.isTrue(attempts.every((span) => span.attributes.get("http.request.header.x-api-key") === undefined))
      // The failed attempt's request id is in the debug log of the retry.
      const retried = logs.filter((log) => String(log.message).includes("retryable"))
      assert.strictEqual(retried.length, 1)
      assert.deepInclude(retried[0]!.annotations, { attempt: 1, error: "OverloadedError", requestId: "req_first" })
    }).pipe(
      Effect.provide(layer),
      Effect.provide(loggerLayer),
      allLevels,
      Effect.withTracer(tracer)
    )
  })
})

describe("without a tracing backend", () => {
  const model = catalogue(1)[0]!
  const empty = (request: { readonly url: URL }) =>
    request.url.pathname === "/v1/models"
      ? json({ data: [], first_id: null, last_id: null, has_more: false })
      : json(model)
  const traceHeaders = (headers: Readonly<Record<string, string>>) =>
    Object.keys(headers).filter((name) => name === "traceparent" || name === "b3")

  it.effect("under Effect's nativeTracer a call makes no span and sends no trace header, inside a span or not", () => {
    const { layer, requests } = modelsLayer(empty)
    return Effect.gen(function*() {
      yield* Models.list()
      yield* Effect.withSpan(Models.retrieve(model.id), "the caller's span")
      assert.strictEqual(requests.length, 2)
      assert.deepStrictEqual(requests.map((request) => traceHeaders(request.headers)), [[], []])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a trace that came from outside (an ExternalSpan) is still propagated, on the request's own span", () => {
    const { layer, requests } = modelsLayer(empty)
    const traceId = "0af7651916cd43dd8448eb211c80319c"
    return Effect.gen(function*() {
      yield* Models.list()
      const traceparent = requests[0]?.headers.traceparent ?? ""
      assert.match(traceparent, new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`))
      assert.notInclude(traceparent, "b7ad6b7169203331", "a span of its own, under the external one")
    }).pipe(
      Effect.provide(layer),
      Effect.withParentSpan(Tracer.externalSpan({ traceId, spanId: "b7ad6b7169203331", sampled: true }))
    )
  })

  it.effect("with a tracer installed, both spans are made and the trace is propagated", () => {
    const { layer, requests } = modelsLayer(empty)
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* Models.list()
      assert.deepStrictEqual(spans.map((span) => span.name), ["Models.list", "GET"])
      const client = spans[1]!
      assert.strictEqual(requests[0]?.headers.traceparent, `00-${client.traceId}-${client.spanId}-01`)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })
})
