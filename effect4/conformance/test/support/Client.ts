/**
 * The Effect 4 edition's client under test, exactly as users build it:
 * `Models.layer` over `ModelsConfig.layer` and the Node `HttpClient` of
 * `@anthropic-effect/platform/node` (undici). The `HttpClient` is wrapped to
 * record every exchange (what went on the wire, what came back) so the tests
 * can read the servers' verdict headers.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as Effect from "effect/Effect"
import type * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Url from "effect/http/Url"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { FAKE_API_KEY } from "../../../../conformance/test/support/cases.js"

export interface Exchange {
  readonly method: string
  /** Path and query exactly as sent, percent-encoding included. */
  readonly target: string
  readonly status: number
  /** Request headers, with `x-api-key` replaced by whether it was the fake key. */
  readonly requestHeaders: Readonly<Record<string, string>>
  readonly responseHeaders: Headers.Headers
}

// The URL the HttpClient puts on the wire is built the same way (`Url.make`).
const requestTarget = (request: HttpClientRequest.HttpClientRequest): string =>
  Result.match(Url.make(request.url, request.urlParams, Option.getOrUndefined(request.hash)), {
    onFailure: () => request.url,
    onSuccess: (parsed) => parsed.pathname + parsed.search
  })

/** The edition's Node `HttpClient`, recording every response into `exchanges`. */
export const recordingHttpClient = (exchanges: Array<Exchange>): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      return HttpClient.tap(client, (response) =>
        Effect.sync(() => {
          const request = response.request
          const requestHeaders: Record<string, string> = {}
          for (const [name, value] of Object.entries(request.headers)) {
            requestHeaders[name] = name === "x-api-key"
              ? (value === FAKE_API_KEY ? "<the fake key>" : "<another value>")
              : value
          }
          exchanges.push({
            method: request.method,
            target: requestTarget(request),
            status: response.status,
            requestHeaders,
            responseHeaders: response.headers
          })
        }))
    })
  ).pipe(Layer.provide(NodeModels.layerHttpClient))

/** The real `Models` service against `baseUrl`, recording into `exchanges`. */
export const modelsLayer = (
  baseUrl: string,
  exchanges: Array<Exchange>,
  options: Omit<ModelsConfig.Options, "apiKey" | "baseUrl"> = {}
): Layer.Layer<Models.Models> =>
  Models.layer.pipe(
    Layer.provide(ModelsConfig.layer({ ...options, apiKey: FAKE_API_KEY, baseUrl })),
    Layer.provide(recordingHttpClient(exchanges)),
    Layer.orDie
  )
