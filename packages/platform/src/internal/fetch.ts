import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"

/**
 * The runtime's own `fetch`. On Bun and Deno it is native code with
 * connection reuse built in, so there is nothing better to wrap.
 */
export const fetchHttpClient: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
