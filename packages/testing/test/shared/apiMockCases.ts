/**
 * The ModelsApiMock suite's cases shared by both editions:
 * packages/testing/test/ModelsApiMock.test.ts (Effect 3) and
 * effect4/packages/testing/test/ModelsApiMock.test.ts (Effect 4) drive the
 * real client over the in-memory mock with their own Effect and TestClock,
 * and hand what they saw to the checks here.
 */
import { type Assert, type Identified, ids } from "./assert.js"

export const KEY = "sk-ant-mock-FAKE-1"
export const WRONG_KEY = "sk-ant-wrong"
export const BASE_URL = "https://api.anthropic.com"
export const CATALOGUE_SIZE = 250
/** The page size of the whole-catalogue stream: 250 models in 3 requests. */
export const STREAM_LIMIT = 100

export const names = {
  streams: "the real client streams the whole catalogue through it",
  wrongKey: "a wrong key is a 401 authentication_error with a request id",
  missingHeaders: "a missing key is 401 and a missing anthropic-version is 400",
  retrieve: "retrieve resolves ids and aliases, and 404s unknown ones",
  fault: (fault: string, tag: string) =>
    `a scripted ${fault} fails with ${tag} without retries, and is survived with them`,
  random: "random faults are reproducible from the seed"
} as const

/** The whole catalogue came through, in 3 requests, each with the API version. */
export const checkStreamed = (
  streamed: ReadonlyArray<Identified>,
  requests: ReadonlyArray<{ readonly headers: Readonly<Record<string, string>> }>,
  models: ReadonlyArray<Identified>,
  assert: Assert
): void => {
  assert.deepStrictEqual(ids(streamed), ids(models))
  assert.strictEqual(requests.length, 3)
  assert.strictEqual(requests[0]!.headers["anthropic-version"], "2023-06-01")
}

/** The parts of a `ModelsError` the checks read. */
export interface ErrorView {
  readonly _tag: string
  readonly status?: number | undefined
  readonly requestId?: string | undefined
}

export const checkWrongKey = (error: ErrorView, assert: Assert): void => {
  assert.strictEqual(error._tag, "AuthenticationError")
  assert.strictEqual(error.status, 401)
  assert.match(error.requestId ?? "", /^req_mock_/)
}

/** Each fault, and the error it is without retries. */
export const FAULT_TAGS = [
  ["rate-limit", "RateLimitError"],
  ["server-error", "APIError"],
  ["overloaded", "OverloadedError"],
  ["html-503", "UnknownApiError"],
  ["connection-reset", "ConnectionError"],
  ["slow", "RequestTimeoutError"],
  ["truncated-json", "MalformedResponseError"]
] as const

/** How the fault cases script the mock and set the client; the runner moves the TestClock by `clock`. */
export const faultCase = {
  slowDelay: "5 seconds",
  failing: { maxRetries: 0, timeout: "1 second" },
  failingClock: "10 seconds",
  surviving: { timeout: "1 second" },
  survivingClock: "30 seconds"
} as const

/** Random faults at 30% from one seed, outlasted by 10 retries. */
export const randomCase = {
  faults: { random: { seed: 42, rate: 0.3 }, slowDelay: "5 seconds" },
  client: { maxRetries: 10, timeout: "1 second" },
  limit: 10,
  clock: "10 minutes"
} as const

/** What one run of the random-fault stream got, and the mock's counters after it. */
export interface RandomRun {
  readonly size: number
  readonly faults: Readonly<Record<string, number>>
  readonly pagesServed: ReadonlyMap<string, number>
}

export const checkRandomRuns = (first: RandomRun, second: RandomRun, assert: Assert): void => {
  assert.strictEqual(first.size, CATALOGUE_SIZE)
  assert.strictEqual(second.size, CATALOGUE_SIZE)
  assert.deepStrictEqual(first.faults, second.faults)
  assert.isAbove(Object.values(first.faults).reduce((a, b) => a + b, 0), 0)
  // no page was served whole twice
  assert.isTrue([...first.pagesServed.values()].every((count) => count === 1))
}
