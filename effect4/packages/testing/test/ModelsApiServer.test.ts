/**
 * ModelsApiServer on the Effect 4 edition: the cases of the Effect 3 tree's
 * packages/testing/test/shared/apiServerCases.ts (one copy for both editions),
 * run against a real server on 127.0.0.1.
 */
import * as Models from "@anthropic-effect/core/Models"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import * as S from "../../../../packages/testing/test/shared/apiServerCases.js"
import { synthetic } from "../src/Catalogue.js"
import * as ModelsApiServer from "../src/ModelsApiServer.js"
import { clientWithKey, drainInOrder } from "./utils.js"

const clientFor = clientWithKey(S.KEY)

describe("ModelsApiServer", () => {
  it.live(
    S.names.bigStream,
    () =>
      Effect.gen(function*() {
        const models = synthetic(S.BIG_STREAM.size)
        const server = yield* ModelsApiServer.serve({ models, apiKey: S.KEY })
        const { exit, received, wrong } = yield* drainInOrder(
          Models.stream({ limit: S.BIG_STREAM.limit }).pipe(Stream.provide(clientFor(server.url))),
          models
        )
        const stats = yield* server.stats
        S.checkBigStream({
          succeeded: Exit.isSuccess(exit),
          received,
          wrong,
          pagesServed: stats.pagesServed.size,
          connections: stats.connections
        }, assert)
      }),
    60_000
  )

  it.live(S.names.cors, () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve()
      yield* Effect.promise(() => S.checkCors(server.url, assert))
    }))

  it.live(S.names.retryHeaders, () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ apiKey: S.KEY, faults: S.RETRY_HEADERS_FAULTS })
      yield* Effect.promise(() => S.checkPreflightAllowsClientHeaders(server.url, assert))
      // The preflight is the middleware's: the mock never counted it.
      assert.strictEqual((yield* server.stats).requests, 0)
      yield* Effect.promise(() => S.checkErrorsExposeRetryHeaders(server.url, assert))
    }))

  it.live(S.names.connectionReset, () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ faults: S.CONNECTION_RESET_FAULTS })
      const failed = yield* Effect.flip(Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 0 }))))
      yield* Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 0 })))
      const page = yield* Models.list().pipe(Effect.provide(clientFor(server.url, { maxRetries: 1 })))
      const stats = yield* server.stats
      S.checkConnectionReset({
        failedTag: failed._tag,
        retriedPageSize: page.data.length,
        resets: stats.faults["connection-reset"]
      }, assert)
    }))

  it.live(S.names.slow, () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ faults: S.SLOW_FAULTS })
      const error = yield* Effect.flip(Models.list().pipe(Effect.provide(clientFor(server.url, S.SLOW_CLIENT))))
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
