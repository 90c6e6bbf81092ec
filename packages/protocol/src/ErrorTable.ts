/**
 * The API's error types, the status each comes with, and which statuses are
 * worth another attempt. The Effect editions give each type a tagged error
 * class; the mock answers with these.
 *
 * @since 0.2.0
 */

/**
 * Each `error.type` with its status. `statusNamesClass` says whether the
 * status alone tells the class when a body's type is unknown or the body is
 * not the API's JSON: true for all but 400, which the API also sends for
 * errors without a class of their own.
 *
 * @since 0.2.0
 * @category table
 */
export const errorTypes = {
  invalid_request_error: { status: 400, statusNamesClass: false },
  authentication_error: { status: 401, statusNamesClass: true },
  billing_error: { status: 402, statusNamesClass: true },
  permission_error: { status: 403, statusNamesClass: true },
  not_found_error: { status: 404, statusNamesClass: true },
  rate_limit_error: { status: 429, statusNamesClass: true },
  api_error: { status: 500, statusNamesClass: true },
  timeout_error: { status: 504, statusNamesClass: true },
  overloaded_error: { status: 529, statusNamesClass: true }
} as const

/**
 * @since 0.2.0
 * @category table
 */
export type ErrorType = keyof typeof errorTypes

const typeNames: ReadonlyMap<string, ErrorType> = new Map(
  Object.keys(errorTypes).flatMap((name) => isErrorTypeName(name) ? [[name, name] as const] : [])
)

function isErrorTypeName(name: string): name is ErrorType {
  return Object.hasOwn(errorTypes, name)
}

const typeByStatus: ReadonlyMap<number, ErrorType> = new Map(
  [...typeNames.values()].flatMap((type) =>
    errorTypes[type].statusNamesClass ? [[errorTypes[type].status, type] as const] : []
  )
)

/**
 * The known type a response stands for: its `error.type` when known, else
 * the type its status names, else undefined.
 *
 * @since 0.2.0
 * @category table
 */
export const classify = (type: string | undefined, status: number): ErrorType | undefined =>
  (type === undefined ? undefined : typeNames.get(type)) ?? typeByStatus.get(status)

/**
 * The status rule used when the server sends no `x-should-retry`: 408, 409,
 * 429 and every 5xx (529 included) are worth another attempt.
 *
 * @since 0.2.0
 * @category retries
 */
export const isRetryableStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500

/**
 * `x-should-retry`: `true` or `false` override the status rule; anything else
 * is ignored.
 *
 * @since 0.2.0
 * @category retries
 */
export const parseShouldRetry = (value: string | undefined): boolean | undefined =>
  value === "true" ? true : value === "false" ? false : undefined
