import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import { type ApiError, fromErrorType, MalformedResponseError } from "../ModelsError.js"
import * as Decode from "./decode.js"
import { parseRetryAfter } from "./retryAfter.js"
import { type Scrub, truncate } from "./secrets.js"

/** What an error keeps of the server's words; enough to act on, never megabytes. */
const maxMessageLength = 4096
const maxDetailsLength = 4096
const maxBodyPreviewLength = 512
const maxErrorTypeLength = 256

export const header = (response: HttpClientResponse.HttpClientResponse, name: string): string | undefined => {
  const value = response.headers[name]
  return typeof value === "string" && value.length > 0 ? value : undefined
}

export const parseJson = (text: string): Either.Either<unknown, unknown> => Either.try(() => JSON.parse(text))

type JsonObject = { readonly [key: string]: unknown }

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const ownString = (value: JsonObject, key: string): string | undefined => {
  const field = Object.hasOwn(value, key) ? value[key] : undefined
  return typeof field === "string" ? field : undefined
}

interface ErrorBody {
  readonly type: string
  readonly message: string
  readonly requestId: string | undefined
  readonly details: JsonObject | undefined
}

/**
 * The API's error body, read by hand rather than through `ErrorResponse`'s
 * Schema: only own fields count, so a `__proto__` key cannot supply one, and
 * a body that is not the API's shape is simply not one.
 */
const parseErrorBody = (text: string): ErrorBody | undefined => {
  const json = parseJson(text)
  if (Either.isLeft(json) || !isObject(json.right)) return undefined
  const error = Object.hasOwn(json.right, "error") ? json.right.error : undefined
  if (!isObject(error)) return undefined
  const type = ownString(error, "type")
  const message = ownString(error, "message")
  if (type === undefined || message === undefined) return undefined
  const details = Object.hasOwn(error, "details") ? error.details : undefined
  return {
    type,
    message,
    requestId: ownString(json.right, "request_id"),
    details: isObject(details) ? details : undefined
  }
}

const stringify = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value)
  } catch {
    // Too deep to serialise: the value is left out.
    return undefined
  }
}

/**
 * `error.details` as an open record of at most about 4 KB, scrubbed of
 * secrets: entries are kept in order while they fit, long strings are cut.
 */
const boundDetails = (details: JsonObject, scrub: Scrub): Record<string, unknown> | undefined => {
  const out: Record<string, unknown> = {}
  let size = 2
  let kept = 0
  for (const [key, value] of Object.entries(details)) {
    // Assigning "__proto__" would set the record's prototype instead of a field.
    if (key === "__proto__") continue
    const bounded = typeof value === "string" ? truncate(value, maxBodyPreviewLength) : value
    const serialised = stringify(bounded)
    if (serialised === undefined) continue
    const entry = scrub(`${JSON.stringify(scrub(key))}:${serialised}`)
    if (size + entry.length + 1 > maxDetailsLength) continue
    const parsed = parseJson(`{${entry}}`)
    if (Either.isLeft(parsed) || !isObject(parsed.right)) continue
    for (const [name, field] of Object.entries(parsed.right)) {
      if (name !== "__proto__") out[name] = field
    }
    size += entry.length + 1
    kept++
  }
  return kept === 0 ? undefined : out
}

/**
 * The tagged error for an error response. The class comes from `error.type`,
 * else from the status where one status means one class (see
 * `apiErrorStatuses`); every text kept is bounded and scrubbed.
 */
export const errorFromResponse = (
  response: HttpClientResponse.HttpClientResponse,
  requestId: string | undefined,
  text: string,
  nowMillis: number,
  scrub: Scrub
): ApiError => {
  const status = response.status
  const shouldRetryHeader = header(response, "x-should-retry")
  const common = {
    status,
    retryAfter: parseRetryAfter(header(response, "retry-after-ms"), header(response, "retry-after"), nowMillis),
    shouldRetry: shouldRetryHeader === "true" ? true : shouldRetryHeader === "false" ? false : undefined
  }
  const body = parseErrorBody(text)
  if (body === undefined) {
    const empty = text.trim() === ""
    return fromErrorType(undefined, {
      ...common,
      requestId,
      message: empty ? `HTTP ${status} with an empty body` : `HTTP ${status} with a body that is not an API error`,
      // The slice keeps scrubbing cheap; a secret cut at its end lies past the preview.
      body: empty ? undefined : truncate(scrub(text.slice(0, maxBodyPreviewLength * 2)), maxBodyPreviewLength)
    })
  }
  const errorCode = body.details === undefined ? undefined : ownString(body.details, "error_code")
  return fromErrorType(scrub(truncate(body.type, maxErrorTypeLength)), {
    ...common,
    requestId: requestId ?? body.requestId,
    message: truncate(scrub(body.message), maxMessageLength),
    errorCode: errorCode === undefined ? undefined : truncate(scrub(errorCode), maxErrorTypeLength),
    details: body.details === undefined ? undefined : boundDetails(body.details, scrub)
  })
}

/** A success body, parsed and decoded, or why it is not one. */
export const decodeSuccess = <A>(
  status: number,
  requestId: string | undefined,
  text: string,
  decode: (json: unknown) => Either.Either<A, ParseResult.ParseError>,
  scrub: Scrub
): Either.Either<A, MalformedResponseError> => {
  const json = parseJson(text)
  if (Either.isLeft(json)) {
    return Either.left(
      new MalformedResponseError({
        status,
        requestId,
        reason: "json",
        message: `The response body is not valid JSON (${text.length} characters): ${
          truncate(scrub(String(json.left)), maxBodyPreviewLength)
        }`
      })
    )
  }
  return Either.mapLeft(decode(json.right), (error) =>
    new MalformedResponseError({
      status,
      requestId,
      reason: "schema",
      message: `The response body does not match the schema: ${
        truncate(scrub(Decode.formatError(error)), maxBodyPreviewLength)
      }`
    }))
}
