/**
 * The runtime acceptance program, written once and run on Node, Bun, Deno and
 * headless Chromium. Each runtime's entry file passes its own `layer` and the
 * URLs of two ModelsApiServer instances started by `scripts/runtimes.ts`:
 *
 * - `apiUrl`: `synthetic(5000)`, no faults;
 * - `retryUrl`: the same, with requests 1 and 2 scripted as 529 `overloaded`.
 *
 * Only `effect`, the core package and the catalogue (pure data, no Node
 * built-ins) are imported here, so the same file bundles for the browser.
 */
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as ModelsErrors from "@anthropic-effect/core/ModelsError"
import type { ModelsError } from "@anthropic-effect/core/ModelsError"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Layer from "effect/Layer"
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

/** Where the two servers listen. */
export interface Target {
  readonly apiUrl: string
  readonly retryUrl: string
}

/** A runtime's `layer`, narrowed to what the checks pass. */
export type MakeLayer = (options: ModelsConfig.Options) => Layer.Layer<Models.Models, ConfigError.ConfigError>

/** One check that did not hold, named so the one-line result says which. */
export class AcceptanceError extends Data.TaggedError("AcceptanceError")<{
  readonly check: string
  readonly message: string
}> {}

const fail = (check: string, message: string) => Effect.fail(new AcceptanceError({ check, message }))

/** A `ModelsError` or `ConfigError` where success was expected, reported under the check's name. */
const describe = (error: ModelsError | ConfigError.ConfigError): string =>
  ConfigError.isConfigError(error) ? `ConfigError: ${String(error)}` : ModelsErrors.describe(error)

/**
 * Runs one check against a layer: bounded in time (a hung runtime must fail,
 * not stall the suite) and with every failure renamed to the check.
 */
const check = <A>(
  name: string,
  layer: Layer.Layer<Models.Models, ConfigError.ConfigError>,
  body: Effect.Effect<A, ModelsError | AcceptanceError, Models.Models>
): Effect.Effect<A, AcceptanceError> =>
  body.pipe(
    Effect.provide(layer),
    Effect.mapError((error) =>
      error instanceof AcceptanceError ? error : new AcceptanceError({ check: name, message: describe(error) })
    ),
    Effect.timeoutFail({
      duration: Duration.seconds(30),
      onTimeout: () => new AcceptanceError({ check: name, message: "no answer within 30 s" })
    })
  )

/**
 * The five checks of issue 4. Succeeds with the one-line summary (without the
 * runtime name and time, which `run` adds).
 */
export const checks = (makeLayer: MakeLayer, target: Target): Effect.Effect<string, AcceptanceError> =>
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
      Effect.flatMap(Effect.either(Models.retrieve("claude-no-such-model")), (result) => {
        if (Either.isRight(result)) return fail("notFound", `retrieved ${result.right.id}`)
        const error = result.left
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
      Effect.flatMap(Effect.either(Models.list({ limit: 1 })), (result) => {
        if (Either.isRight(result)) return fail("retry529", "request 1 was not the scripted 529")
        return result.left._tag === "OverloadedError" && result.left.status === 529
          ? Effect.void
          : fail("retry529", `expected OverloadedError 529, got ${describe(result.left)}`)
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

    return `list=${page.data.length} stream=${streamed} retrieve=ok notFound=ok retry529=ok`
  })

/** The outcome an entry file prints and turns into an exit code. */
export interface Outcome {
  readonly ok: boolean
  readonly line: string
}

/**
 * Runs `checks` plus any runtime-specific extras and formats the one-line
 * result, e.g. `node: ok list=20 stream=5000 retrieve=ok notFound=ok retry529=ok (812 ms)`.
 * Never rejects: a failure is a `FAIL` line, and a defect is reported too.
 */
export const run = (
  runtime: string,
  makeLayer: MakeLayer,
  target: Target,
  extra: Effect.Effect<string, AcceptanceError> = Effect.succeed("")
): Promise<Outcome> => {
  const started = Date.now()
  const elapsed = () => `(${Date.now() - started} ms)`
  return Effect.runPromise(
    Effect.zipWith(checks(makeLayer, target), extra, (summary, more) => more === "" ? summary : `${summary} ${more}`)
      .pipe(
        Effect.match({
          onSuccess: (summary): Outcome => ({ ok: true, line: `${runtime}: ok ${summary} ${elapsed()}` }),
          onFailure: (error): Outcome => ({
            ok: false,
            line: `${runtime}: FAIL ${error.check}: ${error.message} ${elapsed()}`
          })
        }),
        Effect.catchAllDefect((defect) =>
          Effect.succeed<Outcome>({ ok: false, line: `${runtime}: FAIL defect: ${String(defect)} ${elapsed()}` })
        )
      )
  )
}

/** Parses the two URLs from a runtime's command-line arguments. */
export const targetFromArgs = (args: ReadonlyArray<string>): Target | undefined => {
  const [apiUrl, retryUrl] = args
  return apiUrl === undefined || retryUrl === undefined ? undefined : { apiUrl, retryUrl }
}
