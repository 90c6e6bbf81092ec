/**
 * The Models suite's cases (the requests the client sends, what it decodes,
 * the errors it fails with), as data both editions run:
 * packages/core/test/Models.test.ts (Effect 3) and
 * effect4/packages/core/test/Models.test.ts (Effect 4) are thin runners.
 *
 * A case is one or more fake APIs, the calls made on them in order (each
 * settled to an `Outcome`), and a check of the outcomes and of the requests
 * each API received.
 */
import * as H from "./modelsHarness.js"

/** What differs between the editions here, with the answers only their Effect gives (`R`). */
export interface Edition<M extends H.EncodedModel, R> extends ModelsReplies<R> {
  readonly assert: H.Assert
  readonly fixtures: H.Fixtures<M>
  /** `ModelsError.isApiError`, and `ModelsError.isRetryable` of a `ModelsError`. */
  readonly isApiError: (u: unknown) => boolean
  readonly isRetryable: (u: unknown) => boolean
  /** The epoch milliseconds of a `DateTime.Utc`, `undefined` for anything else. */
  readonly millis: (u: unknown) => number | undefined
}

/** The tags of the errors the API's error types map to. */
export type ApiErrorTag =
  | "InvalidRequestError"
  | "AuthenticationError"
  | "BillingError"
  | "PermissionError"
  | "NotFoundError"
  | "RateLimitError"
  | "GatewayTimeoutError"
  | "APIError"
  | "OverloadedError"

export interface ListParams {
  readonly limit?: number
  readonly afterId?: string
  readonly lifecycle?: ReadonlyArray<"active" | "deprecated" | "retired">
  readonly betas?: ReadonlyArray<string>
  readonly workspaceId?: string
}

/**
 * A call through the public API on the case's API `api`. With `catchTag`,
 * the runner wraps it in `Effect.catchTag(tag, (e) => Effect.succeed(caught(e)))`,
 * whose `tag` its compiler checks against the edition's errors; with
 * `clock`, it forks the call and moves the TestClock by that much before
 * joining it.
 */
export type Call =
  & { readonly api: number; readonly clock?: H.DurationText; readonly catchTag?: Catch }
  & ({ readonly _tag: "List"; readonly params?: ListParams } | { readonly _tag: "Retrieve"; readonly id: string })

export interface Catch {
  readonly tag: ApiErrorTag
  readonly caught: (error: H.ErrorView<unknown>) => unknown
}

export interface Run {
  /** The outcome of each call, in order. */
  readonly outcomes: ReadonlyArray<H.Outcome<unknown>>
  /** The requests each API of the case received, in the case's order. */
  readonly requests: ReadonlyArray<ReadonlyArray<H.SeenRequest>>
}

/** The answers a Models case may give besides responses. */
export type ModelsReplies<R> = Pick<H.Replies<R>, "broken" | "late">

export interface Case<R> {
  readonly name: string
  readonly apis: (replies: ModelsReplies<R>) => ReadonlyArray<H.Api<R>>
  readonly calls: ReadonlyArray<Call>
  readonly check: (run: Run) => void
}

const sonnet = {
  id: "claude-sonnet-4-20250514",
  type: "model",
  display_name: "Claude Sonnet 4",
  created_at: "2025-02-19T00:00:00Z"
}

const errorCases: ReadonlyArray<readonly [number, string, ApiErrorTag]> = [
  [400, "invalid_request_error", "InvalidRequestError"],
  [401, "authentication_error", "AuthenticationError"],
  [402, "billing_error", "BillingError"],
  [403, "permission_error", "PermissionError"],
  [404, "not_found_error", "NotFoundError"],
  [429, "rate_limit_error", "RateLimitError"],
  [504, "timeout_error", "GatewayTimeoutError"],
  [500, "api_error", "APIError"],
  [529, "overloaded_error", "OverloadedError"]
]

interface ModelRead {
  readonly id: string
  readonly display_name?: unknown
  readonly created_at?: unknown
}

const isModel = (u: unknown): u is ModelRead =>
  typeof u === "object" && u !== null && "id" in u && typeof u.id === "string"

/** The cases, in `describe` groups, for an edition. */
export const groups = <M extends H.EncodedModel, R>(
  edition: Edition<M, R>
): ReadonlyArray<readonly [string, ReadonlyArray<Case<R>>]> => {
  const { assert, fixtures: { FAKE_KEY, apiError, catalogue, json, pageOf } } = edition
  const listing = (size: number) => {
    const models = catalogue(size)
    return (request: H.SeenRequest) => json(pageOf(models, request.url))
  }
  const list = (params?: ListParams, api = 0): Call =>
    params === undefined ? { _tag: "List", api } : { _tag: "List", params, api }
  const model = (outcome: H.Outcome<unknown> | undefined): ModelRead => {
    const u = H.value(assert, outcome)
    return isModel(u) ? u : assert.fail(`expected a model, got ${String(u)}`)
  }

  const requests: ReadonlyArray<Case<R>> = [
    {
      name: "list sends the API's headers and query parameters",
      apis: H.one(listing(3), { betas: ["beta-a"], workspaceId: "wrkspc_1" }),
      calls: [list({ limit: 2, afterId: "model-000000", lifecycle: ["active", "deprecated"] })],
      check: ({ outcomes: [outcome], requests: [[request]] }) => {
        H.value(assert, outcome)
        assert.strictEqual(request!.url.origin + request!.url.pathname, "https://api.test/v1/models")
        assert.strictEqual(request!.url.searchParams.get("limit"), "2")
        assert.strictEqual(request!.url.searchParams.get("after_id"), "model-000000")
        assert.deepStrictEqual(request!.url.searchParams.getAll("lifecycle[]"), ["active", "deprecated"])
        assert.include(request!.url.search, "lifecycle%5B%5D=active&lifecycle%5B%5D=deprecated")
        assert.strictEqual(request!.headers["x-api-key"], FAKE_KEY)
        assert.strictEqual(request!.headers["anthropic-version"], "2023-06-01")
        assert.strictEqual(request!.headers["anthropic-beta"], "beta-a")
        assert.strictEqual(request!.headers["anthropic-workspace-id"], "wrkspc_1")
        assert.isUndefined(request!.headers["authorization"])
      }
    },
    {
      name: "per-request betas and workspace override the configured ones; betas are comma-joined",
      apis: H.one(listing(1), { betas: ["beta-a"] }),
      calls: [list({ betas: ["b1", "b2"], workspaceId: "w2" })],
      check: ({ outcomes: [outcome], requests: [requests] }) => {
        H.value(assert, outcome)
        assert.strictEqual(requests![0]!.headers["anthropic-beta"], "b1,b2")
        assert.strictEqual(requests![0]!.headers["anthropic-workspace-id"], "w2")
      }
    },
    {
      name: "an auth token is sent as a bearer token, a custom version as anthropic-version",
      apis: H.one(listing(1), { apiKey: undefined, authToken: "tok-FAKE", apiVersion: "2026-10-21" }),
      calls: [list()],
      check: ({ outcomes: [outcome], requests: [requests] }) => {
        H.value(assert, outcome)
        assert.strictEqual(requests![0]!.headers["authorization"], "Bearer tok-FAKE")
        assert.isUndefined(requests![0]!.headers["x-api-key"])
        assert.strictEqual(requests![0]!.headers["anthropic-version"], "2026-10-21")
      }
    },
    {
      name: "a base URL with a path prefix and a trailing slash keeps the prefix",
      apis: H.one(listing(1), { baseUrl: "https://proxy.test/anthropic/" }),
      calls: [list()],
      check: ({ outcomes: [outcome], requests: [requests] }) => {
        H.value(assert, outcome)
        assert.strictEqual(requests![0]!.url.href, "https://proxy.test/anthropic/v1/models")
      }
    },
    ((ids: ReadonlyArray<string>): Case<R> => ({
      name: "retrieve URL-encodes the id",
      apis: H.one((request) =>
        json({ ...sonnet, id: decodeURIComponent(request.url.pathname.slice("/v1/models/".length)) })
      ),
      calls: ids.map((id): Call => ({ _tag: "Retrieve", id, api: 0 })),
      check: ({ outcomes, requests: [requests] }) => {
        ids.forEach((id, i) => assert.strictEqual(model(outcomes[i]).id, id))
        assert.deepStrictEqual(
          requests!.map((r) => r.url.pathname),
          ids.map((id) => `/v1/models/${encodeURIComponent(id)}`)
        )
        assert.isTrue(requests!.every((r) => r.url.search === "" && r.url.hash === ""))
      }
    }))(["a/b", "with space", "q?x=1", "frag#1", "100%", "モデル-é", "../models"])
  ]

  const decoding: ReadonlyArray<Case<R>> = [
    {
      name: "retrieve decodes created_at to DateTime.Utc and keeps the seed's fields",
      apis: H.one(() => json({ ...sonnet, unknown_field: 1 })),
      calls: [{ _tag: "Retrieve", id: "claude-sonnet-4-20250514", api: 0 }],
      check: ({ outcomes: [outcome] }) => {
        const retrieved = model(outcome)
        assert.strictEqual(retrieved.id, "claude-sonnet-4-20250514")
        assert.strictEqual(retrieved.display_name, "Claude Sonnet 4")
        assert.strictEqual(edition.millis(retrieved.created_at), Date.UTC(2025, 1, 19))
        assert.isFalse("unknown_field" in retrieved)
      }
    }
  ]

  const errors: ReadonlyArray<Case<R>> = [
    ...errorCases.map(([status, type, tag]): Case<R> => ({
      name: `${status} ${type} fails with ${tag}, carrying status, request id and error code`,
      apis: H.one(() =>
        json(
          {
            type: "error",
            error: { type, message: `msg ${type}`, details: { error_code: "code_1" } },
            request_id: "x"
          },
          status,
          { "request-id": "req_abc", "x-should-retry": "false" }
        ), { maxRetries: 0 }),
      calls: [list(), { ...list(), catchTag: { tag, caught: (x) => x._tag } }],
      check: ({ outcomes: [outcome, caught] }) => {
        const error = H.failure(assert, outcome)
        assert.strictEqual(error._tag, tag)
        assert.isTrue(edition.isApiError(error))
        if (!edition.isApiError(error)) return
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.requestId, "req_abc")
        assert.strictEqual(error.message, `msg ${type}`)
        assert.strictEqual(error.errorCode, "code_1")
        assert.strictEqual(H.value(assert, caught), tag)
      }
    })),
    {
      name: "Effect.catchTag works on NotFoundError",
      apis: H.one(() => apiError(404, "not_found_error", "model: nope")),
      calls: [{
        _tag: "Retrieve",
        id: "nope",
        api: 0,
        catchTag: { tag: "NotFoundError", caught: (e) => `missing: ${e.message}` }
      }],
      check: ({ outcomes: [outcome] }) => assert.strictEqual(H.value(assert, outcome), "missing: model: nope")
    },
    {
      name: "an unknown error type is kept as UnknownApiError with its type",
      apis: H.one(() => apiError(418, "teapot_error", "short and stout")),
      calls: [list()],
      check: ({ outcomes: [outcome] }) => {
        const error = H.failure(assert, outcome)
        assert.strictEqual(error._tag, "UnknownApiError")
        if (error._tag !== "UnknownApiError") return
        assert.strictEqual(error.errorType, "teapot_error")
        assert.strictEqual(error.message, "short and stout")
        assert.strictEqual(error.status, 418)
      }
    },
    {
      name: "an HTML 502 from a proxy is an UnknownApiError with the body's start",
      apis: H.one(
        () =>
          new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "request-id": "r1" } }),
        { maxRetries: 0 }
      ),
      calls: [list()],
      check: ({ outcomes: [outcome], requests: [requests] }) => {
        const error = H.failure(assert, outcome)
        assert.strictEqual(error._tag, "UnknownApiError")
        if (error._tag !== "UnknownApiError") return
        assert.strictEqual(error.status, 502)
        assert.strictEqual(error.requestId, "r1")
        assert.include(error.body ?? "", "502 Bad Gateway")
        assert.strictEqual(requests!.length, 1)
      }
    },
    {
      name: "an empty error body takes its class from the status where the status names one",
      apis: () => [
        { answers: () => new Response("", { status: 403 }) },
        { answers: () => new Response("", { status: 409 }), options: { maxRetries: 0 } }
      ],
      calls: [list(undefined, 0), list(undefined, 1)],
      check: ({ outcomes: [forbidden, conflict] }) => {
        const error = H.failure(assert, forbidden)
        assert.strictEqual(error._tag, "PermissionError")
        assert.include(error.message, "empty body")
        const unknown = H.failure(assert, conflict)
        assert.strictEqual(unknown._tag, "UnknownApiError")
        assert.include(unknown.message, "empty body")
      }
    },
    {
      name: "a connection failure is a ConnectionError with the cause's message, not the request",
      apis: ({ broken }) => [{ answers: () => broken("socket hang up"), options: { maxRetries: 0 } }],
      calls: [list()],
      check: ({ outcomes: [outcome] }) => {
        const error = H.failure(assert, outcome)
        assert.strictEqual(error._tag, "ConnectionError")
        assert.include(error.message, "socket hang up")
      }
    },
    {
      name: "a 200 with invalid JSON is a retryable MalformedResponseError; a schema mismatch is not retried",
      apis: () => [
        { answers: () => new Response(`{"data": [{"id": "x"`, { status: 200 }), options: { maxRetries: 0 } },
        { answers: () => json({ data: "nope" }), options: { maxRetries: 3 } }
      ],
      calls: [list(undefined, 0), list(undefined, 1)],
      check: ({ outcomes: [truncated, mismatch], requests: [, mismatchRequests] }) => {
        const first = H.failure(assert, truncated)
        assert.strictEqual(first._tag, "MalformedResponseError")
        if (first._tag === "MalformedResponseError") assert.strictEqual(first.reason, "json")
        assert.isTrue(edition.isRetryable(first))
        const second = H.failure(assert, mismatch)
        assert.strictEqual(second._tag, "MalformedResponseError")
        if (second._tag === "MalformedResponseError") assert.strictEqual(second.reason, "schema")
        assert.strictEqual(mismatchRequests!.length, 1)
      }
    },
    {
      name: "a response slower than the timeout is a RequestTimeoutError",
      apis: ({ late }) => [{
        answers: () => late("10 seconds", json({})),
        options: { timeout: "1 second", maxRetries: 0 }
      }],
      calls: [{ ...list(), clock: "1 second" }],
      check: ({ outcomes: [outcome] }) => assert.strictEqual(H.failure(assert, outcome)._tag, "RequestTimeoutError")
    }
  ]

  return [["requests", requests], ["decoding", decoding], ["errors", errors]]
}
