/**
 * The checks a request and a configuration must pass before anything is
 * sent. Each returns a plain `{ path, message }` failure (undefined when the
 * value is fine), which each edition turns into its own error type. Values
 * are typed `unknown` because they come from callers at run time, where a
 * cast can smuggle a string in as a number.
 *
 * @since 0.2.0
 */
import { lifecycleStages, limits } from "./Wire.js"

/**
 * Which value is wrong, and why. Messages never contain a secret.
 *
 * @since 0.2.0
 * @category models
 */
export interface Failure {
  /** The option or parameter, as the caller wrote it (`limit`, `afterId`, `headers.x-trace`). */
  readonly path: string
  readonly message: string
}

const failure = (path: string, message: string): Failure => ({ path, message })

/**
 * Any control character would let a value end a header line and start another.
 *
 * @since 0.2.0
 * @category predicates
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
export const hasControlCharacter = (value: string): boolean => /[\u0000-\u001f\u007f]/.test(value)

const idProblem = (name: string, value: string): string | undefined =>
  value.length === 0
    ? `${name} must not be empty`
    : value.length > limits.maxIdLength
    ? `${name} is ${value.length} characters long; the limit is ${limits.maxIdLength}`
    : undefined

/**
 * What is wrong with a cursor, the caller's or the server's, or undefined. A
 * cursor goes back into the query string, so it gets the id rule and no
 * control characters.
 *
 * @since 0.2.0
 * @category cursors
 */
export const cursorProblem = (name: string, value: string): string | undefined =>
  idProblem(name, value) ?? (hasControlCharacter(value) ? `${name} contains a control character` : undefined)

const checkId = (
  path: string,
  value: unknown,
  problem: (name: string, value: string) => string | undefined
): Failure | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== "string") return failure(path, `${path} must be a string (got ${typeof value})`)
  const found = problem(path, value)
  return found === undefined ? undefined : failure(path, found)
}

/**
 * What a request may override.
 *
 * @since 0.2.0
 * @category models
 */
export interface RequestOptionsInput {
  readonly betas?: unknown
  readonly workspaceId?: unknown
}

/**
 * `betas` and `workspaceId`.
 *
 * @since 0.2.0
 * @category requests
 */
export const requestOptions = (options: RequestOptionsInput): Failure | undefined => {
  const { betas, workspaceId } = options
  if (betas !== undefined) {
    if (!Array.isArray(betas)) return failure("betas", "betas must be an array of strings")
    for (const beta of betas) {
      if (typeof beta !== "string" || beta.length === 0 || hasControlCharacter(beta)) {
        return failure("betas", "every beta must be a non-empty string without control characters")
      }
    }
  }
  if (workspaceId !== undefined && (typeof workspaceId !== "string" || hasControlCharacter(workspaceId))) {
    return failure("workspaceId", "workspaceId must be a string without control characters")
  }
  return undefined
}

/**
 * What one page request may carry.
 *
 * @since 0.2.0
 * @category models
 */
export interface PageRequestInput extends RequestOptionsInput {
  readonly limit?: unknown
  readonly afterId?: unknown
  readonly beforeId?: unknown
  readonly lifecycle?: unknown
}

const stages: ReadonlySet<unknown> = new Set(lifecycleStages)

/**
 * `limit`, the cursors (one direction at most) and `lifecycle`, then the
 * request options.
 *
 * @since 0.2.0
 * @category requests
 */
export const pageRequest = (params: PageRequestInput): Failure | undefined => {
  const { lifecycle, limit } = params
  if (limit !== undefined) {
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
      return failure("limit", `limit must be a whole number from 1 to ${limits.maxPageSize} (got ${String(limit)})`)
    }
  }
  const cursor = checkId("afterId", params.afterId, cursorProblem) ??
    checkId("beforeId", params.beforeId, cursorProblem)
  if (cursor !== undefined) return cursor
  if (params.afterId !== undefined && params.beforeId !== undefined) {
    return failure("afterId", "afterId and beforeId cannot be used together: choose one direction")
  }
  if (lifecycle !== undefined) {
    if (!Array.isArray(lifecycle)) return failure("lifecycle", "lifecycle must be an array")
    if (lifecycle.length > limits.maxLifecycleStages) {
      return failure(
        "lifecycle",
        `lifecycle takes at most ${limits.maxLifecycleStages} values (got ${lifecycle.length})`
      )
    }
    for (const stage of lifecycle) {
      if (!stages.has(stage)) {
        return failure(
          "lifecycle",
          `lifecycle values must be one of ${lifecycleStages.join(", ")} (got ${JSON.stringify(stage)})`
        )
      }
    }
  }
  return requestOptions(params)
}

/**
 * The most pages a stream may fetch ahead of its consumer.
 *
 * @since 0.2.0
 * @category requests
 */
export const maxPrefetch = 64

/**
 * `prefetch`: 0 to `maxPrefetch`.
 *
 * @since 0.2.0
 * @category requests
 */
export const prefetch = (value: unknown): Failure | undefined =>
  value === undefined ||
    (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= maxPrefetch)
    ? undefined
    : failure("prefetch", `prefetch must be a whole number from 0 to ${maxPrefetch} (got ${String(value)})`)

/**
 * A model id or alias. It is percent-encoded into the path, so any character
 * may appear, but `.` and `..` would be read as path steps (even encoded) and
 * silently request another resource.
 *
 * @since 0.2.0
 * @category requests
 */
export const modelId = (value: unknown): Failure | undefined => {
  if (value === undefined) return failure("modelId", "modelId is required")
  const found = checkId("modelId", value, idProblem)
  if (found !== undefined) return found
  return value === "." || value === ".."
    ? failure("modelId", `modelId cannot be ${JSON.stringify(value)}`)
    : undefined
}

/**
 * A value that goes into a header.
 *
 * @since 0.2.0
 * @category config
 */
export const headerValue = (path: string, value: string): Failure | undefined =>
  hasControlCharacter(value)
    ? failure(path, `${path} must not contain control characters such as a newline`)
    : undefined

/**
 * A key or token. The message names the problem, never the value.
 *
 * @since 0.2.0
 * @category config
 */
export const secret = (path: string, value: string): Failure | undefined =>
  value.trim().length === 0
    ? failure(path, `${path} is empty`)
    : hasControlCharacter(value)
    ? failure(path, `${path} contains a control character such as a newline`)
    : undefined

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" ||
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/**
 * A base URL, normalised (absolute, no trailing slash), or why it is refused:
 * not a URL, not http(s), plain `http://` to a host other than loopback
 * (unless allowed: the key would cross the network in clear text),
 * credentials, a query or a fragment.
 *
 * @since 0.2.0
 * @category config
 */
export const baseUrl = (
  path: string,
  input: string,
  allowInsecureHttp: boolean
): { readonly url: string } | { readonly failure: Failure } => {
  const text = input.trim()
  if (!URL.canParse(text)) return { failure: failure(path, `${path} is not an absolute URL: ${JSON.stringify(text)}`) }
  const url = new URL(text)
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { failure: failure(path, `${path} must use https:// (got ${url.protocol})`) }
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return {
      failure: failure(
        path,
        `${path} uses plain http:// to ${url.hostname}, which would send the API key in clear text; ` +
          "use https://, or set allowInsecureHttp: true if the link is otherwise protected"
      )
    }
  }
  if (url.username !== "" || url.password !== "") {
    return { failure: failure(path, `${path} must not contain credentials`) }
  }
  if (url.search !== "" || url.hash !== "") {
    return { failure: failure(path, `${path} must not contain a query or a fragment`) }
  }
  return { url: url.origin + url.pathname.replace(/\/+$/, "") }
}

/**
 * A whole number of 0 or more (`maxRetries`).
 *
 * @since 0.2.0
 * @category config
 */
export const count = (path: string, value: number): Failure | undefined =>
  Number.isInteger(value) && value >= 0
    ? undefined
    : failure(path, `${path} must be a whole number of 0 or more (got ${value})`)

/**
 * A whole number of bytes above 0 (`maxResponseBytes`).
 *
 * @since 0.2.0
 * @category config
 */
export const byteCount = (path: string, value: number): Failure | undefined =>
  Number.isSafeInteger(value) && value > 0
    ? undefined
    : failure(path, `${path} must be a whole number of bytes above 0 (got ${value})`)
