/**
 * Every way a Models call can fail, as tagged errors in Effect's error channel.
 * Nine mirror the API's error types; the rest are detected by the client.
 * None carries the API key: errors hold the status, the `request-id`, the
 * message and retry hints, never the request's headers.
 *
 * @since 1.0.0
 */
import * as ErrorTable from "@anthropic-effect/protocol/ErrorTable"
import * as Schema from "effect/Schema"

/**
 * What every API error carries, so a caller can branch or report without
 * parsing the message.
 */
const ApiErrorFields = {
  /** The HTTP status of the response. */
  status: Schema.Number,
  /** The API's message, at most 4 KB, with the configured key and token replaced by `<redacted>`. */
  message: Schema.String,
  /** The `request-id` response header, to quote to Anthropic's support. */
  requestId: Schema.optional(Schema.String),
  /** `error.details.error_code` from the body, when the API names the cause. */
  errorCode: Schema.optional(Schema.String),
  /**
   * `error.details` from the body as sent (for example `notice`, `model` or
   * `disabled_reason` next to `error_code`), bounded to about 4 KB.
   */
  details: Schema.optional(Schema.Record(Schema.String, Schema.Unknown)),
  /**
   * The body's `error.type` when the client does not know it. The class then
   * comes from the HTTP status where one status means one class.
   */
  errorType: Schema.optional(Schema.String),
  /** The start of a body that is not the API's JSON (an HTML page from a proxy, say), at most 512 characters. */
  body: Schema.optional(Schema.String),
  /**
   * The wait the server asked for (`retry-after-ms` or `retry-after`); always
   * finite. Over `maxRetryAfter` it ends the retries at once.
   */
  retryAfter: Schema.optional(Schema.Duration),
  /** The server's `x-should-retry` header, which overrides the status rule. */
  shouldRetry: Schema.optional(Schema.Boolean)
}

/**
 * 400 `invalid_request_error`: the request was malformed. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()(
  "InvalidRequestError",
  ApiErrorFields
) {}

/**
 * 401 `authentication_error`: the key or token is missing or wrong. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()(
  "AuthenticationError",
  ApiErrorFields
) {}

/**
 * 402 `billing_error`: the account cannot be billed. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class BillingError extends Schema.TaggedError<BillingError>()("BillingError", ApiErrorFields) {}

/**
 * 403 `permission_error`: the key may not use this resource. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class PermissionError extends Schema.TaggedError<PermissionError>()("PermissionError", ApiErrorFields) {}

/**
 * 404 `not_found_error`: no model has that id. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", ApiErrorFields) {}

/**
 * 429 `rate_limit_error`: too many requests. Retried after `retryAfter`.
 *
 * @since 1.0.0
 * @category errors
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>()("RateLimitError", ApiErrorFields) {}

/**
 * 504 `timeout_error`: the API timed out while handling the request. Retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class GatewayTimeoutError extends Schema.TaggedError<GatewayTimeoutError>()(
  "GatewayTimeoutError",
  ApiErrorFields
) {}

/**
 * 500 `api_error`: an unexpected error inside the API. Retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class APIError extends Schema.TaggedError<APIError>()("APIError", ApiErrorFields) {}

/**
 * 529 `overloaded_error`: the API is temporarily overloaded. Retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class OverloadedError extends Schema.TaggedError<OverloadedError>()("OverloadedError", ApiErrorFields) {}

/**
 * An error response the client could not classify: an `error.type` it does not
 * know with a status that does not name one class (400, 409, 413, 502, ...),
 * or such a status with a body that is empty or not the API's JSON (an HTML
 * 502 from a proxy, say). `errorType` and `body` say what came back. Retried
 * when the status is retryable.
 *
 * @since 1.0.0
 * @category errors
 */
export class UnknownApiError extends Schema.TaggedError<UnknownApiError>()("UnknownApiError", ApiErrorFields) {}

/**
 * The request never got a response: DNS, refused or reset connection, TLS,
 * or the body stream broke. Retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class ConnectionError extends Schema.TaggedError<ConnectionError>()("ConnectionError", {
  message: Schema.String,
  method: Schema.String,
  /** The path and query that was requested, without the base URL's credentials. */
  path: Schema.String
}) {}

/**
 * One attempt took longer than the configured `timeout`. The attempt was
 * aborted. Retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class RequestTimeoutError extends Schema.TaggedError<RequestTimeoutError>()("RequestTimeoutError", {
  message: Schema.String,
  method: Schema.String,
  path: Schema.String,
  timeout: Schema.Duration
}) {}

/**
 * A successful status whose body is not valid JSON (retried: usually a
 * truncated transfer) or does not match the schema (not retried).
 *
 * @since 1.0.0
 * @category errors
 */
export class MalformedResponseError extends Schema.TaggedError<MalformedResponseError>()(
  "MalformedResponseError",
  {
    status: Schema.Number,
    message: Schema.String,
    requestId: Schema.optional(Schema.String),
    /** `"json"` when the body did not parse, `"schema"` when it did not match. */
    reason: Schema.Literals(["json", "schema"])
  }
) {}

/**
 * The response was larger than `maxResponseBytes` (counted after
 * decompression). The rest of the body was not read. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class ResponseTooLargeError extends Schema.TaggedError<ResponseTooLargeError>()("ResponseTooLargeError", {
  status: Schema.Number,
  message: Schema.String,
  requestId: Schema.optional(Schema.String),
  /** The configured `maxResponseBytes`. */
  limit: Schema.Number,
  path: Schema.String
}) {}

/**
 * A redirect the client refused: to another origin than the configured base
 * URL (nothing is sent there, so the key never leaves for another host), or
 * more than 3 hops within it, or with no usable `Location`. Not retried.
 *
 * @since 1.0.0
 * @category errors
 */
export class RedirectError extends Schema.TaggedError<RedirectError>()("RedirectError", {
  /** The redirect's status (301, 302, 303, 307, 308), or 0 when a browser hid it. */
  status: Schema.Number,
  message: Schema.String,
  requestId: Schema.optional(Schema.String),
  /** The origin the server pointed at, when it could be read; never its path or query. */
  location: Schema.optional(Schema.String),
  method: Schema.String,
  path: Schema.String
}) {}

/**
 * The API's cursors would not make progress: `has_more` with no cursor to go
 * on, or a cursor that was already used. The stream stops instead of looping.
 *
 * @since 1.0.0
 * @category errors
 */
export class PaginationError extends Schema.TaggedError<PaginationError>()("PaginationError", {
  message: Schema.String,
  /** The cursor that would have been sent next, when there was one. */
  cursor: Schema.optional(Schema.String)
}) {}

/**
 * A parameter was refused before anything was sent.
 *
 * @since 1.0.0
 * @category errors
 */
export class InvalidParameterError extends Schema.TaggedError<InvalidParameterError>()("InvalidParameterError", {
  /** The parameter's name, as in the params object (`limit`, `afterId`, `modelId`). */
  parameter: Schema.String,
  message: Schema.String
}) {}

/**
 * The API's `error.type` for each error class: the one list the error unions
 * below are derived from. Its keys are the protocol's error table, so a type
 * added there is a compile error here until it has a class.
 *
 * @since 1.0.0
 * @category constructors
 */
export const apiErrorTypes = {
  invalid_request_error: InvalidRequestError,
  authentication_error: AuthenticationError,
  billing_error: BillingError,
  permission_error: PermissionError,
  not_found_error: NotFoundError,
  rate_limit_error: RateLimitError,
  timeout_error: GatewayTimeoutError,
  api_error: APIError,
  overloaded_error: OverloadedError
} as const satisfies { readonly [Type in ErrorTable.ErrorType]: unknown }

const apiErrorClasses = [...Object.values(apiErrorTypes), UnknownApiError]

/**
 * Every failure of the Models service.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ModelsError = /* @__PURE__ */ Schema.Union([
  ...apiErrorClasses,
  ConnectionError,
  RequestTimeoutError,
  MalformedResponseError,
  ResponseTooLargeError,
  RedirectError,
  PaginationError,
  InvalidParameterError
])

/**
 * @since 1.0.0
 * @category errors
 */
export type ModelsError = typeof ModelsError.Type

/**
 * The errors that mirror an HTTP error response.
 *
 * @since 1.0.0
 * @category errors
 */
export type ApiError = InstanceType<typeof apiErrorClasses[number]>

/**
 * The fields every API error is built from. (Effect 4's constructors also
 * take an optional `_tag`; it is left out, so the same fields build any of
 * the classes.)
 *
 * @since 1.0.0
 * @category models
 */
export type ApiErrorInput = Omit<ConstructorParameters<typeof InvalidRequestError>[0], "_tag">

/**
 * The error for an API `error.type` (undefined when the body had none): its
 * class when the type is known, else the class the status names (see the
 * protocol's `ErrorTable`), keeping the type in `errorType`, else an
 * `UnknownApiError`.
 *
 * @since 1.0.0
 * @category constructors
 */
export const fromErrorType = (type: string | undefined, fields: ApiErrorInput): ApiError => {
  const known = ErrorTable.classify(type, fields.status)
  const withType = type === undefined || type === known ? fields : { ...fields, errorType: type }
  return known === undefined ? new UnknownApiError(withType) : new apiErrorTypes[known](withType)
}

/**
 * @since 1.0.0
 * @category refinements
 */
export const isModelsError: (u: unknown) => u is ModelsError = Schema.is(ModelsError)

// Effect 4's error classes have no static `_tag`; the tag schema holds it.
const apiErrorTags: ReadonlySet<string> = new Set(
  apiErrorClasses.map((errorClass) => errorClass.fields._tag.schema.literal)
)

/**
 * @since 1.0.0
 * @category refinements
 */
export const isApiError = (u: unknown): u is ApiError => isModelsError(u) && apiErrorTags.has(u._tag)

/**
 * The status rule used when the server sends no `x-should-retry`: 408, 409,
 * 429 and every 5xx (529 included) are worth another attempt.
 *
 * @since 1.0.0
 * @category predicates
 */
export const isRetryableStatus: (status: number) => boolean = ErrorTable.isRetryableStatus

/**
 * Whether the client retries this error (when the retry budget allows).
 * `x-should-retry` from the server wins over the status rule.
 *
 * @since 1.0.0
 * @category predicates
 */
export const isRetryable = (error: ModelsError): boolean => {
  switch (error._tag) {
    case "ConnectionError":
    case "RequestTimeoutError":
      return true
    case "MalformedResponseError":
      return error.reason === "json"
    case "PaginationError":
    case "InvalidParameterError":
    case "ResponseTooLargeError":
    case "RedirectError":
      return false
    default:
      return error.shouldRetry ?? isRetryableStatus(error.status)
  }
}

/**
 * One line for a person: the tag, the message, and whatever identifies the
 * failure (HTTP status, `request-id`, error code, parameter).
 *
 * @example
 * import { ModelsError } from "@anthropic-effect/core"
 *
 * const line = ModelsError.describe(new ModelsError.NotFoundError({ status: 404, message: "model: x", requestId: "req_1" }))
 * // "NotFoundError: model: x (HTTP 404, request-id req_1)"
 *
 * @since 1.0.0
 * @category formatting
 */
export const describe = (error: ModelsError): string => {
  const details: Array<string> = []
  if ("status" in error) details.push(`HTTP ${error.status}`)
  if ("requestId" in error && error.requestId !== undefined) details.push(`request-id ${error.requestId}`)
  if ("errorCode" in error && error.errorCode !== undefined) details.push(`error_code ${error.errorCode}`)
  if (error._tag === "InvalidParameterError") details.push(`parameter ${error.parameter}`)
  if ("errorType" in error && error.errorType !== undefined) details.push(`error.type ${error.errorType}`)
  if (error._tag === "RedirectError" && error.location !== undefined) details.push(`to ${error.location}`)
  if (error._tag === "ConnectionError" || error._tag === "RequestTimeoutError" || error._tag === "RedirectError") {
    details.push(`${error.method} ${error.path}`)
  }
  return `${error._tag}: ${error.message}${details.length > 0 ? ` (${details.join(", ")})` : ""}`
}
