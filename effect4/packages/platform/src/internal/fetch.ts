import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"

/**
 * `FetchHttpClient` with redirects left to the client. Fetch's own following
 * forwards `x-api-key` to whatever origin a server names (it strips only
 * `Authorization`), so `redirect: "manual"` hands every 3xx to the client,
 * which follows it only within the configured origin.
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
)
