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
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { ErrorResponse } from "../ModelInfo.js"
import type { Backend, RequestParams } from "../Models.js"
import type { ResolvedConfig } from "../ModelsConfig.js"
import {
  type ApiError,
  ConnectionError,
  fromErrorType,
  isRetryable,
  MalformedResponseError,
  type ModelsError,
  RequestTimeoutError,
  UnknownApiError
} from "../ModelsError.js"
import * as Decode from "./decode.js"

const decodeErrorBody = Schema.decodeUnknownEither(ErrorResponse)

const header = (response: HttpClientResponse.HttpClientResponse, name: string): string | undefined => {
  const value = response.headers[name]
  return typeof value === "string" && value.length > 0 ? value : undefined
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
const parseRetryAfter = (
  retryAfterMs: string | undefined,
  retryAfter: string | undefined,
  nowMillis: number
): Duration.Duration | undefined => {
  if (retryAfterMs !== undefined) {
    const millis = Number(retryAfterMs)
    if (Number.isFinite(millis) && millis >= 0) return Duration.millis(millis)
  }
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (retryAfter.trim() !== "" && Number.isFinite(seconds)) return Duration.seconds(Math.max(0, seconds))
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Duration.millis(Math.max(0, date - nowMillis))
  }
  return undefined
}

const parseJson = (text: string): Either.Either<unknown, unknown> => Either.try(() => JSON.parse(text))

const bodyPreview = (text: string): string => text.length > 512 ? `${text.slice(0, 512)}…` : text

const errorFromResponse = (
  response: HttpClientResponse.HttpClientResponse,
  requestId: string | undefined,
  text: string,
  nowMillis: number
): ApiError => {
  const status = response.status
  const shouldRetryHeader = header(response, "x-should-retry")
  const common = {
    status,
    retryAfter: parseRetryAfter(header(response, "retry-after-ms"), header(response, "retry-after"), nowMillis),
    shouldRetry: shouldRetryHeader === "true" ? true : shouldRetryHeader === "false" ? false : undefined
  }
  const parsed = Either.flatMap(parseJson(text), decodeErrorBody)
  if (Either.isLeft(parsed)) {
    return new UnknownApiError({
      ...common,
      requestId,
      message: text.trim() === ""
        ? `HTTP ${status} with an empty body`
        : `HTTP ${status} with a body that is not an API error`,
      body: bodyPreview(text)
    })
  }
  const { error, request_id } = parsed.right
  const fields = {
    ...common,
    requestId: requestId ?? request_id ?? undefined,
    message: error.message,
    errorCode: error.details?.error_code ?? undefined
  }
  return fromErrorType(error.type, fields, bodyPreview(text))
}

const describeTransportError = (error: HttpClientError.HttpClientError): string => {
  const cause = error.cause
  const detail = cause instanceof Error
    ? [cause.message, cause.cause instanceof Error ? cause.cause.message : undefined].filter(Boolean).join(": ")
    : undefined
  return detail !== undefined && detail !== "" ? detail : error.reason
}

const defaultBackoff = (maxRetries: number): Schedule.Schedule<unknown, ModelsError> =>
  Schedule.exponential(Duration.millis(500), 2).pipe(
    Schedule.modifyDelay((_, delay) => Duration.min(delay, Duration.seconds(8))),
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(maxRetries))
  )

/**
 * The retry policy for one request: only retryable errors, the configured
 * budget and backoff, and the server's `retry-after` (capped) when it sent one.
 */
const retryPolicy = (config: ResolvedConfig): Schedule.Schedule<unknown, ModelsError> =>
  Option.getOrElse(config.retrySchedule, () => defaultBackoff(config.maxRetries)).pipe(
    Schedule.whileInput(isRetryable),
    Schedule.intersect(Schedule.identity<ModelsError>()),
    Schedule.modifyDelay(([, error], delay) => {
      const retryAfter = "retryAfter" in error ? error.retryAfter : undefined
      return retryAfter === undefined ? delay : Duration.min(retryAfter, config.maxRetryAfter)
    })
  )

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

export const makeHttpBackend = (config: ResolvedConfig, httpClient: HttpClient.HttpClient): Backend => {
  const policy = retryPolicy(config)

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

  const attempt = <A>(
    request: HttpClientRequest.HttpClientRequest,
    path: string,
    decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>
  ): Effect.Effect<A, ModelsError> =>
    Effect.gen(function*() {
      const toConnectionError = (error: HttpClientError.HttpClientError) =>
        new ConnectionError({ message: describeTransportError(error), method: "GET", path })
      const response = yield* Effect.mapError(httpClient.execute(request), toConnectionError)
      // Status and request id are on the HttpClient's span of this attempt
      // (`http.response.status_code`, `http.response.header.request-id`).
      const requestId = header(response, "request-id")
      const text = yield* Effect.mapError(response.text, toConnectionError)
      if (response.status < 200 || response.status >= 300) {
        return yield* Effect.fail(errorFromResponse(response, requestId, text, yield* Clock.currentTimeMillis))
      }
      const json = parseJson(text)
      if (Either.isLeft(json)) {
        return yield* new MalformedResponseError({
          status: response.status,
          requestId,
          reason: "json",
          message: `The response body is not valid JSON (${text.length} characters): ${String(json.left)}`
        })
      }
      const decoded = decode(json.right)
      if (Either.isLeft(decoded)) {
        return yield* new MalformedResponseError({
          status: response.status,
          requestId,
          reason: "schema",
          message: `The response body does not match the schema: ${
            bodyPreview(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
          }`
        })
      }
      return decoded.right
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
  ): Effect.Effect<A, ModelsError> => {
    const once = attempt(request, path, decode)
    const logRetryable = (error: ModelsError, attemptNumber: number) =>
      Effect.logDebug("Models API request failed with a retryable error").pipe(
        Effect.annotateLogs({
          path,
          attempt: attemptNumber,
          error: error._tag,
          requestId: ("requestId" in error ? error.requestId : undefined) ?? ""
        })
      )
    // Most requests succeed at once, so the retry machinery is built only after a
    // retryable failure. The policy then sees that first failure as its own
    // first input, so its delays and its budget are exactly as if it had wrapped
    // the first attempt.
    return once.pipe(
      Effect.catchIf(isRetryable, (firstError) => {
        let replayed = false
        let attemptNumber = 1
        const next = Effect.suspend(() => {
          if (!replayed) {
            replayed = true
            return Effect.fail(firstError)
          }
          attemptNumber++
          return Effect.annotateCurrentSpan("anthropic.attempts", attemptNumber).pipe(
            Effect.zipRight(once),
            Effect.tapError((error) => isRetryable(error) ? logRetryable(error, attemptNumber) : Effect.void)
          )
        })
        return logRetryable(firstError, 1).pipe(Effect.zipRight(Effect.retry(next, policy)))
      })
    )
  }

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
