/**
 * The Effect 4 edition's runtime acceptance program, written once and run on
 * Node 22, Node 24, Bun, Deno and headless Chromium. Each runtime's entry file
 * passes its own `layer` and the URLs of the servers started by the driver
 * shared with the Effect 3 edition
 * (`packages/platform/scripts/runtimes.ts --edition=4`):
 *
 * - `apiUrl`: a ModelsApiServer with `synthetic(5000)`, no faults;
 * - `retryUrl`: the same, with requests 1 and 2 scripted as 529 `overloaded`;
 * - `redirectSameUrl`: its `/v1/models` redirects (307) within its own origin;
 * - `redirectCrossUrl`: its `/v1/models` redirects (302) to `elsewhereUrl`,
 *   another origin, which must never see a request.
 *
 * Only `effect`, the core package and the catalogue (pure data, no Node
 * built-ins) are imported here, so the same file bundles for the browser.
 *
 * The constants and the `Target` helpers are the Effect 3 program's
 * (`packages/platform/test/acceptance/acceptance.ts`), value for value: the
 * driver serves both editions with them, and its servers' counters fail a run
 * whose program disagrees.
 */
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as ModelsErrors from "@anthropic-effect/core/ModelsError"
import type { ModelsError } from "@anthropic-effect/core/ModelsError"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import type * as Config from "effect/Config"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import * as Stream from "effect/Stream"

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

/** A runtime's `layer`, narrowed to what the checks pass. */
export type MakeLayer = (options: ModelsConfig.Options) => Layer.Layer<Models.Models, Config.ConfigError>

/** One check that did not hold, named so the one-line result says which. */
export class AcceptanceError extends Data.TaggedError("AcceptanceError")<{
  readonly check: string
  readonly message: string
}> {}

const fail = (check: string, message: string) => Effect.fail(new AcceptanceError({ check, message }))

/** A `ModelsError` or `ConfigError` where success was expected, reported under the check's name. */
const describe = (error: ModelsError | Config.ConfigError): string =>
  error._tag === "ConfigError" ? `ConfigError: ${error.message}` : ModelsErrors.describe(error)

/**
 * Runs one check against a layer: bounded in time (a hung runtime must fail,
 * not stall the suite) and with every failure renamed to the check.
 */
const check = <A>(
  name: string,
  layer: Layer.Layer<Models.Models, Config.ConfigError>,
  body: Effect.Effect<A, ModelsError | AcceptanceError, Models.Models>
): Effect.Effect<A, AcceptanceError> =>
  body.pipe(
    Effect.provide(layer),
    Effect.mapError((error) =>
      error instanceof AcceptanceError ? error : new AcceptanceError({ check: name, message: describe(error) })
    ),
    Effect.timeoutOrElse({
      duration: Duration.seconds(30),
      orElse: () => fail(name, "no answer within 30 s")
    })
  )

/**
 * A `RedirectError` with this status and location where one was expected; a
 * success means the runtime's fetch followed the redirect by itself.
 */
const expectRedirectError = <A>(
  name: string,
  result: Result.Result<A, ModelsError>,
  status: number,
  location: string | undefined
): Effect.Effect<void, AcceptanceError> => {
  if (Result.isSuccess(result)) return fail(name, "the redirect was followed")
  const error = result.failure
  if (error._tag !== "RedirectError") return fail(name, `expected RedirectError, got ${describe(error)}`)
  return error.status === status && error.location === location
    ? Effect.void
    : fail(name, `expected RedirectError ${status} to ${location}, got ${describe(error)}`)
}

/**
 * The five checks (list, stream, retrieve, not found, retry) and the two redirect checks. Succeeds with the
 * one-line summary (without the runtime name and time, which `run` adds).
 */
export const checks = (
  makeLayer: MakeLayer,
  target: Target,
  redirects: Redirects = "readable"
): Effect.Effect<string, AcceptanceError> =>
  Effect.gen(function*() {
    const expected = synthetic(CATALOGUE_SIZE)
    const api = makeLayer({ apiKey: API_KEY, baseUrl: target.apiUrl })

    // 1. One page, with the API's default limit of 20.
    const page = yield* check(
      "list",
      api,
      Effect.flatMap(Models.list(), (page) => {
        if (page.data.length !== 20) return fail("list", `expected 20 models, got ${page.data.length}`)
        if (page.data[0]?.id !== expected[0]?.id) return fail("list", `first id is ${page.data[0]?.id}`)
        if (!page.has_more) return fail("list", "has_more is false on the first of many pages")
        return Effect.succeed(page)
      })
    )

    // 2. Every model, page by page; ids must match the catalogue one for one, in order.
    const streamed = yield* check(
      "stream",
      api,
      Effect.gen(function*() {
        let index = 0
        let firstMismatch: string | undefined
        yield* Models.stream({ limit: STREAM_PAGE_SIZE }).pipe(
          Stream.runForEach((model) =>
            Effect.sync(() => {
              const want = expected[index]?.id
              if (firstMismatch === undefined && model.id !== want) {
                firstMismatch = `at ${index}: got ${model.id}, expected ${want}`
              }
              index++
            })
          )
        )
        if (firstMismatch !== undefined) return yield* fail("stream", `out of order ${firstMismatch}`)
        if (index !== CATALOGUE_SIZE) return yield* fail("stream", `expected ${CATALOGUE_SIZE} models, got ${index}`)
        return index
      })
    )

    // 3. One model by id, decoded with its display name.
    const wanted = expected[4242]!
    yield* check(
      "retrieve",
      api,
      Effect.flatMap(
        Models.retrieve(wanted.id),
        (model) =>
          model.id === wanted.id && model.display_name === wanted.display_name
            ? Effect.void
            : fail("retrieve", `got ${model.id} (${model.display_name})`)
      )
    )

    // 4. An unknown id is a NotFoundError carrying the status and request-id
    // (in a browser, request-id is readable only if CORS exposes it).
    yield* check(
      "notFound",
      api,
      Effect.flatMap(Effect.result(Models.retrieve("claude-no-such-model")), (result) => {
        if (Result.isSuccess(result)) return fail("notFound", `retrieved ${result.success.id}`)
        const error = result.failure
        if (error._tag !== "NotFoundError") return fail("notFound", `expected NotFoundError, got ${describe(error)}`)
        if (error.status !== 404) return fail("notFound", `status ${error.status}`)
        if (error.requestId === undefined || !error.requestId.startsWith("req_mock_")) {
          return fail("notFound", `request-id not read: ${error.requestId}`)
        }
        return Effect.void
      })
    )

    // 5. Request 1 on the retry server is a 529: without retries it reaches the
    // program as OverloadedError. Request 2 is a 529 as well, and the client's
    // own retry (request 3) must turn it into a page.
    yield* check(
      "retry529",
      makeLayer({ apiKey: API_KEY, baseUrl: target.retryUrl, maxRetries: 0 }),
      Effect.flatMap(Effect.result(Models.list({ limit: 1 })), (result) => {
        if (Result.isSuccess(result)) return fail("retry529", "request 1 was not the scripted 529")
        return result.failure._tag === "OverloadedError" && result.failure.status === 529
          ? Effect.void
          : fail("retry529", `expected OverloadedError 529, got ${describe(result.failure)}`)
      })
    )
    yield* check(
      "retry529",
      makeLayer({ apiKey: API_KEY, baseUrl: target.retryUrl, maxRetries: 2 }),
      Effect.flatMap(
        Models.list({ limit: 1 }),
        (page) =>
          page.data[0]?.id === expected[0]?.id
            ? Effect.void
            : fail("retry529", `after the retry got ${page.data[0]?.id}`)
      )
    )

    // 6. A redirect within the base URL's origin is followed by the client
    // itself, query and key included (the target refuses a request without the
    // key). A browser hides the redirect, so there it can only be refused.
    const redirectSame = yield* check(
      "redirectSame",
      makeLayer({ apiKey: API_KEY, baseUrl: target.redirectSameUrl }),
      Effect.flatMap(Effect.result(Models.list({ limit: REDIRECT_PAGE_SIZE })), (result) => {
        if (redirects === "opaque") {
          return Effect.as(expectRedirectError("redirectSame", result, 0, undefined), "RedirectError(status 0)")
        }
        if (Result.isFailure(result)) return fail("redirectSame", describe(result.failure))
        const ids = result.success.data.map((model) => model.id).join(",")
        const want = expected.slice(0, REDIRECT_PAGE_SIZE).map((model) => model.id).join(",")
        return ids === want ? Effect.succeed("ok") : fail("redirectSame", `got [${ids}], expected [${want}]`)
      })
    )

    // 7. A redirect to another origin is refused before anything is sent there
    // (the driver checks that the other server saw no request). The error names
    // the origin only, or nothing where the browser hid it.
    yield* check(
      "redirectCross",
      makeLayer({ apiKey: API_KEY, baseUrl: target.redirectCrossUrl }),
      Effect.flatMap(
        Effect.result(Models.list({ limit: REDIRECT_PAGE_SIZE })),
        (result) =>
          redirects === "opaque"
            ? expectRedirectError("redirectCross", result, 0, undefined)
            : expectRedirectError("redirectCross", result, REDIRECT_CROSS_STATUS, new URL(target.elsewhereUrl).origin)
      )
    )

    return `list=${page.data.length} stream=${streamed} retrieve=ok notFound=ok retry529=ok ` +
      `redirectSame=${redirectSame} redirectCross=RedirectError`
  })

/** The outcome an entry file prints and turns into an exit code. */
export interface Outcome {
  readonly ok: boolean
  readonly line: string
}

/** What sets one runtime's run apart. */
export interface RunOptions {
  /** Default `readable`. */
  readonly redirects?: Redirects
  /** Runtime-specific checks, run after the common ones; their summary is appended. */
  readonly extra?: Effect.Effect<string, AcceptanceError>
}

/**
 * Runs `checks` plus any runtime-specific extras and formats the one-line
 * result, e.g. `node: ok list=20 stream=5000 retrieve=ok notFound=ok retry529=ok
 * redirectSame=ok redirectCross=RedirectError (812 ms)`.
 * Never rejects: a failure is a `FAIL` line, and a defect is reported too.
 */
export const run = (
  runtime: string,
  makeLayer: MakeLayer,
  target: Target,
  options: RunOptions = {}
): Promise<Outcome> => {
  const started = Date.now()
  const elapsed = () => `(${Date.now() - started} ms)`
  return Effect.runPromise(
    Effect.zipWith(
      checks(makeLayer, target, options.redirects),
      options.extra ?? Effect.succeed(""),
      (summary, more) => more === "" ? summary : `${summary} ${more}`
    )
      .pipe(
        Effect.match({
          onSuccess: (summary): Outcome => ({ ok: true, line: `${runtime}: ok ${summary} ${elapsed()}` }),
          onFailure: (error): Outcome => ({
            ok: false,
            line: `${runtime}: FAIL ${error.check}: ${error.message} ${elapsed()}`
          })
        }),
        Effect.catchDefect((defect) =>
          Effect.succeed<Outcome>({ ok: false, line: `${runtime}: FAIL defect: ${String(defect)} ${elapsed()}` })
        )
      )
  )
}

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
