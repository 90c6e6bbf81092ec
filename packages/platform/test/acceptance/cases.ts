/**
 * The edition-neutral half of the runtime acceptance program: the constants the
 * driver's servers and both editions' programs must agree on, the verdicts on
 * what each check got back, the summary line and the `Target` helpers. Plain
 * TypeScript (no `effect`, no edition package): each edition's
 * `test/acceptance/acceptance.ts` runs the checks with its own Effect and
 * hands the results here, so the editions cannot drift apart on what a pass is
 * (`packages/platform/scripts/runtimes.ts` serves both with these values).
 * Nothing here touches Node built-ins, so it bundles for the browser too.
 */

/** The only key the servers accept: fake, so a leak would be harmless and visible. */
export const API_KEY = "sk-ant-runtime-FAKE"

/** The size of the catalogue both servers serve. */
export const CATALOGUE_SIZE = 5000

/** Page size for the stream check: 10 pages, so the `after_id` cursor is followed 9 times. */
export const STREAM_PAGE_SIZE = 500

/**
 * The retry server fails these requests with 529: the first shows the error
 * reaches the program with `maxRetries: 0`, the second is retried by the client.
 */
export const RETRY_SCRIPT = { 1: "overloaded", 2: "overloaded" } as const

/** What the retry server must have seen after a passing run: 3 requests, 2 of them 529. */
export const RETRY_EXPECTED = { requests: 3, overloaded: 2 } as const

/** The status of the redirect within one origin, which the client follows (where the runtime shows it one). */
export const REDIRECT_SAME_STATUS = 307

/** The status of the redirect to another origin, which the client refuses. */
export const REDIRECT_CROSS_STATUS = 302

/** The page size the redirect checks ask for, so the followed redirect must have kept the query. */
export const REDIRECT_PAGE_SIZE = 3

/** The id the not-found check asks for; no catalogue has it. */
export const UNKNOWN_MODEL_ID = "claude-no-such-model"

/** The catalogue index the retrieve check asks for, deep enough that it is not on the first page. */
export const RETRIEVE_INDEX = 4242

/** How long one check may take before the runtime counts as hung. */
export const CHECK_TIMEOUT_SECONDS = 30

/** Where the servers listen. */
export interface Target {
  readonly apiUrl: string
  readonly retryUrl: string
  readonly redirectSameUrl: string
  readonly redirectCrossUrl: string
  readonly elsewhereUrl: string
}

/**
 * How a runtime's fetch hands a redirect to the client: `readable`, with its
 * status and `Location`, or `opaque`, as a browser's `redirect: "manual"`
 * does (status 0, no headers), which the client can only refuse.
 */
export type Redirects = "readable" | "opaque"

/** The parts of a model the verdicts read: a catalogue entry or a decoded `ModelInfo` of either edition. */
export interface ModelView {
  readonly id: string
  readonly display_name: string
}

/** The parts of a page the verdicts read. */
export interface PageView {
  readonly data: ReadonlyArray<ModelView>
  readonly has_more: boolean
}

/** The parts of a `ModelsError` the verdicts read; every member of either edition's union fits. */
export interface ErrorView {
  readonly _tag: string
  readonly status?: number | undefined
  readonly requestId?: string | undefined
  readonly location?: string | undefined
}

/**
 * An effect's outcome as plain data, so the verdicts need neither edition's
 * `Either` nor `Result`: each edition builds it with `Effect.match`.
 */
export type Settled<A, E> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: E }

/** A verdict on a value: `undefined` when the check held, else what went wrong. */
type Problem = string | undefined

/** Names an error in a problem; the edition's own, since it also names its `ConfigError`. */
export type Describe<E> = (error: E) => string

/** What a step's result came to: a pass, with what it adds to the summary line, or a problem. */
export type Verdict =
  | { readonly ok: true; readonly token?: string }
  | { readonly ok: false; readonly problem: string }

/** The client a step calls through: the edition's `layer` with the fake key and these options. */
export interface ClientOptions {
  readonly baseUrl: string
  readonly maxRetries?: number
}

interface StepBase {
  /** The check's name, which a failure is reported under. */
  readonly check: string
  readonly client: ClientOptions
}

/**
 * One call through the public API and the verdict on how it settled. The
 * edition performs the call with its own Effect (`Models.list`,
 * `Models.stream` fed to `see` model by model, `Models.retrieve`), bounded by
 * `CHECK_TIMEOUT_SECONDS`, and hands the outcome to `judge`.
 */
export type Step<E> =
  | StepBase & {
    readonly _tag: "List"
    readonly params: { readonly limit?: number }
    readonly judge: (result: Settled<PageView, E>) => Verdict
  }
  | StepBase & {
    readonly _tag: "Stream"
    readonly limit: number
    readonly see: (model: ModelView) => void
    readonly judge: (result: Settled<void, E>) => Verdict
  }
  | StepBase & {
    readonly _tag: "Retrieve"
    readonly id: string
    readonly judge: (result: Settled<ModelView, E>) => Verdict
  }

const verdict = (problem: Problem, token?: string): Verdict =>
  problem !== undefined ? { ok: false, problem } : token === undefined ? { ok: true } : { ok: true, token }

/** A success judged by `onValue`; a failure where success was expected is the error, described. */
const expectSuccess = <A, E>(
  result: Settled<A, E>,
  describe: Describe<E>,
  onValue: (value: A) => Problem,
  token?: string
): Verdict => result.ok ? verdict(onValue(result.value), token) : { ok: false, problem: describe(result.error) }

/** Counts the streamed models and keeps the first one out of catalogue order. */
class StreamTally {
  private index = 0
  private firstMismatch: string | undefined
  constructor(private readonly expected: ReadonlyArray<ModelView>) {}

  readonly see = (model: ModelView): void => {
    const want = this.expected[this.index]?.id
    if (this.firstMismatch === undefined && model.id !== want) {
      this.firstMismatch = `at ${this.index}: got ${model.id}, expected ${want}`
    }
    this.index++
  }

  get count(): number {
    return this.index
  }

  problem(): Problem {
    if (this.firstMismatch !== undefined) return `out of order ${this.firstMismatch}`
    if (this.index !== CATALOGUE_SIZE) return `expected ${CATALOGUE_SIZE} models, got ${this.index}`
    return undefined
  }
}

/**
 * A `RedirectError` with this status and location where one was expected; a
 * success means the runtime's fetch followed the redirect by itself.
 */
const expectRedirectError = <E extends ErrorView>(
  result: Settled<unknown, E>,
  status: number,
  location: string | undefined,
  describe: Describe<E>
): Problem => {
  if (result.ok) return "the redirect was followed"
  const error = result.error
  if (error._tag !== "RedirectError") return `expected RedirectError, got ${describe(error)}`
  return error.status === status && error.location === location
    ? undefined
    : `expected RedirectError ${status} to ${location}, got ${describe(error)}`
}

/**
 * The five checks (list, stream, retrieve, not found, retry) and the two
 * redirect checks, in order, against `expected` (the `synthetic(CATALOGUE_SIZE)`
 * catalogue the servers serve). Fresh for each run: the stream step counts.
 * The passing steps' tokens, joined with spaces, are the summary line.
 */
export const steps = <E extends ErrorView>(
  target: Target,
  redirects: Redirects,
  expected: ReadonlyArray<ModelView>,
  describe: Describe<E>
): ReadonlyArray<Step<E>> => {
  const api = { baseUrl: target.apiUrl }
  const tally = new StreamTally(expected)
  const wanted = expected[RETRIEVE_INDEX]!
  return [
    // 1. One page, with the API's default limit of 20.
    {
      _tag: "List",
      check: "list",
      client: api,
      params: {},
      judge: (result) =>
        expectSuccess(result, describe, (page) => {
          if (page.data.length !== 20) return `expected 20 models, got ${page.data.length}`
          if (page.data[0]?.id !== expected[0]?.id) return `first id is ${page.data[0]?.id}`
          if (!page.has_more) return "has_more is false on the first of many pages"
          return undefined
        }, "list=20")
    },
    // 2. Every model, page by page; ids must match the catalogue one for one, in order.
    {
      _tag: "Stream",
      check: "stream",
      client: api,
      limit: STREAM_PAGE_SIZE,
      see: tally.see,
      judge: (result) =>
        result.ok
          ? verdict(tally.problem(), `stream=${tally.count}`)
          : { ok: false, problem: describe(result.error) }
    },
    // 3. One model by id, decoded with its display name.
    {
      _tag: "Retrieve",
      check: "retrieve",
      client: api,
      id: wanted.id,
      judge: (result) =>
        expectSuccess(
          result,
          describe,
          (model) =>
            model.id === wanted.id && model.display_name === wanted.display_name
              ? undefined
              : `got ${model.id} (${model.display_name})`,
          "retrieve=ok"
        )
    },
    // 4. An unknown id is a NotFoundError carrying the status and request-id
    // (in a browser, request-id is readable only if CORS exposes it).
    {
      _tag: "Retrieve",
      check: "notFound",
      client: api,
      id: UNKNOWN_MODEL_ID,
      judge: (result) => {
        if (result.ok) return verdict(`retrieved ${result.value.id}`)
        const error = result.error
        if (error._tag !== "NotFoundError") return verdict(`expected NotFoundError, got ${describe(error)}`)
        if (error.status !== 404) return verdict(`status ${error.status}`)
        if (error.requestId === undefined || !error.requestId.startsWith("req_mock_")) {
          return verdict(`request-id not read: ${error.requestId}`)
        }
        return verdict(undefined, "notFound=ok")
      }
    },
    // 5. Request 1 on the retry server is a 529: without retries it reaches the
    // program as OverloadedError. Request 2 is a 529 as well, and the client's
    // own retry (request 3) must turn it into a page.
    {
      _tag: "List",
      check: "retry529",
      client: { baseUrl: target.retryUrl, maxRetries: 0 },
      params: { limit: 1 },
      judge: (result) => {
        if (result.ok) return verdict("request 1 was not the scripted 529")
        return verdict(
          result.error._tag === "OverloadedError" && result.error.status === 529
            ? undefined
            : `expected OverloadedError 529, got ${describe(result.error)}`
        )
      }
    },
    {
      _tag: "List",
      check: "retry529",
      client: { baseUrl: target.retryUrl, maxRetries: 2 },
      params: { limit: 1 },
      judge: (result) =>
        expectSuccess(
          result,
          describe,
          (page) => page.data[0]?.id === expected[0]?.id ? undefined : `after the retry got ${page.data[0]?.id}`,
          "retry529=ok"
        )
    },
    // 6. A redirect within the base URL's origin is followed by the client
    // itself, query and key included (the target refuses a request without the
    // key). A browser hides the redirect, so there it can only be refused.
    {
      _tag: "List",
      check: "redirectSame",
      client: { baseUrl: target.redirectSameUrl },
      params: { limit: REDIRECT_PAGE_SIZE },
      judge: (result) => {
        if (redirects === "opaque") {
          return verdict(expectRedirectError(result, 0, undefined, describe), "redirectSame=RedirectError(status 0)")
        }
        const want = expected.slice(0, REDIRECT_PAGE_SIZE).map((model) => model.id).join(",")
        return expectSuccess(result, describe, (page) => {
          const ids = page.data.map((model) => model.id).join(",")
          return ids === want ? undefined : `got [${ids}], expected [${want}]`
        }, "redirectSame=ok")
      }
    },
    // 7. A redirect to another origin is refused before anything is sent there
    // (the driver checks that the other server saw no request). The error names
    // the origin only, or nothing where the browser hid it.
    {
      _tag: "List",
      check: "redirectCross",
      client: { baseUrl: target.redirectCrossUrl },
      params: { limit: REDIRECT_PAGE_SIZE },
      judge: (result) =>
        verdict(
          redirects === "opaque"
            ? expectRedirectError(result, 0, undefined, describe)
            : expectRedirectError(result, REDIRECT_CROSS_STATUS, new URL(target.elsewhereUrl).origin, describe),
          "redirectCross=RedirectError"
        )
    }
  ]
}

/** The summary with a runtime's extra checks' summary appended, if they have one. */
export const withExtra = (summary: string, extra: string): string => extra === "" ? summary : `${summary} ${extra}`

/** The outcome an entry file prints and turns into an exit code. */
export interface Outcome {
  readonly ok: boolean
  readonly line: string
}

/** `<runtime>: ok <summary> (<ms> ms)`, the line the driver reads. */
export const passed = (runtime: string, summary: string, elapsedMs: number): Outcome => ({
  ok: true,
  line: `${runtime}: ok ${summary} (${elapsedMs} ms)`
})

/** `<runtime>: FAIL <check>: <message> (<ms> ms)`; a defect is reported under the check name `defect`. */
export const failed = (runtime: string, check: string, message: string, elapsedMs: number): Outcome => ({
  ok: false,
  line: `${runtime}: FAIL ${check}: ${message} (${elapsedMs} ms)`
})

/** The target's URLs in the order of the command line, and the names of the page's query parameters. */
const targetKeys = ["apiUrl", "retryUrl", "redirectSameUrl", "redirectCrossUrl", "elsewhereUrl"] as const

/** What an entry file's usage line lists after its name. */
export const TARGET_USAGE = targetKeys.map((key) => `<${key}>`).join(" ")

/** The command-line arguments `targetFromArgs` reads. */
export const targetToArgs = (target: Target): ReadonlyArray<string> => targetKeys.map((key) => target[key])

/** Parses the URLs from a runtime's command-line arguments (or the page's query, in `targetKeys` order). */
export const targetFromArgs = (args: ReadonlyArray<string | undefined>): Target | undefined => {
  const [apiUrl, retryUrl, redirectSameUrl, redirectCrossUrl, elsewhereUrl] = args
  return apiUrl === undefined || retryUrl === undefined || redirectSameUrl === undefined ||
      redirectCrossUrl === undefined || elsewhereUrl === undefined
    ? undefined
    : { apiUrl, retryUrl, redirectSameUrl, redirectCrossUrl, elsewhereUrl }
}

/** The page's query string for the browser entry. */
export const targetToQuery = (target: Target): URLSearchParams =>
  new URLSearchParams(targetKeys.map((key) => [key, target[key]]))

/** The target from the page's query string, if every URL is there. */
export const targetFromQuery = (params: URLSearchParams): Target | undefined =>
  targetFromArgs(targetKeys.map((key) => params.get(key) ?? undefined))
