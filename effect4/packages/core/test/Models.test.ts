import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/testing/TestClock"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import { apiError, catalogue, FAKE_KEY, json, listing, modelsLayer } from "./utils.js"

const sonnet = {
  id: "claude-sonnet-4-20250514",
  type: "model",
  display_name: "Claude Sonnet 4",
  created_at: "2025-02-19T00:00:00Z"
}

describe("requests", () => {
  it.effect("list sends the API's headers and query parameters", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(3)), { betas: ["beta-a"], workspaceId: "wrkspc_1" })
    return Effect.gen(function*() {
      yield* Models.list({ limit: 2, afterId: "model-000000", lifecycle: ["active", "deprecated"] })
      const [request] = requests
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
    }).pipe(Effect.provide(layer))
  })

  it.effect("per-request betas and workspace override the configured ones; betas are comma-joined", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(1)), { betas: ["beta-a"] })
    return Effect.gen(function*() {
      yield* Models.list({ betas: ["b1", "b2"], workspaceId: "w2" })
      assert.strictEqual(requests[0]!.headers["anthropic-beta"], "b1,b2")
      assert.strictEqual(requests[0]!.headers["anthropic-workspace-id"], "w2")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an auth token is sent as a bearer token, a custom version as anthropic-version", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(1)), {
      apiKey: undefined,
      authToken: "tok-FAKE",
      apiVersion: "2026-10-21"
    })
    return Effect.gen(function*() {
      yield* Models.list()
      assert.strictEqual(requests[0]!.headers["authorization"], "Bearer tok-FAKE")
      assert.isUndefined(requests[0]!.headers["x-api-key"])
      assert.strictEqual(requests[0]!.headers["anthropic-version"], "2026-10-21")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a base URL with a path prefix and a trailing slash keeps the prefix", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(1)), { baseUrl: "https://proxy.test/anthropic/" })
    return Effect.gen(function*() {
      yield* Models.list()
      assert.strictEqual(requests[0]!.url.href, "https://proxy.test/anthropic/v1/models")
    }).pipe(Effect.provide(layer))
  })

  it.effect("retrieve URL-encodes the id", () => {
    const ids = ["a/b", "with space", "q?x=1", "frag#1", "100%", "モデル-é", "../models"]
    const { layer, requests } = modelsLayer((request) =>
      json({ ...sonnet, id: decodeURIComponent(request.url.pathname.slice("/v1/models/".length)) })
    )
    return Effect.gen(function*() {
      for (const id of ids) {
        const model = yield* Models.retrieve(id)
        assert.strictEqual(model.id, id)
      }
      assert.deepStrictEqual(
        requests.map((r) => r.url.pathname),
        ids.map((id) => `/v1/models/${encodeURIComponent(id)}`)
      )
      assert.isTrue(requests.every((r) => r.url.search === "" && r.url.hash === ""))
    }).pipe(Effect.provide(layer))
  })
})

describe("decoding", () => {
  it.effect("retrieve decodes created_at to DateTime.Utc and keeps the seed's fields", () => {
    const { layer } = modelsLayer(() => json({ ...sonnet, unknown_field: 1 }))
    return Effect.gen(function*() {
      const model = yield* Models.retrieve("claude-sonnet-4-20250514")
      assert.strictEqual(model.id, "claude-sonnet-4-20250514")
      assert.strictEqual(model.display_name, "Claude Sonnet 4")
      assert.strictEqual(DateTime.toEpochMillis(model.created_at), Date.UTC(2025, 1, 19))
      assert.isFalse("unknown_field" in model)
    }).pipe(Effect.provide(layer))
  })
})

const errorCases: ReadonlyArray<readonly [number, string, string]> = [
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

type ListEffect = Effect.Effect<unknown, ModelsError.ModelsError, Models.Models>

// Effect.catchTag, spelled out for each API variant, so the compiler checks every tag exists.
const catchByTag: Record<
  string,
  (effect: ListEffect) => Effect.Effect<unknown, ModelsError.ModelsError, Models.Models>
> = {
  InvalidRequestError: (e) => Effect.catchTag(e, "InvalidRequestError", (x) => Effect.succeed(x._tag)),
  AuthenticationError: (e) => Effect.catchTag(e, "AuthenticationError", (x) => Effect.succeed(x._tag)),
  BillingError: (e) => Effect.catchTag(e, "BillingError", (x) => Effect.succeed(x._tag)),
  PermissionError: (e) => Effect.catchTag(e, "PermissionError", (x) => Effect.succeed(x._tag)),
  NotFoundError: (e) => Effect.catchTag(e, "NotFoundError", (x) => Effect.succeed(x._tag)),
  RateLimitError: (e) => Effect.catchTag(e, "RateLimitError", (x) => Effect.succeed(x._tag)),
  GatewayTimeoutError: (e) => Effect.catchTag(e, "GatewayTimeoutError", (x) => Effect.succeed(x._tag)),
  APIError: (e) => Effect.catchTag(e, "APIError", (x) => Effect.succeed(x._tag)),
  OverloadedError: (e) => Effect.catchTag(e, "OverloadedError", (x) => Effect.succeed(x._tag))
}

describe("errors", () => {
  for (const [status, type, tag] of errorCases) {
    it.effect(`${status} ${type} fails with ${tag}, carrying status, request id and error code`, () => {
      const { layer } = modelsLayer(() =>
        json(
          {
            type: "error",
            error: { type, message: `msg ${type}`, details: { error_code: "code_1" } },
            request_id: "x"
          },
          status,
          { "request-id": "req_abc", "x-should-retry": "false" }
        ), { maxRetries: 0 })
      return Effect.gen(function*() {
        const error = yield* Effect.flip(Models.list())
        assert.strictEqual(error._tag, tag)
        assert.isTrue(ModelsError.isApiError(error))
        if (!ModelsError.isApiError(error)) return
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.requestId, "req_abc")
        assert.strictEqual(error.message, `msg ${type}`)
        assert.strictEqual(error.errorCode, "code_1")
        const caught = yield* catchByTag[tag]!(Models.list())
        assert.strictEqual(caught, tag)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("Effect.catchTag works on NotFoundError", () => {
    const { layer } = modelsLayer(() => apiError(404, "not_found_error", "model: nope"))
    return Effect.gen(function*() {
      const result = yield* Models.retrieve("nope").pipe(
        Effect.catchTag("NotFoundError", (e) => Effect.succeed(`missing: ${e.message}`))
      )
      assert.strictEqual(result, "missing: model: nope")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an unknown error type is kept as UnknownApiError with its type", () => {
    const { layer } = modelsLayer(() => apiError(418, "teapot_error", "short and stout"))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(error._tag, "UnknownApiError")
      if (error._tag !== "UnknownApiError") return
      assert.strictEqual(error.errorType, "teapot_error")
      assert.strictEqual(error.message, "short and stout")
      assert.strictEqual(error.status, 418)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an HTML 502 from a proxy is an UnknownApiError with the body's start", () => {
    const { layer, requests } = modelsLayer(
      () => new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, headers: { "request-id": "r1" } }),
      { maxRetries: 0 }
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(error._tag, "UnknownApiError")
      if (error._tag !== "UnknownApiError") return
      assert.strictEqual(error.status, 502)
      assert.strictEqual(error.requestId, "r1")
      assert.include(error.body, "502 Bad Gateway")
      assert.strictEqual(requests.length, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty error body takes its class from the status where the status names one", () => {
    const forbidden = modelsLayer(() => new Response("", { status: 403 }))
    const conflict = modelsLayer(() => new Response("", { status: 409 }), { maxRetries: 0 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list().pipe(Effect.provide(forbidden.layer)))
      assert.strictEqual(error._tag, "PermissionError")
      assert.include(error.message, "empty body")
      const unknown = yield* Effect.flip(Models.list().pipe(Effect.provide(conflict.layer)))
      assert.strictEqual(unknown._tag, "UnknownApiError")
      assert.include(unknown.message, "empty body")
    })
  })

  it.effect("a connection failure is a ConnectionError with the cause's message, not the request", () => {
    const { layer } = modelsLayer(() => Effect.fail(new Error("socket hang up")), { maxRetries: 0 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Models.list())
      assert.strictEqual(error._tag, "ConnectionError")
      assert.include(error.message, "socket hang up")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a 200 with invalid JSON is a retryable MalformedResponseError; a schema mismatch is not retried", () => {
    const truncated = modelsLayer(() => new Response(`{"data": [{"id": "x"`, { status: 200 }), { maxRetries: 0 })
    const mismatch = modelsLayer(() => json({ data: "nope" }), { maxRetries: 3 })
    return Effect.gen(function*() {
      const first = yield* Effect.flip(Models.list().pipe(Effect.provide(truncated.layer)))
      assert.strictEqual(first._tag, "MalformedResponseError")
      if (first._tag === "MalformedResponseError") assert.strictEqual(first.reason, "json")
      assert.isTrue(ModelsError.isRetryable(first))
      const second = yield* Effect.flip(Models.list().pipe(Effect.provide(mismatch.layer)))
      assert.strictEqual(second._tag, "MalformedResponseError")
      if (second._tag === "MalformedResponseError") assert.strictEqual(second.reason, "schema")
      assert.strictEqual(mismatch.requests.length, 1)
    })
  })

  it.effect("a response slower than the timeout is a RequestTimeoutError", () => {
    const { layer } = modelsLayer(
      () => Effect.as(Effect.sleep("10 seconds"), json({})),
      { timeout: "1 second", maxRetries: 0 }
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(Effect.flip(Models.list()))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "RequestTimeoutError")
    }).pipe(Effect.provide(layer))
  })
})
