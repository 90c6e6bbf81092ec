/**
 * An error response read into plain fields: which known error type it stands
 * for, and what the client keeps of it, bounded and scrubbed of secrets.
 *
 * @since 0.2.0
 */
import { classify, type ErrorType, parseShouldRetry } from "./ErrorTable.js"
import { parseRetryAfter } from "./RetryAfter.js"
import { type Scrub, truncate } from "./Secrets.js"

/**
 * What an error keeps of the server's words: enough to act on, never megabytes.
 *
 * @since 0.2.0
 * @category bounds
 */
export const bounds = {
  message: 4096,
  details: 4096,
  bodyPreview: 512,
  errorType: 256
} as const

/**
 * An error response, classified.
 *
 * @since 0.2.0
 * @category models
 */
export interface ErrorFields {
  readonly status: number
  /** The known type the body or, failing that, the status names; undefined for neither. */
  readonly knownType: ErrorType | undefined
  readonly message: string
  readonly requestId: string | undefined
  readonly errorCode: string | undefined
  readonly details: Readonly<Record<string, unknown>> | undefined
  /** The body's `error.type` when it is not a known one. */
  readonly errorType: string | undefined
  /** The start of a body that is not the API's JSON. */
  readonly body: string | undefined
  readonly retryAfterMillis: number | undefined
  readonly shouldRetry: boolean | undefined
}

/**
 * The response's status, headers (lower-case names) and body text.
 *
 * @since 0.2.0
 * @category models
 */
export interface RawResponse {
  readonly status: number
  readonly header: (name: string) => string | undefined
  readonly text: string
}

type JsonObject = { readonly [key: string]: unknown }

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const own = (value: JsonObject, key: string): unknown => Object.hasOwn(value, key) ? value[key] : undefined

const ownString = (value: JsonObject, key: string): string | undefined => {
  const field = own(value, key)
  return typeof field === "string" ? field : undefined
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
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

interface ErrorBody {
  readonly type: string
  readonly message: string
  readonly requestId: string | undefined
  readonly details: JsonObject | undefined
}

/**
 * The API's error body, read by hand: only own fields count, so a `__proto__`
 * key cannot supply one, and a body that is not the API's shape is simply not
 * one.
 */
const parseErrorBody = (text: string): ErrorBody | undefined => {
  const json = parse(text)
  if (!isObject(json)) return undefined
  const error = own(json, "error")
  if (!isObject(error)) return undefined
  const type = ownString(error, "type")
  const message = ownString(error, "message")
  if (type === undefined || message === undefined) return undefined
  const details = own(error, "details")
  return { type, message, requestId: ownString(json, "request_id"), details: isObject(details) ? details : undefined }
}

/**
 * `error.details` as an open record of at most `bounds.details` characters of
 * JSON, scrubbed: entries are kept in order while they fit, long strings are
 * cut, and a `__proto__` key is dropped (assigning it would set the record's
 * prototype instead of a field).
 */
const boundDetails = (details: JsonObject, scrub: Scrub): Record<string, unknown> | undefined => {
  const out: Record<string, unknown> = {}
  let size = 2
  let kept = 0
  for (const [key, value] of Object.entries(details)) {
    if (key === "__proto__") continue
    const serialised = stringify(typeof value === "string" ? truncate(value, bounds.bodyPreview) : value)
    if (serialised === undefined) continue
    const entry = scrub(`${JSON.stringify(key)}:${serialised}`)
    if (size + entry.length + 1 > bounds.details) continue
    const parsed = parse(`{${entry}}`)
    if (!isObject(parsed)) continue
    for (const [name, field] of Object.entries(parsed)) if (name !== "__proto__") out[name] = field
    size += entry.length + 1
    kept++
  }
  return kept === 0 ? undefined : out
}

/**
 * A request id as kept in an error: scrubbed and bounded like every other
 * text from the server, since a hostile server can echo the key there too.
 *
 * @since 0.2.0
 * @category reading
 */
export const requestId = (value: string | undefined, scrub: Scrub): string | undefined =>
  value === undefined ? undefined : truncate(scrub(value), bounds.errorType)

/**
 * Reads an error response. The type comes from `error.type`, else from the
 * status where one status means one type (`ErrorTable.classify`); every text
 * kept is bounded and passed through `scrub`.
 *
 * @since 0.2.0
 * @category reading
 */
export const read = (response: RawResponse, nowMillis: number, scrub: Scrub): ErrorFields => {
  const { status, text } = response
  const common = {
    status,
    retryAfterMillis: parseRetryAfter(response.header("retry-after-ms"), response.header("retry-after"), nowMillis),
    shouldRetry: parseShouldRetry(response.header("x-should-retry"))
  }
  const headerRequestId = requestId(response.header("request-id"), scrub)
  const body = parseErrorBody(text)
  if (body === undefined) {
    const empty = text.trim() === ""
    return {
      ...common,
      knownType: classify(undefined, status),
      requestId: headerRequestId,
      message: empty ? `HTTP ${status} with an empty body` : `HTTP ${status} with a body that is not an API error`,
      errorCode: undefined,
      details: undefined,
      errorType: undefined,
      // The slice keeps scrubbing cheap; a secret cut at its end lies past the preview.
      body: empty ? undefined : truncate(scrub(text.slice(0, bounds.bodyPreview * 2)), bounds.bodyPreview)
    }
  }
  const knownType = classify(body.type, status)
  const errorCode = body.details === undefined ? undefined : ownString(body.details, "error_code")
  return {
    ...common,
    knownType,
    requestId: headerRequestId ?? requestId(body.requestId, scrub),
    message: truncate(scrub(body.message), bounds.message),
    errorCode: errorCode === undefined ? undefined : truncate(scrub(errorCode), bounds.errorType),
    details: body.details === undefined ? undefined : boundDetails(body.details, scrub),
    errorType: knownType === body.type ? undefined : truncate(scrub(body.type), bounds.errorType),
    body: undefined
  }
}
