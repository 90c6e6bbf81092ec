import * as ErrorResponse from "@anthropic-effect/protocol/ErrorResponse"
import * as Messages from "@anthropic-effect/protocol/Messages"
import type * as Redirect from "@anthropic-effect/protocol/Redirect"
import type { Scrub } from "@anthropic-effect/protocol/Secrets"
import * as Duration from "effect/Duration"
import type * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import {
  type ApiError,
  fromErrorType,
  MalformedResponseError,
  RedirectError,
  ResponseTooLargeError
} from "../ModelsError.js"
import * as Decode from "./decode.js"

/**
 * A response's headers, read once per response: every read of
 * `response.headers` on a fetch response copies the Web headers anew.
 */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>

export const header = (headers: ResponseHeaders, name: string): string | undefined => {
  const value = headers[name]
  return typeof value === "string" && value.length > 0 ? value : undefined
}

const requestIdOf = (headers: ResponseHeaders, scrub: Scrub): string | undefined =>
  ErrorResponse.requestId(header(headers, "request-id"), scrub)

/**
 * The tagged error for an error response: the protocol reads and bounds it,
 * the class comes from its error table.
 */
export const errorFromResponse = (
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  text: string,
  nowMillis: number,
  scrub: Scrub
): ApiError => {
  const fields = ErrorResponse.read(
    { status: response.status, header: (name) => header(headers, name), text },
    nowMillis,
    scrub
  )
  return fromErrorType(fields.knownType ?? fields.errorType, {
    status: fields.status,
    message: fields.message,
    requestId: fields.requestId,
    errorCode: fields.errorCode,
    details: fields.details,
    errorType: fields.errorType,
    body: fields.body,
    retryAfter: fields.retryAfterMillis === undefined ? undefined : Duration.millis(fields.retryAfterMillis),
    shouldRetry: fields.shouldRetry
  })
}

/** A redirect the client will not follow. */
export const refusedRedirect = (
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  step: Redirect.Step & { readonly _tag: "Refuse" },
  path: string,
  scrub: Scrub
): RedirectError =>
  new RedirectError({
    status: response.status,
    message: scrub(step.message),
    requestId: requestIdOf(headers, scrub),
    location: step.location === undefined ? undefined : scrub(step.location),
    method: "GET",
    path
  })

/** A body over `maxResponseBytes`. */
export const tooLarge = (
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  limit: number,
  path: string,
  scrub: Scrub
): ResponseTooLargeError =>
  new ResponseTooLargeError({
    status: response.status,
    requestId: requestIdOf(headers, scrub),
    limit,
    path,
    message: Messages.tooLarge(limit)
  })

const parseJson = (text: string): Result.Result<unknown, unknown> => Result.try(() => JSON.parse(text))

/** A success body, parsed and decoded, or why it is not one. */
export const decodeSuccess = <A>(
  response: HttpClientResponse.HttpClientResponse,
  headers: ResponseHeaders,
  text: string,
  decode: (json: unknown) => Result.Result<A, Schema.SchemaError>,
  scrub: Scrub
): Result.Result<A, MalformedResponseError> => {
  const status = response.status
  const requestId = requestIdOf(headers, scrub)
  const json = parseJson(text)
  if (Result.isFailure(json)) {
    return Result.fail(
      new MalformedResponseError({
        status,
        requestId,
        reason: "json",
        message: Messages.invalidJson(text.length, describeJsonError(json.failure), scrub)
      })
    )
  }
  return Result.mapError(decode(json.success), (error) =>
    new MalformedResponseError({
      status,
      requestId,
      reason: "schema",
      message: Messages.schemaMismatch(Decode.formatError(error), scrub)
    }))
}

// Effect 4's Result.try keeps what JSON.parse threw as it is (a SyntaxError);
// its text is what v3's UnknownException message carried.
const describeJsonError = (error: unknown): string => error instanceof Error ? String(error) : "Invalid JSON"
