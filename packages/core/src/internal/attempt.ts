import * as Messages from "@anthropic-effect/protocol/Messages"
import * as Redirect from "@anthropic-effect/protocol/Redirect"
import type { Scrub } from "@anthropic-effect/protocol/Secrets"
import * as Wire from "@anthropic-effect/protocol/Wire"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import type { ResolvedConfig } from "../ModelsConfig.js"
import { ConnectionError, type ModelsError, RequestTimeoutError } from "../ModelsError.js"
import { type BodyFailure, readText } from "./body.js"
import { decodeSuccess, errorFromResponse, header, refusedRedirect, tooLarge } from "./response.js"

const describeTransportError = (error: HttpClientError.HttpClientError): string => {
  const cause = error.cause
  const detail = cause instanceof Error
    ? [cause.message, cause.cause instanceof Error ? cause.cause.message : undefined].filter(Boolean).join(": ")
    : undefined
  return detail !== undefined && detail !== "" ? detail : error.reason
}

/** The runtime's reason a body broke off, when it gave one. */
const bodyFailureDetail = (failure: BodyFailure & { readonly _tag: "Transport" }): string | undefined => {
  const cause = failure.cause
  if (typeof cause === "object" && cause !== null && "cause" in cause && cause.cause instanceof Error) {
    return cause.cause.message
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
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, ModelsError> => {
    const toConnectionError = (error: HttpClientError.HttpClientError) =>
      new ConnectionError({ message: Messages.transport(describeTransportError(error), scrub), method: "GET", path })
    const go = (
      current: HttpClientRequest.HttpClientRequest,
      hops: number
    ): Effect.Effect<HttpClientResponse.HttpClientResponse, ModelsError> =>
      Effect.flatMap(Effect.mapError(httpClient.execute(current), toConnectionError), (response) => {
        const step = Redirect.nextHop(
          response.status,
          header(response, Wire.headers.location),
          current.url,
          origin,
          hops
        )
        if (step === undefined) return Effect.succeed(response)
        if (step._tag === "Refuse") return Effect.fail(refusedRedirect(response, step, path, scrub))
        return readText(response, Messages.maxRedirectBodyBytes).pipe(
          Effect.ignore,
          Effect.zipRight(go(HttpClientRequest.get(step.url, { headers: current.headers }), hops + 1))
        )
      })
    return go(request, 0)
  }

  return <A>(
    request: HttpClientRequest.HttpClientRequest,
    path: string,
    decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
  ): Effect.Effect<A, ModelsError> =>
    Effect.gen(function*() {
      // Status and request id are on the HttpClient's span of this attempt
      // (`http.response.status_code`, `http.response.header.request-id`).
      const response = yield* execute(request, path)
      const text = yield* Effect.mapError(readText(response, config.maxResponseBytes), (failure) =>
        failure._tag === "TooLarge"
          ? tooLarge(response, config.maxResponseBytes, path, scrub)
          : new ConnectionError({
            message: Messages.bodyBrokeOff(bodyFailureDetail(failure), scrub),
            method: "GET",
            path
          }))
      if (response.status < 200 || response.status >= 300) {
        return yield* Effect.fail(errorFromResponse(response, text, yield* Clock.currentTimeMillis, scrub))
      }
      return yield* decodeSuccess(response, text, decode, scrub)
    }).pipe(
      Effect.timeoutFail({
        duration: config.timeout,
        onTimeout: () =>
          new RequestTimeoutError({
            message: Messages.timedOut(Duration.format(config.timeout)),
            method: "GET",
            path,
            timeout: config.timeout
          })
      })
    )
}
