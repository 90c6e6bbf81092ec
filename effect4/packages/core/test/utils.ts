import * as MockApi from "@anthropic-effect/protocol/MockApi"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Layer from "effect/Layer"
import type { ModelInfoEncoded, ModelsPageEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import * as ModelsConfig from "../src/ModelsConfig.js"

export const FAKE_KEY = "sk-ant-api03-FAKE-leakcheck-7f3a9c"

export interface SeenRequest {
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly signal: AbortSignal
}

/** A handler answers with a Response, or fails to model a broken connection. */
export type Handler = (request: SeenRequest, index: number) => Response | Effect.Effect<Response, Error>

/** An HttpClient built with HttpClient.make that answers from a handler and records every request. */
export const fakeApi = (handler: Handler) => {
  const requests: Array<SeenRequest> = []
  const client = HttpClient.make((request, url, signal) =>
    Effect.suspend(() => {
      const seen: SeenRequest = { url, headers: { ...request.headers }, signal }
      requests.push(seen)
      const answer = handler(seen, requests.length - 1)
      return (Effect.isEffect(answer) ? answer : Effect.succeed(answer)).pipe(
        // Effect 4: one error class, the transport failure as its reason.
        Effect.mapError((cause) =>
          new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })
        ),
        Effect.map((response) => HttpClientResponse.fromWeb(request, response))
      )
    })
  )
  return { requests, client, layer: Layer.succeed(HttpClient.HttpClient, client) }
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "request-id": "req_test_1", ...headers }
  })

export const apiError = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  json({ type: "error", error: { type, message }, request_id: "req_body_1" }, status, headers)

/** A catalogue in list order (newest first). */
export const catalogue = (size: number): Array<ModelInfoEncoded> =>
  Array.from({ length: size }, (_, i) => ({
    id: `model-${String(i).padStart(6, "0")}`,
    type: "model" as const,
    display_name: `Model ${i}`,
    created_at: new Date(Date.UTC(2025, 0, 1) - i * 60_000).toISOString()
  }))

/**
 * The API's paging rules over a catalogue: the protocol's, which the mock
 * applies too. A query the API would refuse is a bug in the test, so it throws.
 */
export const pageOf = (models: ReadonlyArray<ModelInfoEncoded>, url: URL): ModelsPageEncoded => {
  const result = MockApi.pager(models)(url.searchParams)
  if (result._tag === "Invalid") throw new Error(`pageOf: the API would refuse ${url.search}: ${result.message}`)
  return result.page
}

export const listing = (models: ReadonlyArray<ModelInfoEncoded>): Handler => (request) =>
  json(pageOf(models, request.url))

export const configLayer = (options: Partial<ModelsConfig.Options> = {}) =>
  ModelsConfig.layer({ apiKey: FAKE_KEY, baseUrl: "https://api.test", ...options })

/** The real Models layer over a fake HttpClient. */
export const modelsLayer = (handler: Handler, options: Partial<ModelsConfig.Options> = {}) => {
  const api = fakeApi(handler)
  return {
    requests: api.requests,
    layer: Models.layer.pipe(Layer.provide(configLayer(options)), Layer.provide(api.layer), Layer.orDie)
  }
}
