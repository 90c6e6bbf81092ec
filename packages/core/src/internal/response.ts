import * as ErrorResponse from "@anthropic-effect/protocol/ErrorResponse"
import * as Messages from "@anthropic-effect/protocol/Messages"
import type * as Redirect from "@anthropic-effect/protocol/Redirect"
import type { Scrub } from "@anthropic-effect/protocol/Secrets"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import {
  type ApiError,
  fromErrorType,
  MalformedResponseError,
  RedirectError,
  ResponseTooLargeError
} from "../ModelsError.js"
import * as Decode from "./decode.js"

export const header = (response: HttpClientResponse.HttpClientResponse, name: string): string | undefined => {
  const value = response.headers[name]
  return typeof value === "string" && value.length > 0 ? value : undefined
}

const requestIdOf = (response: HttpClientResponse.HttpClientResponse, scrub: Scrub): string | undefined =>
  ErrorResponse.requestId(header(response, "request-id"), scrub)

/**
 * The tagged error for an error response: the protocol reads and bounds it,
 * the class comes from its error table.
 */
export const errorFromResponse = (
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  nowMillis: number,
  scrub: Scrub
): ApiError => {
  const fields = ErrorResponse.read(
    { status: response.status, header: (name) => header(response, name), text },
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
  step: Redirect.Step & { readonly _tag: "Refuse" },
  path: string,
  scrub: Scrub
): RedirectError =>
  new RedirectError({
    status: response.status,
    message: scrub(step.message),
    requestId: requestIdOf(response, scrub),
    location: step.location === undefined ? undefined : scrub(step.location),
    method: "GET",
    path
  })

/** A body over `maxResponseBytes`. */
export const tooLarge = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number,
  path: string,
  scrub: Scrub
): ResponseTooLargeError =>
  new ResponseTooLargeError({
    status: response.status,
    requestId: requestIdOf(response, scrub),
    limit,
    path,
    message: Messages.tooLarge(limit)
  })

const parseJson = (text: string): Either.Either<unknown, unknown> => Either.try(() => JSON.parse(text))

/** A success body, parsed and decoded, or why it is not one. */
export const decodeSuccess = <A>(
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>,
  scrub: Scrub
): Either.Either<A, MalformedResponseError> => {
  const status = response.status
  const requestId = requestIdOf(response, scrub)
  const json = parseJson(text)
  if (Either.isLeft(json)) {
    return Either.left(
      new MalformedResponseError({
        status,
        requestId,
        reason: "json",
        message: Messages.invalidJson(text.length, String(json.left), scrub)
      })
    )
  }
  return Either.mapLeft(decode(json.right), (error) =>
    new MalformedResponseError({
      status,
      requestId,
      reason: "schema",
      message: Messages.schemaMismatch(Decode.formatError(error), scrub)
    }))
}
