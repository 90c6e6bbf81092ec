import * as Models from "@anthropic-effect/core/Models"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import { synthetic } from "../src/Catalogue.js"
import * as ModelsApiServer from "../src/ModelsApiServer.js"
import { clientWithKey, drainInOrder } from "./utils.js"

const KEY = "sk-ant-server-FAKE-1"

const clientFor = clientWithKey(KEY)

describe("ModelsApiServer", () => {
  it.live(
    "streams 100,000 models in pages of 1,000 over loopback, each exactly once, in order",
    () =>
      Effect.gen(function*() {
        const models = synthetic(100_000)
        const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
        const { exit, received, wrong } = yield* drainInOrder(
          Models.stream({ limit: 1000 }).pipe(Stream.provide(clientFor(server.url))),
          models
        )
        assert.isTrue(Exit.isSuccess(exit))
        assert.strictEqual(received, 100_000)
        assert.strictEqual(wrong, 0)
        const stats = yield* server.stats
        assert.strictEqual(stats.pagesServed.size, 100)
        // one keep-alive connection carried all 100 pages
        assert.isAtMost(stats.connections, 2)
      }),
    60_000
  )

  it.live("answers CORS preflights and exposes request-id", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve()
      const preflight = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/models`, {
          method: "OPTIONS",
          headers: {
            origin: "http://localhost:5173",
            "access-control-request-method": "GET",
            "access-control-request-headers": "x-api-key,anthropic-version,anthropic-dangerous-direct-browser-access"
          }
        })
      )
      assert.strictEqual(preflight.status, 204)
      assert.strictEqual(preflight.headers.get("access-control-allow-origin"), "*")
      assert.include(
        preflight.headers.get("access-control-allow-headers") ?? "",
        "anthropic-dangerous-direct-browser-access"
      )
      const response = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/models`, { headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" } })
      )
      assert.strictEqual(response.status, 200)
      assert.include(response.headers.get("access-control-expose-headers") ?? "", "request-id")
      assert.match(response.headers.get("request-id") ?? "", /^req_mock_/)
    }))

  it.live("preflights allow every header the client sends; every response lets a page read the retry headers", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ apiKey: KEY, faults: { script: { 2: "rate-limit" } } })
      const sent = [
        "x-api-key",
        "anthropic-version",
        "anthropic-beta",
        "anthropic-workspace-id",
        "anthropic-dangerous-direct-browser-access",
        "authorization",
        "content-type",
        "accept"
      ]
      const preflight = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/models/claude-sonnet-4-5`, {
          method: "OPTIONS",
          headers: {
            origin: "https://app.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": sent.join(",")
          }
        })
      )
      assert.strictEqual(preflight.status, 204)
      const allowed = (preflight.headers.get("access-control-allow-headers") ?? "").split(",").map((h) => h.trim())
      for (const header of sent) assert.include(allowed, header)
      assert.include(preflight.headers.get("access-control-allow-methods") ?? "", "GET")
      assert.strictEqual(preflight.headers.get("access-control-max-age"), "600")
      // The preflight is the middleware's: the mock never counted it.
      assert.strictEqual((yield* server.stats).requests, 0)

      const headers = { origin: "https://app.example", "x-api-key": KEY, "anthropic-version": "2023-06-01" }
      const wrongKey = yield* Effect.promise(() =>
        fetch(`${server.url}/v1/models`, { headers: { ...headers, "x-api-key": "sk-other" } })
      )
      const limited = yield* Effect.promise(() => fetch(`${server.url}/v1/models`, { headers }))
      assert.strictEqual(wrongKey.status, 401)
      assert.strictEqual(limited.status, 429)
      for (const response of [wrongKey, limited]) {
        assert.strictEqual(response.headers.get("access-control-allow-origin"), "*")
        const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(",").map((h) => h.trim())
        for (const header of ["request-id", "retry-after", "retry-after-ms", "x-should-retry"]) {
          assert.include(exposed, header)
        }
      }
      assert.strictEqual(limited.headers.get("retry-after-ms"), "20")
    }))

  it.live("a connection reset is a ConnectionError, and a retry gets the page", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({
        faults: { script: { 1: "connection-reset", 3: "connection-reset" } }
      })
      const failed = yield* Effect.flip(Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 0 }))))
      assert.strictEqual(failed._tag, "ConnectionError")
      yield* Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 0 })))
      const page = yield* Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 1 })))
      assert.isTrue(page.data.length > 0)
      assert.strictEqual((yield* server.stats).faults["connection-reset"], 2)
    }))

  it.live("a slow response past the timeout is a RequestTimeoutError, and the socket is released", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ faults: { script: { 1: "slow" }, slowDelay: "5 seconds" } })
      const error = yield* Effect.flip(
        Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 0, timeout: "200 millis" })))
      )
      assert.strictEqual(error._tag, "RequestTimeoutError")
      // The aborted request closed its socket; give the event loop a moment to see it.
      let open = Infinity
      for (let i = 0; i < 100 && open > 0; i++) {
        yield* Effect.sleep("20 millis")
        open = (yield* server.stats).openConnections
      }
      assert.strictEqual(open, 0)
    }))
})
