/**
 * The Models API's semantics over a catalogue, for test doubles: routes,
 * credentials, the version header, paging (`after_id`, `before_id`, `limit`,
 * lifecycle filters), aliases, request ids, error bodies, faults and the
 * counters a test reads back. Each edition's in-memory service, in-memory
 * `HttpClient` and loopback server drive one of these, so they cannot drift
 * apart from each other or between editions.
 *
 * @since 0.2.0
 */
import { claudeAliases, claudeModels } from "./Catalogue.js"
import { type ErrorType, errorTypes } from "./ErrorTable.js"
import * as Faults from "./Faults.js"
import type { ErrorJson, ModelJson, PageJson } from "./Json.js"
import { defaultLifecycleStages, defaultPageSize, headers, lifecycleStages, limits, modelsPath, query } from "./Wire.js"

/**
 * One request as the API sees it, whatever carried it (memory or a socket).
 * Header names are lower case.
 *
 * @since 0.2.0
 * @category models
 */
export interface ApiRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string | undefined>>
}

/**
 * What the API answers, before any fault and before the wire: a page or a
 * model, or an error of a known type.
 *
 * @since 0.2.0
 * @category models
 */
export type ApiAnswer =
  | { readonly _tag: "Ok"; readonly requestId: string; readonly value: PageJson | ModelJson }
  | {
    readonly _tag: "Error"
    readonly requestId: string
    readonly status: number
    readonly type: ErrorType
    readonly message: string
    readonly headers: Readonly<Record<string, string>>
  }

/**
 * A response as it goes on the wire.
 *
 * @since 0.2.0
 * @category models
 */
export interface HttpReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * What the transport must do with a request, faults applied. A reset and a
 * delay need the transport: only it can drop its connection or wait on its
 * clock.
 *
 * @since 0.2.0
 * @category models
 */
export type WireOutcome =
  | { readonly _tag: "Reply"; readonly reply: HttpReply }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Delay"; readonly millis: number; readonly reply: HttpReply }

/**
 * The catalogue, the accepted key and the faults.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** The catalogue, newest first. Default: `Catalogue.claudeModels`. */
  readonly models?: ReadonlyArray<ModelJson> | undefined
  /** Aliases a retrieve resolves. Default: `Catalogue.claudeAliases`. */
  readonly aliases?: Readonly<Record<string, string>> | undefined
  /** The only key accepted. Default: any non-empty key or bearer token. */
  readonly apiKey?: string | undefined
  readonly faults?: Faults.Options | undefined
}

/**
 * The counters a test reads back.
 *
 * @since 0.2.0
 * @category models
 */
export interface Stats {
  readonly requests: number
  readonly faults: Readonly<Record<Faults.Kind, number>>
  /** How often each distinct page (cursor, limit, filter) was served with status 200 and a whole body. */
  readonly pagesServed: ReadonlyMap<string, number>
}

/**
 * One mock API. Every request, answered or responded to, gets the next
 * request number and request id.
 *
 * @since 0.2.0
 * @category models
 */
export interface MockApi {
  /** The API's answer, without faults or wire format: for an in-memory service. */
  readonly answer: (request: ApiRequest) => ApiAnswer
  /** The response on the wire, faults applied: for an in-memory `HttpClient` or a server. */
  readonly respond: (request: ApiRequest) => WireOutcome
  readonly stats: () => Stats
}

/**
 * A page of a listing, or why the query is refused (the API's 400).
 *
 * @since 0.2.0
 * @category paging
 */
export type PageResult<M extends ModelJson> =
  | { readonly _tag: "Page"; readonly page: PageJson<M> }
  | { readonly _tag: "Invalid"; readonly message: string }

/**
 * The paging rules of `GET /v1/models` over one catalogue.
 *
 * @since 0.2.0
 * @category paging
 */
export type Pager<M extends ModelJson> = (query: URLSearchParams) => PageResult<M>

interface Listing<M> {
  readonly list: ReadonlyArray<M>
  readonly index: ReadonlyMap<string, number>
}

const knownStages: ReadonlySet<string> = new Set(lifecycleStages)

// Some clients send the filter without brackets; the API takes both.
const bareLifecycle = "lifecycle"

// A model without a lifecycle is listed as the API lists it: active.
const stageOf = (model: ModelJson): string => typeof model.lifecycle === "string" ? model.lifecycle : "active"

/**
 * The paging rules over `models` (newest first), as the API applies them:
 * `limit` from 1 to `Wire.limits.maxPageSize` (default `Wire.defaultPageSize`);
 * `after_id` pages forward and `before_id` backward (the page that ends just
 * before it), never both; an unknown cursor is refused; `lifecycle[]` filters,
 * by default to `Wire.defaultLifecycleStages`. `has_more` says whether models
 * lie beyond the page in its direction. Each filtered listing is built once.
 *
 * @since 0.2.0
 * @category paging
 */
export const pager = <M extends ModelJson>(models: ReadonlyArray<M>): Pager<M> => {
  const listings = new Map<string, Listing<M>>()
  const listingOf = (stages: ReadonlyArray<string>): Listing<M> => {
    const wanted = new Set(stages)
    const key = [...wanted].sort().join(",")
    let listing = listings.get(key)
    if (listing === undefined) {
      const list = models.filter((model) => wanted.has(stageOf(model)))
      listing = { list, index: new Map(list.map((model, i) => [model.id, i])) }
      listings.set(key, listing)
    }
    return listing
  }
  const invalid = (message: string): PageResult<M> => ({ _tag: "Invalid", message })

  return (params) => {
    const limitText = params.get(query.limit)
    const limit = limitText === null ? defaultPageSize : Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxPageSize) {
      return invalid(`limit: Input should be less than or equal to ${limits.maxPageSize} and at least 1`)
    }
    const afterId = params.get(query.afterId)
    const beforeId = params.get(query.beforeId)
    if (afterId !== null && beforeId !== null) {
      return invalid(`Cannot specify both ${query.beforeId} and ${query.afterId}`)
    }
    const stages = [...params.getAll(query.lifecycle), ...params.getAll(bareLifecycle)]
    if (stages.length > limits.maxLifecycleStages || stages.some((stage) => !knownStages.has(stage))) {
      return invalid(`lifecycle: at most ${limits.maxLifecycleStages} of ${lifecycleStages.join(", ")}`)
    }
    const { index, list } = listingOf(stages.length === 0 ? defaultLifecycleStages : stages)
    let start: number
    let end: number
    if (beforeId !== null) {
      const at = index.get(beforeId)
      if (at === undefined) return invalid(`${query.beforeId}: unknown model ${beforeId}`)
      end = at
      start = Math.max(0, end - limit)
    } else {
      const at = afterId === null ? -1 : index.get(afterId)
      if (at === undefined) return invalid(`${query.afterId}: unknown model ${afterId}`)
      start = at + 1
      end = Math.min(list.length, start + limit)
    }
    const data = list.slice(start, end)
    return {
      _tag: "Page",
      page: {
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: beforeId !== null ? start > 0 : end < list.length
      }
    }
  }
}

/**
 * The request id of request `n`: `req_mock_` and `n` in base 36, so ids sort
 * in request order.
 *
 * @since 0.2.0
 * @category request ids
 */
export const requestId = (n: number): string => `req_mock_${n.toString(36).padStart(8, "0")}`

// Only a wrong method has no row of its own in the error table.
const methodNotAllowedStatus = 405

const error = (
  requestId: string,
  type: ErrorType,
  message: string,
  options: { readonly status?: number; readonly headers?: Readonly<Record<string, string>> } = {}
): ApiAnswer => ({
  _tag: "Error",
  requestId,
  status: options.status ?? errorTypes[type].status,
  type,
  message,
  headers: options.headers ?? {}
})

const jsonHeaders = (requestId: string) => ({ "content-type": "application/json", [headers.requestId]: requestId })

/**
 * An answer as the API puts it on the wire: JSON, with `request-id`.
 *
 * @since 0.2.0
 * @category wire
 */
export const toReply = (answer: ApiAnswer): HttpReply => {
  if (answer._tag === "Ok") {
    return { status: 200, headers: jsonHeaders(answer.requestId), body: JSON.stringify(answer.value) }
  }
  const body: ErrorJson = {
    type: "error",
    error: { type: answer.type, message: answer.message },
    request_id: answer.requestId
  }
  return {
    status: answer.status,
    headers: { ...jsonHeaders(answer.requestId), ...answer.headers },
    body: JSON.stringify(body)
  }
}

/**
 * The mock's CORS policy, as the API's for direct browser access: any origin,
 * the request headers the client sends, and the response headers it reads.
 * Transports apply it with their own CORS machinery.
 *
 * @since 0.2.0
 * @category cors
 */
export const cors: {
  readonly allowedMethods: ReadonlyArray<string>
  readonly allowedHeaders: ReadonlyArray<string>
  readonly exposedHeaders: ReadonlyArray<string>
  readonly maxAgeSeconds: number
} = {
  allowedMethods: ["GET", "OPTIONS"],
  allowedHeaders: [
    headers.apiKey,
    headers.authorization,
    headers.version,
    headers.beta,
    headers.workspaceId,
    headers.directBrowserAccess,
    "content-type",
    "accept"
  ],
  exposedHeaders: [headers.requestId, headers.retryAfter, headers.retryAfterMs, headers.shouldRetry],
  maxAgeSeconds: 600
}

const bearerPrefix = /^Bearer\s+/i

/**
 * A mock API over `options.models`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (options: Options = {}): MockApi => {
  const models = options.models ?? claudeModels
  const aliases = options.aliases ?? claudeAliases
  const byId = new Map(models.map((model) => [model.id, model]))
  const pages = pager(models)
  const faultOptions = options.faults ?? {}
  const schedule = Faults.schedule(faultOptions)

  let requests = 0
  const faultCounts = Faults.zeroCounts()
  const pagesServed = new Map<string, number>()

  const retrieve = (rawId: string, id: string): ApiAnswer => {
    let modelId: string
    try {
      modelId = decodeURIComponent(rawId)
    } catch {
      return error(id, "not_found_error", `model: ${rawId}`)
    }
    const model = byId.get(modelId) ?? byId.get(aliases[modelId] ?? "")
    return model === undefined
      ? error(id, "not_found_error", `model: ${modelId}`)
      : { _tag: "Ok", requestId: id, value: model }
  }

  // Headers first, as the API checks them, then the route.
  const answerAs = (request: ApiRequest, id: string): ApiAnswer => {
    if (request.method !== "GET") {
      return error(id, "invalid_request_error", `Method ${request.method} not allowed`, {
        status: methodNotAllowedStatus
      })
    }
    const path = request.url.pathname
    const isList = path === modelsPath
    if (!isList && !path.startsWith(`${modelsPath}/`)) return error(id, "not_found_error", `Not found: ${path}`)
    const credential = request.headers[headers.apiKey] ??
      request.headers[headers.authorization]?.replace(bearerPrefix, "")
    if (credential === undefined || credential === "") {
      return error(id, "authentication_error", `${headers.apiKey} header is required`)
    }
    if (options.apiKey !== undefined && credential !== options.apiKey) {
      return error(id, "authentication_error", `invalid ${headers.apiKey}`)
    }
    const version = request.headers[headers.version]
    if (version === undefined || version === "") {
      return error(id, "invalid_request_error", `${headers.version}: header is required`)
    }
    if (!isList) return retrieve(path.slice(modelsPath.length + 1), id)
    const result = pages(request.url.searchParams)
    return result._tag === "Page"
      ? { _tag: "Ok", requestId: id, value: result.page }
      : error(id, "invalid_request_error", result.message)
  }

  // One key per distinct page, whatever order the query parameters came in.
  const pageKey = (url: URL): string =>
    [query.afterId, query.beforeId, query.limit].map((name) => url.searchParams.get(name) ?? "").join("|") + "|" +
    url.searchParams.getAll(query.lifecycle).join(",")

  const answer = (request: ApiRequest): ApiAnswer => answerAs(request, requestId(++requests))

  const respond = (request: ApiRequest): WireOutcome => {
    const n = ++requests
    const id = requestId(n)
    const fault = schedule(n)
    if (fault === undefined) {
      const reply = toReply(answerAs(request, id))
      if (reply.status === 200 && request.url.pathname === modelsPath) {
        const key = pageKey(request.url)
        pagesServed.set(key, (pagesServed.get(key) ?? 0) + 1)
      }
      return { _tag: "Reply", reply }
    }
    faultCounts[fault]++
    const injection = Faults.injection(fault, faultOptions)
    switch (injection._tag) {
      case "ApiError":
        return {
          _tag: "Reply",
          reply: toReply(error(id, injection.type, injection.message, { headers: injection.headers }))
        }
      case "ProxyPage":
        return {
          _tag: "Reply",
          reply: { status: injection.status, headers: { "content-type": injection.contentType }, body: injection.body }
        }
      case "Reset":
        return { _tag: "Reset" }
      case "Late":
        return { _tag: "Delay", millis: injection.millis, reply: toReply(answerAs(request, id)) }
      case "Truncated": {
        const whole = toReply(answerAs(request, id))
        return { _tag: "Reply", reply: { ...whole, status: 200, body: Faults.truncate(whole.body) } }
      }
    }
  }

  const stats = (): Stats => ({ requests, faults: { ...faultCounts }, pagesServed: new Map(pagesServed) })

  return { answer, respond, stats }
}
