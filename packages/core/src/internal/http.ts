import * as Redirect from "@anthropic-effect/protocol/Redirect"
import { makeScrub, type Scrub, truncate } from "@anthropic-effect/protocol/Secrets"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as UrlParams from "@effect/platform/UrlParams"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import type { Backend, RequestParams } from "../Models.js"
import type { ResolvedConfig } from "../ModelsConfig.js"
import { ConnectionError, type ModelsError, RequestTimeoutError } from "../ModelsError.js"
import { type BodyFailure, readText } from "./body.js"
import * as Decode from "./decode.js"
import { decodeSuccess, errorFromResponse, header, refusedRedirect, tooLarge } from "./response.js"
import { makeRetry } from "./retry.js"

const describeTransportError = (error: HttpClientError.HttpClientError): string => {
  const cause = error.cause
  const detail = cause instanceof Error
    ? [cause.message, cause.cause instanceof Error ? cause.cause.message : undefined].filter(Boolean).join(": ")
    : undefined
  return detail !== undefined && detail !== "" ? detail : error.reason
}

const describeBodyFailure = (failure: BodyFailure & { readonly _tag: "Transport" }): string => {
  const cause = failure.cause
  if (typeof cause === "object" && cause !== null && "cause" in cause && cause.cause instanceof Error) {
    return `The response body broke off: ${cause.cause.message}`
  }
  return "The response body broke off"
}

const headersFor = (
  config: ResolvedConfig,
  betas: ReadonlyArray<string>,
  workspaceId: string | undefined
): Record<string, string> => {
  const headers: Record<string, string> = {
    ...config.headers,
    accept: "application/json",
    "anthropic-version": config.apiVersion
  }
  if (betas.length > 0) headers["anthropic-beta"] = betas.join(",")
  if (workspaceId !== undefined) headers["anthropic-workspace-id"] = workspaceId
  return headers
}

// A redirect's body is never used; it is drained (up to this much) so that the
// connection can be reused.
const maxRedirectBodyBytes = 64 * 1024

export const makeHttpBackend = (config: ResolvedConfig, httpClient: HttpClient.HttpClient): Backend => {
  const retry = makeRetry(config)
  const scrub: Scrub = makeScrub(
    [config.apiKey, config.authToken].flatMap((secret) => Option.isSome(secret) ? [Redacted.value(secret.value)] : [])
  )
  const origin = new URL(config.baseUrl).origin

  // Everything but the credential is fixed per client, so the header record is
  // merged once here instead of copying the request once per header.
  const fixedHeaders = headersFor(config, config.betas, Option.getOrUndefined(config.workspaceId))

  const baseRequest = (
    path: string,
    options: RequestParams,
    urlParams?: UrlParams.Input
  ): HttpClientRequest.HttpClientRequest => {
    const headers = options.betas === undefined && options.workspaceId === undefined
      ? { ...fixedHeaders }
      : headersFor(
        config,
        options.betas ?? config.betas,
        options.workspaceId ?? Option.getOrUndefined(config.workspaceId)
      )
    // The secret leaves its Redacted wrapper only here, as the header is built.
    if (Option.isSome(config.apiKey)) headers["x-api-key"] = Redacted.value(config.apiKey.value)
    if (Option.isSome(config.authToken)) headers["authorization"] = `Bearer ${Redacted.value(config.authToken.value)}`
    return HttpClientRequest.get(config.baseUrl + path, { headers, urlParams })
  }

  /** The response to `request`, after the redirects the client's rule allows. */
  const execute = (
    request: HttpClientRequest.HttpClientRequest,
    path: string
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, ModelsError> => {
    const toConnectionError = (error: HttpClientError.HttpClientError) =>
      new ConnectionError({ message: truncate(scrub(describeTransportError(error)), 1024), method: "GET", path })
    const go = (
      current: HttpClientRequest.HttpClientRequest,
      hops: number
    ): Effect.Effect<HttpClientResponse.HttpClientResponse, ModelsError> =>
      Effect.flatMap(Effect.mapError(httpClient.execute(current), toConnectionError), (response) => {
        const step = Redirect.nextHop(response.status, header(response, "location"), current.url, origin, hops)
        if (step === undefined) return Effect.succeed(response)
        if (step._tag === "Refuse") return Effect.fail(refusedRedirect(response, step, path, scrub))
        return readText(response, maxRedirectBodyBytes).pipe(
          Effect.ignore,
          Effect.zipRight(go(HttpClientRequest.get(step.url, { headers: current.headers }), hops + 1))
        )
      })
    return go(request, 0)
  }

  const attempt = <A>(
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
          ? tooLarge(response, config.maxResponseBytes, path)
          : new ConnectionError({ message: scrub(describeBodyFailure(failure)), method: "GET", path }))
      if (response.status < 200 || response.status >= 300) {
        return yield* Effect.fail(errorFromResponse(response, text, yield* Clock.currentTimeMillis, scrub))
      }
      return yield* decodeSuccess(response, text, decode, scrub)
    }).pipe(
      Effect.timeoutFail({
        duration: config.timeout,
        onTimeout: () =>
          new RequestTimeoutError({
            message: `No complete response within ${Duration.format(config.timeout)}`,
            method: "GET",
            path,
            timeout: config.timeout
          })
      })
    )

  const send = <A>(
    path: string,
    request: HttpClientRequest.HttpClientRequest,
    decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
  ): Effect.Effect<A, ModelsError> =>
    retry(
      attempt(request, path, decode),
      (error, attemptNumber) =>
        Effect.logDebug("Models API request failed with a retryable error").pipe(
          Effect.annotateLogs({
            path,
            attempt: attemptNumber,
            error: error._tag,
            requestId: ("requestId" in error ? error.requestId : undefined) ?? ""
          })
        ),
      (attemptNumber) => Effect.annotateCurrentSpan("anthropic.attempts", attemptNumber)
    )

  return {
    listPage: (params) => {
      const path = "/v1/models"
      // Undefined values are left out and each lifecycle stage becomes its own `lifecycle[]`.
      const request = baseRequest(path, params, {
        limit: params.limit,
        after_id: params.afterId,
        before_id: params.beforeId,
        "lifecycle[]": params.lifecycle ?? []
      })
      return Effect.withSpan(send(path, request, Decode.decodePage), "Models.list", {
        attributes: { "url.path": path, "anthropic.attempts": 1 }
      })
    },
    retrieve: (modelId, options) => {
      const path = `/v1/models/${encodeURIComponent(modelId)}`
      return Effect.withSpan(send(path, baseRequest(path, options), Decode.decodeModel), "Models.retrieve", {
        attributes: { "url.path": path, "anthropic.model_id": modelId, "anthropic.attempts": 1 }
      })
    }
  }
}
