/**
 * The Models API in memory, as an `HttpClient` (`effect/http/HttpClient`).
 * The real client from `@anthropic-effect/core` runs against it unchanged, so
 * a test covers request building, headers, decoding and retries, without a
 * socket. Faults can be scripted by request number or drawn from a seed; slow
 * responses sleep on Effect's clock, so `TestClock` controls them.
 *
 * @since 1.0.0
 */
import type * as Faults from "@anthropic-effect/protocol/Faults"
import type * as MockApiProtocol from "@anthropic-effect/protocol/MockApi"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import { type ApiOptions, makeMockApi } from "./internal/mockApi.js"

/**
 * The mock's catalogue, accepted key and faults.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options extends ApiOptions {}

/**
 * Counters: requests, faults injected by kind, and how often each page was served whole.
 *
 * @since 1.0.0
 * @category models
 */
export type Stats = MockApiProtocol.Stats

/**
 * The faults that can be injected.
 *
 * @since 1.0.0
 * @category models
 */
export type Fault = Faults.Kind

/**
 * A request the mock received. `headers` is the request's headers as sent,
 * including the (fake) key, so a test can assert on them.
 *
 * @since 1.0.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
}

/**
 * What a test can read back from the mock.
 *
 * @since 1.0.0
 * @category models
 */
export interface MockApi {
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  readonly stats: Effect.Effect<Stats>
}

/**
 * The tag of the mock's read-back handle.
 *
 * @since 1.0.0
 * @category tags
 */
export class ModelsApiMock extends Context.Service<ModelsApiMock, MockApi>()(
  "@anthropic-effect/testing/ModelsApiMock"
) {}

const toResponse = (request: HttpClientRequest.HttpClientRequest, reply: MockApiProtocol.HttpReply) =>
  HttpClientResponse.fromWeb(request, new Response(reply.body, { status: reply.status, headers: reply.headers }))

/**
 * Builds the in-memory client and its read-back handle.
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<readonly [HttpClient.HttpClient, MockApi]> =>
  Effect.sync(() => {
    const api = makeMockApi(options)
    const requests: Array<RecordedRequest> = []
    const client = HttpClient.make((request, url) =>
      Effect.suspend(() => {
        const headers: Record<string, string> = { ...request.headers }
        requests.push({ method: request.method, url, headers })
        const outcome = api.respond({ method: request.method, url, headers })
        switch (outcome._tag) {
          case "Reset":
            // Effect 4 has one HttpClientError; the transport failure is its reason.
            return Effect.fail(
              new HttpClientError.HttpClientError({
                reason: new HttpClientError.TransportError({
                  request,
                  cause: new Error("socket hang up (ModelsApiMock dropped the connection)")
                })
              })
            )
          case "Delay":
            return Effect.as(Effect.sleep(outcome.millis), toResponse(request, outcome.reply))
          case "Reply":
            return Effect.succeed(toResponse(request, outcome.reply))
        }
      })
    )
    const handle: MockApi = {
      requests: Effect.sync(() => [...requests]),
      stats: Effect.sync(api.stats)
    }
    return [client, handle] as const
  })

/**
 * An `HttpClient` that is the Models API, plus `ModelsApiMock` to read back
 * what it saw. Provide `Models.layer` with it (and a `ModelsConfig`).
 *
 * @example
 * import { Models, ModelsConfig } from "@anthropic-effect/core"
 * import { ModelsApiMock } from "@anthropic-effect/testing"
 * import { Effect, Layer } from "effect"
 *
 * // The real client, in memory: a fake key the mock accepts, no socket.
 * const Live = Models.layer.pipe(
 *   Layer.provideMerge(ModelsApiMock.layer({ apiKey: "sk-ant-test" })),
 *   Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-test" }))
 * )
 *
 * const program = Effect.gen(function*() {
 *   const page = yield* Models.list({ limit: 3 })
 *   const mock = yield* ModelsApiMock.ModelsApiMock
 *   return { ids: page.data.map((model) => model.id), requests: yield* mock.requests }
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(Live))).then(({ ids, requests }) => {
 *   assert.strictEqual(ids.length, 3)
 *   assert.strictEqual(requests.length, 1)
 * })
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<HttpClient.HttpClient | ModelsApiMock> =>
  Layer.effectContext(
    Effect.map(make(options), ([client, handle]) =>
      Context.make(HttpClient.HttpClient, client).pipe(Context.add(ModelsApiMock, handle)))
  )
