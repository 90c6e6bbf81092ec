/**
 * The Models API in memory, as an `HttpClient`. The real client from
 * `@anthropic-effect/core` runs against it unchanged, so a test covers request
 * building, headers, decoding and retries, without a socket. Faults can be
 * scripted by request number or drawn from a seed; slow responses sleep on
 * Effect's clock, so `TestClock` controls them.
 *
 * @since 0.1.0
 */
import type * as Faults from "@anthropic-effect/protocol/Faults"
import type * as MockApiProtocol from "@anthropic-effect/protocol/MockApi"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type ApiOptions, makeMockApi } from "./internal/mockApi.js"

/**
 * The mock's catalogue, accepted key and faults.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends ApiOptions {}

/**
 * Counters: requests, faults injected by kind, and how often each page was served whole.
 *
 * @since 0.1.0
 * @category models
 */
export type Stats = MockApiProtocol.Stats

/**
 * The faults that can be injected.
 *
 * @since 0.1.0
 * @category models
 */
export type Fault = Faults.Kind

/**
 * A request the mock received. `headers` is the request's headers as sent,
 * including the (fake) key, so a test can assert on them.
 *
 * @since 0.1.0
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
 * @since 0.1.0
 * @category models
 */
export interface MockApi {
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  readonly stats: Effect.Effect<Stats>
}

/**
 * The tag of the mock's read-back handle.
 *
 * @since 0.1.0
 * @category tags
 */
export class ModelsApiMock extends Context.Tag("@anthropic-effect/testing/ModelsApiMock")<ModelsApiMock, MockApi>() {}

const toResponse = (request: HttpClientRequest.HttpClientRequest, reply: MockApiProtocol.HttpReply) =>
  HttpClientResponse.fromWeb(request, new Response(reply.body, { status: reply.status, headers: reply.headers }))

/**
 * Builds the in-memory client and its read-back handle.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<readonly [HttpClient.HttpClient, MockApi]> =>
  Effect.sync(() => {
    const api = makeMockApi(options)
    const requests: Array<RecordedRequest> = []
    const client = HttpClient.make((request, url) =>
      Effect.suspend(() => {
        const headers = { ...request.headers }
        requests.push({ method: request.method, url, headers })
        const outcome = api.respond({ method: request.method, url, headers })
        switch (outcome._tag) {
          case "Reset":
            return Effect.fail(
              new HttpClientError.RequestError({
                request,
                reason: "Transport",
                cause: new Error("socket hang up (ModelsApiMock dropped the connection)")
              })
            )
          case "Delay":
            return Effect.as(Effect.sleep(Duration.millis(outcome.millis)), toResponse(request, outcome.reply))
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
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<HttpClient.HttpClient | ModelsApiMock> =>
  Layer.effectContext(
    Effect.map(make(options), ([client, handle]) =>
      Context.make(HttpClient.HttpClient, client).pipe(Context.add(ModelsApiMock, handle)))
  )
