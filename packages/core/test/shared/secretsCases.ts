/**
 * The secrets-and-spans suite's cases, as plain TypeScript both editions run:
 * packages/core/test/secrets.test.ts (Effect 3) and
 * effect4/packages/core/test/secrets.test.ts (Effect 4) are thin runners.
 * The runners build the recording tracer and logger their Effect allows, make
 * the calls, and hand what was recorded to the checks here.
 */
import type * as H from "./modelsHarness.js"

/** The chai assertions these cases use, beyond the harness's. */
export interface Assert extends H.Assert {
  notInclude(haystack: string, needle: string, message?: string): void
  isNotEmpty(value: ReadonlyArray<unknown>, message?: string): void
  match(value: string, pattern: RegExp, message?: string): void
  deepInclude(haystack: unknown, needle: unknown, message?: string): void
}

/** A span as the runner's recording tracer kept it. */
export interface SpanView {
  readonly name: string
  readonly kind: string
  readonly traceId: string
  readonly spanId: string
  readonly attributes: ReadonlyMap<string, unknown>
  readonly events: ReadonlyArray<unknown>
}

/** A log line as the runner's recording logger kept it: `text` is all of it, serialized. */
export interface LogView {
  readonly message: unknown
  readonly annotations: Readonly<Record<string, unknown>>
  readonly text: string
}

/** What differs between the editions here; `R` is a handler's Effect (`Effect<Response, Error>`). */
export interface Edition<M extends H.EncodedModel, R> {
  readonly assert: Assert
  readonly fixtures: H.Fixtures<M>
  /** The connection breaks with this message. */
  readonly broken: (message: string) => R
  /** No answer ever. */
  readonly never: () => R
  /** The name of the HTTP client's span for a GET. */
  readonly clientSpanName: string
  /** Whether a span is the HTTP client's (one per attempt). */
  readonly isClientSpan: (span: SpanView) => boolean
  /**
   * Whether the HTTP client's span records the request's headers unasked
   * (Effect 3), or only those its TracerHeaderFilter lets through (Effect 4).
   */
  readonly clientSpanHeaders: "all" | "filtered"
  /** What Effect calls the tracer it runs with when no backend is installed. */
  readonly defaultTracer: string
}

/**
 * What a case calls, through the public API: `Models.stream()` drained, its
 * failure logged at the error level ("listing failed", with the cause);
 * `Models.list()`; or `Models.list()` and then `Models.retrieve(id)` inside a
 * span of the caller's named `span`.
 */
export type Call =
  | { readonly _tag: "Stream" }
  | { readonly _tag: "List" }
  | { readonly _tag: "ListThenRetrieveInSpan"; readonly id: string; readonly span: string }

/**
 * What the runner wraps a case's call in, innermost first: its recording
 * tracer; its recording logger in place of the default one, every level let
 * through; every request header let onto the HTTP client's span where the
 * edition filters them (Effect 4's TracerHeaderFilter), so that a case proves
 * the credential is redacted even then; or a parent span from outside
 * (`Tracer.externalSpan` of these fields). With none, Effect's own tracer runs.
 */
export type Around =
  | "recordingTracer"
  | "recordingLogger"
  | "allHeadersOnSpans"
  | { readonly traceId: string; readonly spanId: string; readonly sampled: boolean }

/** How the call settled. */
export type Outcome =
  | { readonly _tag: "Success" }
  | {
    readonly _tag: "Failure"
    /** The error the call failed with. */
    readonly error: { readonly message: string; toString(): string }
    /** `Cause.pretty` of its cause. */
    readonly pretty: string
  }

/** `onFailure` and `onSuccess` for the edition's `Effect.matchCause`. */
export const failed = (error: { readonly message: string; toString(): string }, pretty: string): Outcome => ({
  _tag: "Failure",
  error,
  pretty
})
export const succeeded = (): Outcome => ({ _tag: "Success" })

/** How the runner wraps its Effect's program `P`: in each named `Around`, under a parent span, on the clock. */
export interface Wrappers<P> extends Readonly<Record<Exclude<Around, object>, (self: P) => P>> {
  readonly parentSpan: (self: P, span: Exclude<Around, string>) => P
  /** `self` forked, the TestClock moved by `by`, then joined. */
  readonly clock: (self: P, by: NonNullable<Case<unknown>["clock"]>) => P
}

/** A case's `program` on the clock where it asks, then wrapped in each of its `around`, innermost first. */
export const wrap = <P>(program: P, c: Case<unknown>, wrappers: Wrappers<P>): P =>
  c.around.reduce(
    (self, around) => typeof around === "string" ? wrappers[around](self) : wrappers.parentSpan(self, around),
    c.clock === undefined ? program : wrappers.clock(program, c.clock)
  )

/** Everything a call left behind. */
export interface Run {
  readonly outcome: Outcome
  /** The recording logger's lines (none unless the case is wrapped in it). */
  readonly logs: ReadonlyArray<LogView>
  /** The recording tracer's spans (none unless the case is wrapped in it). */
  readonly spans: ReadonlyArray<SpanView>
  readonly requests: ReadonlyArray<H.SeenRequest>
}

export interface Case<R> {
  readonly name: string
  readonly answers: (request: H.SeenRequest, index: number) => Response | R
  readonly options?: H.LayerOptions
  readonly call: Call
  /** With it, the runner forks the case, moves the TestClock by this much, then joins it. */
  readonly clock?: H.DurationText | `${number} minutes`
  readonly around: ReadonlyArray<Around>
  readonly check: (run: Run) => void
}

const toJson = (u: unknown) =>
  JSON.stringify(u, (_, value: unknown) => typeof value === "bigint" ? String(value) : value)

const emptyPage = { data: [], first_id: null, last_id: null, has_more: false }

/** The cases, in `describe` groups, for an edition. */
export const groups = <M extends H.EncodedModel, R>(
  edition: Edition<M, R>
): ReadonlyArray<readonly [string, ReadonlyArray<Case<R>>]> => {
  const { assert, fixtures: { FAKE_KEY, apiError, catalogue, json } } = edition
  const failure = (outcome: Outcome) =>
    outcome._tag === "Failure" ? outcome : assert.fail("expected the call to fail, it succeeded")
  const success = (outcome: Outcome) => {
    if (outcome._tag === "Failure") assert.fail(`expected the call to succeed, it failed: ${outcome.pretty}`)
  }

  /** Failures to provoke with `Models.stream()` under a 1 second timeout, the clock moved 5 minutes. */
  const failures: ReadonlyArray<readonly [string, () => Response | R]> = [
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
    ["connection", () => edition.broken(`connect ECONNREFUSED`)],
    ["timeout", () => edition.never()],
    ["pagination", () => json({ data: catalogue(1), first_id: "a", last_id: null, has_more: true })],
    // A server that echoes the key back: every text an error keeps is scrubbed.
    [
      "401 echoing the key in its message",
      () => apiError(401, "authentication_error", `invalid x-api-key: ${FAKE_KEY}`)
    ],
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

  const apiKey = failures.map(([name, answer]): Case<R> => ({
    name: `${name}: not in the error, its JSON, Cause.pretty, logs or spans`,
    answers: () => answer(),
    options: { timeout: "1 second" },
    call: { _tag: "Stream" },
    clock: "5 minutes",
    around: ["allHeadersOnSpans", "recordingTracer", "recordingLogger"],
    check: ({ logs, outcome, spans }) => {
      assert.isTrue(outcome._tag === "Failure")
      const { error, pretty } = failure(outcome)
      const texts = [
        error.message,
        String(error),
        error.toString(),
        JSON.stringify(error),
        pretty,
        ...logs.map((log) => log.text),
        toJson(spans.map((span) => [span.name, [...span.attributes], span.events]))
      ]
      for (const text of texts) assert.notInclude(text, FAKE_KEY)
      // the request headers did reach the spans, redacted
      const shown = spans.map((span) => span.attributes.get("http.request.header.x-api-key")).filter((v) =>
        v !== undefined
      )
      assert.isNotEmpty(shown)
      assert.isTrue(shown.every((value) => value === "<redacted>"))
      assert.isTrue(logs.length > 0)
    }
  }))

  const token = "sk-ant-oat01-FAKE-token-leakcheck"
  const authToken: Case<R> = {
    name: "Authorization is redacted in spans and absent from errors",
    answers: () => apiError(401, "authentication_error", "bad token"),
    options: { apiKey: undefined, authToken: token },
    call: { _tag: "List" },
    around: ["allHeadersOnSpans", "recordingTracer"],
    check: ({ outcome, spans }) => {
      const { error } = failure(outcome)
      assert.notInclude(JSON.stringify(error) + String(error), token)
      const shown = spans.map((span) => span.attributes.get("http.request.header.authorization")).filter((v) =>
        v !== undefined
      )
      assert.deepStrictEqual(shown, ["<redacted>"])
      assert.notInclude(JSON.stringify(spans.map((span) => [...span.attributes])), token)
    }
  }

  const requestSpans: Case<R> = {
    name: "a call has one span (path, attempts) over the HTTP client's span per attempt (status, request id)",
    answers: (_, index) =>
      index === 0
        ? apiError(529, "overloaded_error", "busy", { "retry-after-ms": "1", "request-id": "req_first" })
        : json(emptyPage, 200, { "request-id": "req_second" }),
    call: { _tag: "List" },
    clock: "1 second",
    around: ["recordingLogger", "recordingTracer"],
    check: ({ logs, outcome, spans }) => {
      success(outcome)
      const calls = spans.filter((span) => span.name === "Models.list")
      assert.strictEqual(calls.length, 1)
      assert.deepInclude(Object.fromEntries(calls[0]!.attributes), {
        "url.path": "/v1/models",
        "anthropic.attempts": 2
      })
      const attempts = spans.filter(edition.isClientSpan)
      assert.deepStrictEqual(attempts.map((span) => span.name), [edition.clientSpanName, edition.clientSpanName])
      assert.deepStrictEqual(attempts.map((span) => span.attributes.get("http.response.status_code")), [529, 200])
      assert.deepStrictEqual(
        attempts.map((span) => span.attributes.get("http.response.header.request-id")),
        ["req_first", "req_second"]
      )
      assert.deepStrictEqual(attempts.map((span) => span.attributes.get("http.request.method")), ["GET", "GET"])
      if (edition.clientSpanHeaders === "filtered") {
        // No header is recorded on the HttpClient's span by default; the
        // client lets request-id through, and nothing else.
        assert.isTrue(attempts.every((span) => span.attributes.get("http.request.header.x-api-key") === undefined))
      }
      // The failed attempt's request id is in the debug log of the retry.
      const retried = logs.filter((log) => String(log.message).includes("retryable"))
      assert.strictEqual(retried.length, 1)
      assert.deepInclude(retried[0]!.annotations, { attempt: 1, error: "OverloadedError", requestId: "req_first" })
    }
  }

  const model = catalogue(1)[0]!
  const answers = (request: H.SeenRequest) => request.url.pathname === "/v1/models" ? json(emptyPage) : json(model)
  const traceHeaders = (headers: Readonly<Record<string, string>>) =>
    Object.keys(headers).filter((name) => name === "traceparent" || name === "b3")
  const external = { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", sampled: true }

  const noBackend: ReadonlyArray<Case<R>> = [
    {
      answers,
      name:
        `under Effect's ${edition.defaultTracer} a call makes no span and sends no trace header, inside a span or not`,
      call: { _tag: "ListThenRetrieveInSpan", id: model.id, span: "the caller's span" },
      around: [],
      check: ({ outcome, requests }) => {
        success(outcome)
        assert.strictEqual(requests.length, 2)
        assert.deepStrictEqual(requests.map((request) => traceHeaders(request.headers)), [[], []])
      }
    },
    {
      answers,
      name: "a trace that came from outside (an ExternalSpan) is still propagated, on the request's own span",
      call: { _tag: "List" },
      around: [external],
      check: ({ outcome, requests }) => {
        success(outcome)
        const traceparent = requests[0]?.headers.traceparent ?? ""
        assert.match(traceparent, new RegExp(`^00-${external.traceId}-[0-9a-f]{16}-01$`))
        assert.notInclude(traceparent, external.spanId, "a span of its own, under the external one")
      }
    },
    {
      answers,
      name: "with a tracer installed, both spans are made and the trace is propagated",
      call: { _tag: "List" },
      around: ["recordingTracer"],
      check: ({ outcome, requests, spans }) => {
        success(outcome)
        assert.deepStrictEqual(spans.map((span) => span.name), ["Models.list", edition.clientSpanName])
        const client = spans[1]!
        assert.strictEqual(requests[0]?.headers.traceparent, `00-${client.traceId}-${client.spanId}-01`)
      }
    }
  ]

  return [
    ["the API key never leaks", apiKey],
    ["an auth token never leaks", [authToken]],
    ["request spans", [requestSpans]],
    ["without a tracing backend", noBackend]
  ]
}
