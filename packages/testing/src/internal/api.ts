import { Lifecycle, type ModelInfoEncoded, type ModelsPageEncoded } from "@anthropic-effect/core/ModelInfo"
import * as Duration from "effect/Duration"
import { claudeAliases, claudeModels } from "../Catalogue.js"

/** One request as the API sees it, whatever carried it (memory or a socket). */
export interface ApiRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string | undefined>>
}

/** The API's answer before it is put on the wire. */
export type Answer =
  | { readonly _tag: "Ok"; readonly requestId: string; readonly value: ModelsPageEncoded | ModelInfoEncoded }
  | {
    readonly _tag: "Error"
    readonly requestId: string
    readonly status: number
    readonly type: string
    readonly message: string
    readonly headers?: Readonly<Record<string, string>>
  }

export interface ApiResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * What the transport must do. Resets and delays need the transport's help
 * (drop the socket, fail the in-memory request, sleep on its clock).
 */
export type Outcome =
  | { readonly _tag: "Respond"; readonly response: ApiResponse; readonly fault?: FaultKind }
  | { readonly _tag: "Reset"; readonly fault: FaultKind }
  | {
    readonly _tag: "Delay"
    readonly delay: Duration.Duration
    readonly response: ApiResponse
    readonly fault: FaultKind
  }

/**
 * The faults a mock can inject.
 *
 * - `rate-limit`: 429 `rate_limit_error` with `retry-after-ms` and `retry-after`
 * - `server-error`: 500 `api_error`
 * - `overloaded`: 529 `overloaded_error`
 * - `html-503`: 503 with an HTML body, as a proxy sends
 * - `connection-reset`: the connection drops before any response
 * - `slow`: the right answer, but only after `slowDelay`
 * - `truncated-json`: status 200 with the body cut in half
 */
export const allFaultKinds = [
  "rate-limit",
  "server-error",
  "overloaded",
  "html-503",
  "connection-reset",
  "slow",
  "truncated-json"
] as const

export type FaultKind = typeof allFaultKinds[number]

export interface FaultOptions {
  /** Faults by request number, counted from 1 across all requests. */
  readonly script?: Readonly<Record<number, FaultKind>> | undefined
  /** Faults drawn at random for each request, reproducibly from `seed`. */
  readonly random?: {
    readonly seed: number
    /** Probability of a fault per request, from 0 to 1. */
    readonly rate: number
    /** Default: every kind. */
    readonly kinds?: ReadonlyArray<FaultKind> | undefined
  } | undefined
  /** How long a `slow` response stalls. Default 30 seconds. */
  readonly slowDelay?: Duration.DurationInput | undefined
  /** The `retry-after-ms` of a `rate-limit` fault. Default 20. */
  readonly retryAfterMs?: number | undefined
}

export interface ApiOptions {
  /** The catalogue, newest first. Default: the Claude fixture. */
  readonly models?: ReadonlyArray<ModelInfoEncoded> | undefined
  /** Aliases `retrieve` resolves. Default: the Claude aliases. */
  readonly aliases?: Readonly<Record<string, string>> | undefined
  /** The only key accepted. Default: any non-empty key or bearer token. */
  readonly apiKey?: string | undefined
  readonly faults?: FaultOptions | undefined
}

export interface ApiStats {
  readonly requests: number
  readonly faults: Readonly<Record<FaultKind, number>>
  /** How often each distinct page (cursor, limit, filter) was served with status 200 and a whole body. */
  readonly pagesServed: ReadonlyMap<string, number>
}

/** mulberry32: a small seeded PRNG, so a fault schedule can be replayed from its seed. */
const seededRandom = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const corsHeaders: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, OPTIONS",
  "access-control-allow-headers":
    "x-api-key, authorization, anthropic-version, anthropic-beta, anthropic-workspace-id, " +
    "anthropic-dangerous-direct-browser-access, content-type, accept",
  "access-control-expose-headers": "request-id, retry-after, retry-after-ms, x-should-retry",
  "access-control-max-age": "600"
}

const lifecycleStages: ReadonlySet<string> = new Set(Lifecycle.literals)
const defaultStages = ["active", "deprecated"]

/**
 * The Models API's semantics over a catalogue, with faults. One instance per
 * mock or server; ModelsApiMock and ModelsApiServer both drive this, so they
 * cannot drift apart.
 */
export const makeApi = (options: ApiOptions = {}) => {
  const models = options.models ?? claudeModels
  const aliases = options.aliases ?? claudeAliases
  const byId = new Map(models.map((model) => [model.id, model]))
  const filtered = new Map<string, { list: ReadonlyArray<ModelInfoEncoded>; index: Map<string, number> }>()
  const faults = options.faults ?? {}
  const random = faults.random === undefined ? undefined : seededRandom(faults.random.seed)
  const randomKinds = faults.random?.kinds ?? allFaultKinds
  const slowDelay = Duration.decode(faults.slowDelay ?? Duration.seconds(30))

  let requests = 0
  const faultCounts: Record<FaultKind, number> = {
    "rate-limit": 0,
    "server-error": 0,
    overloaded: 0,
    "html-503": 0,
    "connection-reset": 0,
    slow: 0,
    "truncated-json": 0
  }
  const pagesServed = new Map<string, number>()

  const requestId = (n: number) => `req_mock_${n.toString(36).padStart(8, "0")}`

  const ok = (requestId: string, value: ModelsPageEncoded | ModelInfoEncoded): Answer => ({
    _tag: "Ok",
    requestId,
    value
  })

  const error = (
    status: number,
    requestId: string,
    type: string,
    message: string,
    headers?: Record<string, string>
  ): Answer => ({ _tag: "Error", requestId, status, type, message, ...(headers === undefined ? {} : { headers }) })

  const listOf = (stages: ReadonlyArray<string>) => {
    const key = [...new Set(stages)].sort().join(",")
    let entry = filtered.get(key)
    if (entry === undefined) {
      const wanted = new Set(stages)
      const list = models.filter((model) =>
        wanted.has(typeof model.lifecycle === "string" ? model.lifecycle : "active")
      )
      entry = { list, index: new Map(list.map((model, i) => [model.id, i])) }
      filtered.set(key, entry)
    }
    return entry
  }

  const listModels = (url: URL, id: string): Answer => {
    const query = url.searchParams
    const limitText = query.get("limit")
    const limit = limitText === null ? 20 : Number(limitText)
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return error(400, id, "invalid_request_error", "limit: Input should be less than or equal to 1000 and at least 1")
    }
    const afterId = query.get("after_id")
    const beforeId = query.get("before_id")
    if (afterId !== null && beforeId !== null) {
      return error(400, id, "invalid_request_error", "Cannot specify both before_id and after_id")
    }
    const stages = [...query.getAll("lifecycle[]"), ...query.getAll("lifecycle")]
    if (stages.length > 3 || stages.some((stage) => !lifecycleStages.has(stage))) {
      return error(400, id, "invalid_request_error", "lifecycle: at most 3 of active, deprecated, retired")
    }
    const { index, list } = listOf(stages.length === 0 ? defaultStages : stages)
    let start: number
    let end: number
    if (beforeId !== null) {
      const at = index.get(beforeId)
      if (at === undefined) return error(400, id, "invalid_request_error", `before_id: unknown model ${beforeId}`)
      end = at
      start = Math.max(0, end - limit)
    } else {
      const at = afterId === null ? -1 : index.get(afterId)
      if (at === undefined) return error(400, id, "invalid_request_error", `after_id: unknown model ${afterId}`)
      start = at + 1
      end = Math.min(list.length, start + limit)
    }
    const data = list.slice(start, end)
    const page: ModelsPageEncoded = {
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: beforeId !== null ? start > 0 : end < list.length
    }
    return ok(id, page)
  }

  const retrieveModel = (rawId: string, id: string): Answer => {
    let modelId: string
    try {
      modelId = decodeURIComponent(rawId)
    } catch {
      return error(404, id, "not_found_error", `model: ${rawId}`)
    }
    const model = byId.get(modelId) ?? byId.get(aliases[modelId] ?? "")
    return model === undefined ? error(404, id, "not_found_error", `model: ${modelId}`) : ok(id, model)
  }

  /** The API proper: headers, routes and bodies, without faults. */
  const answer = (request: ApiRequest, id: string): Answer => {
    if (request.method !== "GET") return error(405, id, "invalid_request_error", `Method ${request.method} not allowed`)
    const path = request.url.pathname
    const isModels = path === "/v1/models" || path.startsWith("/v1/models/")
    if (!isModels) return error(404, id, "not_found_error", `Not found: ${path}`)
    const key = request.headers["x-api-key"]
    const bearer = request.headers["authorization"]?.replace(/^Bearer\s+/i, "")
    const credential = key ?? bearer
    if (credential === undefined || credential === "") {
      return error(401, id, "authentication_error", "x-api-key header is required")
    }
    if (options.apiKey !== undefined && credential !== options.apiKey) {
      return error(401, id, "authentication_error", "invalid x-api-key")
    }
    if (request.headers["anthropic-version"] === undefined || request.headers["anthropic-version"] === "") {
      return error(400, id, "invalid_request_error", "anthropic-version: header is required")
    }
    return path === "/v1/models" ? listModels(request.url, id) : retrieveModel(path.slice("/v1/models/".length), id)
  }

  const toResponse = (result: Answer): ApiResponse =>
    result._tag === "Ok"
      ? {
        status: 200,
        headers: { "content-type": "application/json", "request-id": result.requestId },
        body: JSON.stringify(result.value)
      }
      : {
        status: result.status,
        headers: { "content-type": "application/json", "request-id": result.requestId, ...result.headers },
        body: JSON.stringify({
          type: "error",
          error: { type: result.type, message: result.message },
          request_id: result.requestId
        })
      }

  /** The API's answer without faults or wire format, for the service-level test Layer. */
  const query = (request: ApiRequest): Answer => answer(request, requestId(++requests))

  const pickFault = (n: number): FaultKind | undefined => {
    const scripted = faults.script?.[n]
    if (scripted !== undefined) return scripted
    if (random !== undefined && faults.random !== undefined) {
      // Two draws per request whatever happens, so one seed gives one schedule.
      const hit = random() < faults.random.rate
      const kind = randomKinds[Math.floor(random() * randomKinds.length)]
      if (hit) return kind
    }
    return undefined
  }

  const pageKey = (url: URL) =>
    ["after_id", "before_id", "limit"].map((name) => url.searchParams.get(name) ?? "").join("|") + "|" +
    url.searchParams.getAll("lifecycle[]").join(",")

  const handle = (request: ApiRequest): Outcome => {
    const n = ++requests
    const id = requestId(n)
    const fault = pickFault(n)
    if (fault !== undefined) faultCounts[fault]++
    switch (fault) {
      case "rate-limit": {
        const ms = faults.retryAfterMs ?? 20
        return {
          _tag: "Respond",
          fault,
          response: toResponse(error(429, id, "rate_limit_error", "Number of requests has exceeded your rate limit", {
            "retry-after-ms": String(ms),
            "retry-after": String(Math.ceil(ms / 1000))
          }))
        }
      }
      case "server-error":
        return { _tag: "Respond", fault, response: toResponse(error(500, id, "api_error", "Internal server error")) }
      case "overloaded":
        return { _tag: "Respond", fault, response: toResponse(error(529, id, "overloaded_error", "Overloaded")) }
      case "html-503":
        return {
          _tag: "Respond",
          fault,
          response: {
            status: 503,
            headers: { "content-type": "text/html" },
            body: "<html><head><title>503 Service Unavailable</title></head><body>upstream unavailable</body></html>"
          }
        }
      case "connection-reset":
        return { _tag: "Reset", fault }
      case "slow":
        return { _tag: "Delay", fault, delay: slowDelay, response: toResponse(answer(request, id)) }
      case "truncated-json": {
        const whole = toResponse(answer(request, id))
        return {
          _tag: "Respond",
          fault,
          response: { ...whole, status: 200, body: whole.body.slice(0, Math.floor(whole.body.length / 2)) }
        }
      }
      case undefined: {
        const response = toResponse(answer(request, id))
        if (response.status === 200 && request.url.pathname === "/v1/models") {
          const key = pageKey(request.url)
          pagesServed.set(key, (pagesServed.get(key) ?? 0) + 1)
        }
        return { _tag: "Respond", response }
      }
    }
  }

  const stats = (): ApiStats => ({ requests, faults: { ...faultCounts }, pagesServed: new Map(pagesServed) })

  return { handle, query, stats }
}
