/**
 * The Models API's names on the wire: paths, query parameters, headers, the
 * lifecycle stages and the limits the API enforces. Every edition builds its
 * requests, and the mock its answers, from these.
 *
 * @since 0.2.0
 */

/**
 * @since 0.2.0
 * @category paths
 */
export const modelsPath = "/v1/models"

/**
 * The path of one model. The id is percent-encoded, so `/`, `?` and `#` in an
 * id stay part of it.
 *
 * @since 0.2.0
 * @category paths
 */
export const modelPath = (modelId: string): string => `${modelsPath}/${encodeURIComponent(modelId)}`

/**
 * The query parameters of `GET /v1/models`. `lifecycle` goes with brackets,
 * once per stage (`lifecycle[]=a&lifecycle[]=b`), as the official SDKs send it.
 *
 * @since 0.2.0
 * @category query
 */
export const query = {
  limit: "limit",
  afterId: "after_id",
  beforeId: "before_id",
  lifecycle: "lifecycle[]"
} as const

/**
 * Request and response headers, lower case.
 *
 * @since 0.2.0
 * @category headers
 */
export const headers = {
  apiKey: "x-api-key",
  authorization: "authorization",
  version: "anthropic-version",
  beta: "anthropic-beta",
  workspaceId: "anthropic-workspace-id",
  directBrowserAccess: "anthropic-dangerous-direct-browser-access",
  requestId: "request-id",
  retryAfter: "retry-after",
  retryAfterMs: "retry-after-ms",
  shouldRetry: "x-should-retry",
  location: "location",
  contentLength: "content-length"
} as const

/**
 * The lifecycle stages the API filters on. Responses may carry newer ones.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const lifecycleStages = ["active", "deprecated", "retired"] as const

/**
 * @since 0.2.0
 * @category lifecycle
 */
export type LifecycleStage = typeof lifecycleStages[number]

/**
 * What the API lists when no `lifecycle` is sent.
 *
 * @since 0.2.0
 * @category lifecycle
 */
export const defaultLifecycleStages: ReadonlyArray<LifecycleStage> = ["active", "deprecated"]

/**
 * @since 0.2.0
 * @category defaults
 */
export const defaultBaseUrl = "https://api.anthropic.com"

/**
 * The seed's `anthropic-version`.
 *
 * @since 0.2.0
 * @category defaults
 */
export const defaultApiVersion = "2023-06-01"

/**
 * The API's page size when `limit` is not sent.
 *
 * @since 0.2.0
 * @category limits
 */
export const defaultPageSize = 20

/**
 * The limits a request must keep to.
 *
 * @since 0.2.0
 * @category limits
 */
export const limits = {
  /** `limit` is 1 to 1000. */
  maxPageSize: 1000,
  /** At most 3 `lifecycle` values. */
  maxLifecycleStages: 3,
  /**
   * Model ids and cursors. Real ids are under 100 characters; anything this
   * long is a bug and would only earn an HTML 414 from a proxy.
   */
  maxIdLength: 2048
} as const
