/**
 * The client under test, exactly as users build it: `Models.layer` over
 * `ModelsConfig.layer` and Node's undici `HttpClient`. The `HttpClient` is
 * wrapped to record every exchange (what went on the wire, what came back)
 * so the tests can read the servers' verdict headers.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { FAKE_API_KEY } from "./cases.js"

export interface Exchange {
  readonly method: string
  /** Path and query exactly as sent, percent-encoding included. */
  readonly target: string
  readonly status: number
  /** Request headers, with `x-api-key` replaced by whether it was the fake key. */
  readonly requestHeaders: Readonly<Record<string, string>>
  readonly responseHeaders: Headers.Headers
}

const requestTarget = (url: string, params: UrlParams.UrlParams): string =>
  Either.match(UrlParams.makeUrl(url, params, Option.none()), {
    onLeft: () => url,
    onRight: (parsed) => parsed.pathname + parsed.search
  })

/** Undici's `HttpClient`, recording every response into `exchanges`. */
export const recordingHttpClient = (exchanges: Array<Exchange>): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) =>
      HttpClient.tap(client, (response) =>
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
            target: requestTarget(request.url, request.urlParams),
            status: response.status,
            requestHeaders,
            responseHeaders: response.headers
          })
        })))
  ).pipe(Layer.provide(NodeHttpClient.layerUndici))

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
