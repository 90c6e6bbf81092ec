/**
 * The ModelsApiServer suite's cases shared by both editions:
 * packages/testing/test/ModelsApiServer.test.ts (Effect 3) and
 * effect4/packages/testing/test/ModelsApiServer.test.ts (Effect 4) start the
 * server with their own Effect and hand its URL and counters here. The CORS
 * checks speak plain `fetch`, so they live here whole.
 */
import type { Assert } from "./assert.js"

export const KEY = "sk-ant-server-FAKE-1"

/** The big stream: 100,000 models in pages of 1,000 over one keep-alive connection (two at the most). */
export const BIG_STREAM = { size: 100_000, limit: 1000, pages: 100, maxConnections: 2 } as const

export const names = {
  bigStream: "streams 100,000 models in pages of 1,000 over loopback, each exactly once, in order",
  cors: "answers CORS preflights and exposes request-id",
  retryHeaders: "preflights allow every header the client sends; every response lets a page read the retry headers",
  connectionReset: "a connection reset is a ConnectionError, and a retry gets the page",
  slow: "a slow response past the timeout is a RequestTimeoutError, and the socket is released"
} as const

/** What the runner's drain of the big stream and the server's counters showed. */
export interface BigStreamSeen {
  readonly succeeded: boolean
  readonly received: number
  readonly wrong: number
  readonly pagesServed: number
  readonly connections: number
}

export const checkBigStream = (seen: BigStreamSeen, assert: Assert): void => {
  assert.isTrue(seen.succeeded)
  assert.strictEqual(seen.received, BIG_STREAM.size)
  assert.strictEqual(seen.wrong, 0)
  assert.strictEqual(seen.pagesServed, BIG_STREAM.pages)
  // one keep-alive connection carried all 100 pages
  assert.isAtMost(seen.connections, BIG_STREAM.maxConnections)
}

/** A preflight from a dev server's page, then a keyed request whose `request-id` the page may read. */
export const checkCors = async (url: string, assert: Assert): Promise<void> => {
  const preflight = await fetch(`${url}/v1/models`, {
    method: "OPTIONS",
    headers: {
      origin: "http://localhost:5173",
      "access-control-request-method": "GET",
      "access-control-request-headers": "x-api-key,anthropic-version,anthropic-dangerous-direct-browser-access"
    }
  })
  assert.strictEqual(preflight.status, 204)
  assert.strictEqual(preflight.headers.get("access-control-allow-origin"), "*")
  assert.include(
    preflight.headers.get("access-control-allow-headers") ?? "",
    "anthropic-dangerous-direct-browser-access"
  )
  const response = await fetch(`${url}/v1/models`, { headers: { "x-api-key": KEY, "anthropic-version": "2023-06-01" } })
  assert.strictEqual(response.status, 200)
  assert.include(response.headers.get("access-control-expose-headers") ?? "", "request-id")
  assert.match(response.headers.get("request-id") ?? "", /^req_mock_/)
}

/** Request 2 is a 429, so the retry-headers case sees one refused key and one rate limit. */
export const RETRY_HEADERS_FAULTS = { script: { 2: "rate-limit" } } as const

const splitList = (header: string | null): ReadonlyArray<string> => (header ?? "").split(",").map((name) => name.trim())

/** Every header the client may send passes the preflight (which the mock never counts: the runner checks that). */
export const checkPreflightAllowsClientHeaders = async (url: string, assert: Assert): Promise<void> => {
  const sent = [
    "x-api-key",
    "anthropic-version",
    "anthropic-beta",
    "anthropic-workspace-id",
    "anthropic-dangerous-direct-browser-access",
    "authorization",
    "content-type",
    "accept"
  ]
  const preflight = await fetch(`${url}/v1/models/claude-sonnet-4-5`, {
    method: "OPTIONS",
    headers: {
      origin: "https://app.example",
      "access-control-request-method": "GET",
      "access-control-request-headers": sent.join(",")
    }
  })
  assert.strictEqual(preflight.status, 204)
  const allowed = splitList(preflight.headers.get("access-control-allow-headers"))
  for (const header of sent) assert.include(allowed, header)
  assert.include(preflight.headers.get("access-control-allow-methods") ?? "", "GET")
  assert.strictEqual(preflight.headers.get("access-control-max-age"), "600")
}

/** A 401 and the scripted 429 both let a page read the retry headers. */
export const checkErrorsExposeRetryHeaders = async (url: string, assert: Assert): Promise<void> => {
  const headers = { origin: "https://app.example", "x-api-key": KEY, "anthropic-version": "2023-06-01" }
  const wrongKey = await fetch(`${url}/v1/models`, { headers: { ...headers, "x-api-key": "sk-other" } })
  const limited = await fetch(`${url}/v1/models`, { headers })
  assert.strictEqual(wrongKey.status, 401)
  assert.strictEqual(limited.status, 429)
  for (const response of [wrongKey, limited]) {
    assert.strictEqual(response.headers.get("access-control-allow-origin"), "*")
    const exposed = splitList(response.headers.get("access-control-expose-headers"))
    for (const header of ["request-id", "retry-after", "retry-after-ms", "x-should-retry"]) {
      assert.include(exposed, header)
    }
  }
  assert.strictEqual(limited.headers.get("retry-after-ms"), "20")
}

/** Requests 1 and 3 are reset: 1 fails without retries, 2 passes, 3 is retried into a page. */
export const CONNECTION_RESET_FAULTS = { script: { 1: "connection-reset", 3: "connection-reset" } } as const

export const checkConnectionReset = (
  seen: { readonly failedTag: string; readonly retriedPageSize: number; readonly resets: number | undefined },
  assert: Assert
): void => {
  assert.strictEqual(seen.failedTag, "ConnectionError")
  assert.isTrue(seen.retriedPageSize > 0)
  assert.strictEqual(seen.resets, 2)
}

/** Request 1 sleeps far past the client's timeout. */
export const SLOW_FAULTS = { script: { 1: "slow" }, slowDelay: "5 seconds" } as const
export const SLOW_CLIENT = { maxRetries: 0, timeout: "200 millis" } as const
