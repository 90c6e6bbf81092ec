import * as Messages from "@anthropic-effect/protocol/Messages"
import * as Redirect from "@anthropic-effect/protocol/Redirect"
import type { Scrub } from "@anthropic-effect/protocol/Secrets"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import type * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type { ResolvedConfig } from "../ModelsConfig.js"
import { ConnectionError, type ModelsError, RequestTimeoutError } from "../ModelsError.js"
import { type BodyFailure, readText } from "./body.js"
import {
  decodeSuccess,
  errorFromResponse,
  header,
  refusedRedirect,
  type ResponseHeaders,
  tooLarge
} from "./response.js"

/** A final response with its headers, read once. */
interface Received {
  readonly response: HttpClientResponse.HttpClientResponse
  readonly headers: ResponseHeaders
}

// Effect 4 keeps the transport's own error under `reason.cause` (v3: `cause`).
// Its message, and the one it wraps (fetch's "fetch failed" hides the socket's
// "other side closed"), say what went wrong; the reason's tag is the fallback.
const describeTransportError = (error: HttpClientError.HttpClientError): string => {
  const cause = error.reason.cause
  const detail = cause instanceof Error
    ? [cause.message, cause.cause instanceof Error ? cause.cause.message : undefined].filter(Boolean).join(": ")
    : undefined
  return detail !== undefined && detail !== "" ? detail : error.reason._tag
}

/** The runtime's reason a body broke off, when it gave one. */
const bodyFailureDetail = (failure: BodyFailure & { readonly _tag: "Transport" }): string | undefined => {
  const cause = failure.error.reason.cause
  if (cause instanceof Error) {
    return cause.cause instanceof Error ? cause.cause.message : cause.message
  }
  return undefined
}

/**
 * One attempt of one request, from sending to a decoded value or a tagged
 * error: the redirects the protocol's rule allows, the body read up to
 * `maxResponseBytes`, the response classified, all within `timeout`.
 */
export const makeAttempt = (config: ResolvedConfig, httpClient: HttpClient.HttpClient, scrub: Scrub) => {
  const origin = new URL(config.baseUrl).origin

  const execute = (
    request: HttpClientRequest.HttpClientRequest,
    path: string
  ): Effect.Effect<Received, ModelsError> => {
    const toConnectionError = (error: HttpClientError.HttpClientError) =>
      new ConnectionError({ message: Messages.transport(describeTransportError(error), scrub), method: "GET", path })
    const go = (
      current: HttpClientRequest.HttpClientRequest,
      hops: number
    ): Effect.Effect<Received, ModelsError> =>
      Effect.flatMap(Effect.mapError(httpClient.execute(current), toConnectionError), (response) => {
        const headers: ResponseHeaders = response.headers
        const step = Redirect.nextHop(
          response.status,
          header(headers, Wire.headers.location),
          current.url,
          origin,
          hops
        )
        if (step === undefined) return Effect.succeed({ response, headers })
        if (step._tag === "Refuse") return Effect.fail(refusedRedirect(response, headers, step, path, scrub))
        return readText(response, headers, Messages.maxRedirectBodyBytes).pipe(
          Effect.ignore,
          Effect.andThen(go(HttpClientRequest.get(step.url, { headers: current.headers }), hops + 1))
        )
      })
    return go(request, 0)
  }

  return <A>(
    request: HttpClientRequest.HttpClientRequest,
    path: string,
    decode: (json: unknown) => Result.Result<A, Schema.SchemaError>
  ): Effect.Effect<A, ModelsError> =>
    Effect.gen(function*() {
      // Status and request id are on the HttpClient's span of this attempt
      // (`http.response.status_code`, and `http.response.header.request-id`
      // where `HttpClient.TracerHeaderFilter` lets it through).
      const { headers, response } = yield* execute(request, path)
      const text = yield* Effect.mapError(readText(response, headers, config.maxResponseBytes), (failure) =>
        failure._tag === "TooLarge"
          ? tooLarge(response, headers, config.maxResponseBytes, path, scrub)
          : new ConnectionError({
            message: Messages.bodyBrokeOff(bodyFailureDetail(failure), scrub),
            method: "GET",
            path
          }))
      if (response.status < 200 || response.status >= 300) {
        return yield* Effect.fail(errorFromResponse(response, headers, text, yield* Clock.currentTimeMillis, scrub))
      }
      // A Result is not yieldable in Effect 4.
      return yield* Effect.fromResult(decodeSuccess(response, headers, text, decode, scrub))
    }).pipe(
      Effect.timeoutOrElse({
        duration: config.timeout,
        orElse: () =>
          Effect.fail(
            new RequestTimeoutError({
              message: Messages.timedOut(Duration.format(config.timeout)),
              method: "GET",
              path,
              timeout: config.timeout
            })
          )
      })
    )
}
