/**
 * The hostile-server suite's cases, as data both editions run: each case is a
 * server script, one call through the public API, and the outcome expected
 * of it. Plain TypeScript (node:http through ./server.ts, node:assert through
 * ./assert.ts), no Effect: `packages/platform/test/hostile.test.ts` (Effect 3)
 * and `effect4/packages/platform/test/hostile.test.ts` (Effect 4) are thin
 * runners that start the servers, build the layer, run the call, turn its
 * `Exit` into an `Outcome` and hand it to `verify`.
 *
 * Each case is a row of one of the group tables below (redirects, size limit,
 * error text, error class, retries, retry-after, cursors and data, broken
 * bodies and HTTP, __proto__) and runs once per layer (undici and fetch);
 * where the transports differ by design (undici does not decompress) the row
 * says so with `byLayer`. Every run asserts, besides the case's own outcome:
 * - the outcome is a value or a tagged failure, never a defect;
 * - it came within the case's time bound;
 * - no error text (`JSON.stringify`, `String`, `Cause.pretty`, `message`)
 *   contains the fake key or token, and message, details and body preview are
 *   bounded;
 * - the second server, a different origin, received nothing;
 * - `Object.prototype` is untouched.
 */
import { assert } from "./assert.js"
import * as F from "./fixtures.js"
import * as S from "./server.js"

export const KEY = "sk-ant-api03-FAKE-hostile-5b1d"
export const TOKEN = "sk-ant-oat01-FAKE-hostile-token-77c2"
const SECRETS = [KEY, TOKEN]
const REDACTED = "<redacted>"

/** "About 4 KB" and "about 512 characters", with room for an ellipsis or a short suffix. */
const MESSAGE_BOUND = 4 * 1024 + 128
const DETAILS_BOUND = 4 * 1024 + 128
const BODY_BOUND = 512 + 16

const DEFAULT_LIMIT = 33_554_432
const MiB = F.MiB

// ---------------------------------------------------------------------------
// What a runner provides, and what it gets back
// ---------------------------------------------------------------------------

/** The two transports every case runs on. */
export type LayerName = "node" | "fetch"

/** What differs between the editions' values: their `Duration`s. */
export interface Edition {
  /** The milliseconds of an edition's `Duration`, or `undefined` when `u` is none. */
  readonly durationMillis: (u: unknown) => number | undefined
  /** The edition's `Duration.format`. */
  readonly formatDuration: (u: unknown) => string
}

export interface Ctx {
  readonly layer: LayerName
  readonly edition: Edition
  /** The server the client is configured for. */
  readonly api: S.TestServer
  /** Another origin (same host, another port). Every case asserts it received nothing. */
  readonly other: S.TestServer
}

export type Fields = Readonly<Record<string | symbol, unknown>>

export const isFields = (u: unknown): u is Fields => typeof u === "object" && u !== null

const field = (u: unknown, name: string): unknown => isFields(u) ? u[name] : undefined

/** Duration options as text, which `Duration.DurationInput` (3) and `Duration.Input` (4) both read. */
export type DurationText = `${number} millis` | `${number} seconds`

/**
 * The layer options a case may set, in terms both editions' `ModelsConfig.Options`
 * take; the base URL is always the case's server. `retries` is an immediate
 * retry schedule, `Schedule.recurs(retries)`.
 */
export interface CaseOptions {
  readonly apiKey?: string | undefined
  readonly authToken?: string | undefined
  readonly maxRetries?: number | undefined
  readonly retries?: number | undefined
  readonly timeout?: DurationText | undefined
  readonly maxRetryAfter?: DurationText | undefined
  readonly maxResponseBytes?: number | undefined
}

/** The case's options merged over `{ apiKey: KEY, maxRetries: 0 }`. */
export const caseOptions = (options: CaseOptions | undefined): CaseOptions => ({
  apiKey: KEY,
  maxRetries: 0,
  ...options
})

/** The call a case makes through the public API. */
export type Call =
  | { readonly _tag: "List" }
  | { readonly _tag: "Retrieve"; readonly id: string }
  /** `Models.stream(params)`, collected to its ids. */
  | { readonly _tag: "Stream"; readonly params?: StreamParams | undefined }
  /** `Models.retrieve(id)` `times` times in a row, each settled (`Effect.either`/`Effect.result`). */
  | { readonly _tag: "RetrieveEach"; readonly id: string; readonly times: number }

export interface StreamParams {
  readonly afterId?: string
  readonly beforeId?: string
}

/** One settled call of `RetrieveEach`; a failure comes with its `Cause.pretty`. */
export type Settled =
  | { readonly _tag: "Value"; readonly value: unknown }
  | { readonly _tag: "Failure"; readonly error: unknown; readonly pretty: string }

/** A run's result as the runner saw it. */
export type Outcome =
  | { readonly _tag: "Value"; readonly value: unknown }
  /** The first failure in the cause, its `Cause.pretty`, and whether the cause also holds a defect. */
  | { readonly _tag: "Failure"; readonly error: unknown; readonly pretty: string; readonly defect: boolean }
  /** A cause with no failure in it (a defect, an interruption). */
  | { readonly _tag: "NoFailure"; readonly pretty: string }

/** What a value check sees: the parts of a page or a model the cases read. */
export interface ModelView {
  readonly id: string
  readonly capabilities?: unknown
}

export interface PageView {
  readonly data: ReadonlyArray<ModelView>
}

const isModel = (u: unknown): u is ModelView => isFields(u) && typeof u.id === "string"

const isPage = (u: unknown): u is PageView =>
  isFields(u) && Array.isArray(u.data) && u.data.every((model: unknown) => isModel(model))

const isSettled = (u: unknown): u is Settled =>
  isFields(u) && (u._tag === "Value" || (u._tag === "Failure" && typeof u.pretty === "string"))

/** A call and how its value is read back (a failed check if the value has another shape). */
interface Op<A> {
  readonly call: Call
  readonly read: (u: unknown) => A
}

const reading = <A>(what: string, is: (u: unknown) => u is A) => (u: unknown): A =>
  is(u) ? u : assert.fail(`expected ${what}, got ${String(u)}`)

const list: Op<PageView> = { call: { _tag: "List" }, read: reading("a page", isPage) }

const retrieve = (id: string): Op<ModelView> => ({ call: { _tag: "Retrieve", id }, read: reading("a model", isModel) })

const stream = (params?: StreamParams): Op<ReadonlyArray<string>> => ({
  call: { _tag: "Stream", params },
  read: reading(
    "an array of ids",
    (u): u is ReadonlyArray<string> => Array.isArray(u) && u.every((id: unknown) => typeof id === "string")
  )
})

const retrieveEach = (id: string, times: number): Op<ReadonlyArray<Settled>> => ({
  call: { _tag: "RetrieveEach", id, times },
  read: reading(
    "an array of settled calls",
    (u): u is ReadonlyArray<Settled> => Array.isArray(u) && u.every((one: unknown) => isSettled(one))
  )
})

// ---------------------------------------------------------------------------
// The table's vocabulary
// ---------------------------------------------------------------------------

type Expect<A> =
  | { readonly _tag: "Value"; readonly check?: (value: A, ctx: Ctx) => void }
  | {
    readonly _tag: "Failure"
    readonly error: string
    readonly fields?: Fields
    readonly check?: (error: Fields, ctx: Ctx) => void
  }
  | { readonly _tag: "OneOf"; readonly outcomes: ReadonlyArray<Expect<A>> }

const value = <A>(check?: (value: A, ctx: Ctx) => void): Expect<A> =>
  check ? { _tag: "Value", check } : { _tag: "Value" }

const fails = <A = unknown>(error: string, fields?: Fields, check?: (error: Fields, ctx: Ctx) => void): Expect<A> => ({
  _tag: "Failure",
  error,
  ...(fields ? { fields } : {}),
  ...(check ? { check } : {})
})

const oneOf = <A>(...outcomes: ReadonlyArray<Expect<A>>): Expect<A> => ({ _tag: "OneOf", outcomes })

/** A different expectation per layer, where the transports differ by design. */
const byLayer = <A>(per: { readonly node: Expect<A>; readonly fetch: Expect<A> }) => (ctx: Ctx): Expect<A> =>
  per[ctx.layer]

interface CaseSpec<A> {
  readonly name: string
  /** The API server's handler; it may use the other origin (to redirect there). */
  readonly server: (setup: { readonly other: S.TestServer }) => S.Handler
  /** What the client does, through the public API. */
  readonly run: Op<A>
  readonly expect: Expect<NoInfer<A>> | ((ctx: Ctx) => Expect<NoInfer<A>>)
  /** Merged over `{ apiKey: KEY, maxRetries: 0 }`. */
  readonly options?: CaseOptions
  /** A path prefix for the base URL (default none). */
  readonly basePath?: string
  /** How many requests the API server must have received. */
  readonly requests?: number | ((ctx: Ctx) => number)
  /** The run must finish within this many milliseconds (default 5 000). */
  readonly within?: number
  /** … and not before this many (to tell a backoff or a timeout happened). */
  readonly atLeast?: number
  readonly after?: (ctx: Ctx) => void
}

/** One row, as a runner sees it. */
export interface Case {
  readonly name: string
  /** The API server's handler, given the other origin's server. */
  readonly server: (setup: { readonly other: S.TestServer }) => S.Handler
  readonly call: Call
  /** The options to merge with `caseOptions`. */
  readonly options: CaseOptions | undefined
  /** Appended to the API server's origin to make the base URL. */
  readonly basePath: string
  /** Every check of the run: the case's own and the ones made on every run. */
  readonly verify: (ctx: Ctx, outcome: Outcome, elapsedMillis: number) => void
}

/** The other origin answers like the API would, so following a redirect there would "work". */
export const otherServer: S.Handler = (exchange) => S.sendJson(exchange, 200, F.page(["claude-elsewhere"]))

// ---------------------------------------------------------------------------
// Checks made on every run
// ---------------------------------------------------------------------------

const texts = (error: Fields, pretty: string): ReadonlyArray<readonly [string, string]> => [
  ["JSON.stringify(error)", JSON.stringify(error)],
  ["String(error)", String(error)],
  ["Cause.pretty", pretty],
  ["error.message", String(error.message)]
]

const assertNoSecret = (error: Fields, pretty: string): void => {
  for (const [where, text] of texts(error, pretty)) {
    for (const secret of SECRETS) {
      const at = text.indexOf(secret)
      if (at >= 0) {
        assert.fail(`${where} contains a secret: …${text.slice(Math.max(0, at - 60), at + secret.length + 20)}…`)
      }
    }
  }
}

const assertBounded = (error: Fields): void => {
  assert.isString(error.message)
  if (typeof error.message === "string") {
    assert.isAtMost(error.message.length, MESSAGE_BOUND, "error.message is longer than about 4 KB")
  }
  if (error.body !== undefined) {
    assert.isString(error.body)
    if (typeof error.body === "string") assert.isAtMost(error.body.length, BODY_BOUND, "error.body is too long")
  }
  if (error.details !== undefined) {
    assert.isAtMost(JSON.stringify(error.details).length, DETAILS_BOUND, "error.details is longer than about 4 KB")
  }
}

const prototypeNames = ["polluted", "isAdmin", "supported", "smuggled"]

const assertPrototypeClean = (): void => {
  assert.deepStrictEqual(Object.keys(Object.prototype), [], "Object.prototype gained enumerable keys")
  for (const name of prototypeNames) assert.isFalse(name in Object.prototype, `Object.prototype.${name} appeared`)
}

const describeOutcome = (outcome: Outcome): string =>
  outcome._tag === "Value"
    ? "a value"
    : outcome._tag === "NoFailure"
    ? `no failure: ${outcome.pretty}`
    : isFields(outcome.error)
    ? `${String(outcome.error._tag)}: ${String(outcome.error.message)}`
    : String(outcome.error)

const checkOutcome = <A>(expect: Expect<A>, outcome: Outcome, read: (u: unknown) => A, ctx: Ctx): void => {
  switch (expect._tag) {
    case "Value": {
      if (outcome._tag !== "Value") assert.fail(`expected a value, got ${describeOutcome(outcome)}`)
      else expect.check?.(read(outcome.value), ctx)
      return
    }
    case "Failure": {
      if (outcome._tag === "Value") return assert.fail(`expected ${expect.error}, got a value`)
      const error = outcome._tag === "Failure" ? outcome.error : undefined
      if (!isFields(error)) return assert.fail(`expected ${expect.error}, got ${describeOutcome(outcome)}`)
      assert.strictEqual(error._tag, expect.error, `expected ${expect.error}, got ${describeOutcome(outcome)}`)
      for (const [name, wanted] of Object.entries(expect.fields ?? {})) {
        assert.deepStrictEqual(error[name], wanted, `${expect.error}.${name}`)
      }
      expect.check?.(error, ctx)
      return
    }
    case "OneOf": {
      const misses: Array<string> = []
      for (const one of expect.outcomes) {
        try {
          checkOutcome(one, outcome, read, ctx)
          return
        } catch (miss) {
          misses.push(miss instanceof Error ? miss.message : String(miss))
        }
      }
      assert.fail(`no allowed outcome matched: ${misses.join(" | ")}`)
    }
  }
}

const defineCase = <A>(spec: CaseSpec<A>): Case => ({
  name: spec.name,
  server: spec.server,
  call: spec.run.call,
  options: spec.options,
  basePath: spec.basePath ?? "",
  verify: (ctx, outcome, ms) => {
    // Never a defect, never an interruption: a value or a tagged failure.
    if (outcome._tag === "NoFailure") return assert.fail(`expected a tagged failure, got:\n${outcome.pretty}`)
    if (outcome._tag === "Failure") {
      const error = outcome.error
      if (!isFields(error) || typeof error._tag !== "string") {
        return assert.fail(`expected a tagged failure, got:\n${outcome.pretty}`)
      }
      assert.isFalse(outcome.defect, `a defect next to the failure:\n${outcome.pretty}`)
      assertNoSecret(error, outcome.pretty)
      assertBounded(error)
    }
    checkOutcome(typeof spec.expect === "function" ? spec.expect(ctx) : spec.expect, outcome, spec.run.read, ctx)

    assert.isBelow(ms, spec.within ?? 5_000, `took ${Math.round(ms)} ms`)
    if (spec.atLeast !== undefined) assert.isAtLeast(ms, spec.atLeast, `took only ${Math.round(ms)} ms`)
    assert.strictEqual(ctx.other.requests(), 0, "the other origin received a request")
    if (spec.requests !== undefined) {
      const wanted = typeof spec.requests === "function" ? spec.requests(ctx) : spec.requests
      assert.strictEqual(ctx.api.requests(), wanted, "requests received by the API server")
    }
    assertPrototypeClean()
    spec.after?.(ctx)
  }
})

// ---------------------------------------------------------------------------
// Server scripts
// ---------------------------------------------------------------------------

const okPage = F.page(["claude-ok-1", "claude-ok-2"])

const answer = (status: number, body: unknown, headers: S.Headers = {}): S.Handler => (exchange) =>
  S.sendJson(exchange, status, body, headers)

const redirect = (exchange: S.Exchange, status: number, location: string | undefined): void => {
  exchange.res.writeHead(
    status,
    location === undefined ? { "content-length": "0" } : {
      location,
      "content-length": "0"
    }
  )
  exchange.res.end()
}

/** The received `x-api-key` (or the bearer token): what a hostile server would echo. */
const echoedKey = (exchange: S.Exchange): string => {
  const apiKey = exchange.headers["x-api-key"]
  if (typeof apiKey === "string") return apiKey
  const authorization = exchange.headers.authorization
  return typeof authorization === "string" ? authorization.replace(/^Bearer /, "") : ""
}

/** Answers `GET /v1/models` by the `after_id` (or `before_id`) it receives. */
const pager =
  (byCursor: (cursor: string | null, exchange: S.Exchange) => F.WirePage | string): S.Handler => (exchange) => {
    const cursor = exchange.query.get("after_id") ?? exchange.query.get("before_id")
    S.sendJson(exchange, 200, byCursor(cursor, exchange))
  }

/** A field that must be the edition's `Duration`, in milliseconds. */
const millisField = (ctx: Ctx, error: Fields, name: string): number => {
  const millis = ctx.edition.durationMillis(error[name])
  if (millis === undefined) return assert.fail(`${name} is not a Duration: ${String(error[name])}`)
  return millis
}

const assertRetryAfter = (millis: number | undefined) => (error: Fields, ctx: Ctx): void => {
  if (millis === undefined) {
    assert.strictEqual(error.retryAfter, undefined, "retryAfter")
    return
  }
  assert.strictEqual(millisField(ctx, error, "retryAfter"), millis, "retryAfter")
}

const assertFiniteRetryAfter = (error: Fields, ctx: Ctx): void => {
  const millis = millisField(ctx, error, "retryAfter")
  assert.isTrue(Number.isFinite(millis), "retryAfter is finite")
  assert.isString(ctx.edition.formatDuration(error.retryAfter))
  assert.isAtLeast(millis, 60_000, "retryAfter keeps the (large) wait asked for")
}

const assertPlainObject = (u: unknown, where: string): void => {
  assert.isTrue(isFields(u), `${where} is an object`)
  assert.strictEqual(Object.getPrototypeOf(u), Object.prototype, `${where}'s prototype is Object.prototype`)
  if (isFields(u)) { for (const name of prototypeNames.slice(0, 2)) assert.isFalse(name in u, `${where}.${name}`) }
}

/** A page with one model, written by hand so a `__proto__` key survives (JSON.stringify would drop it). */
const protoPage = (where: "page" | "model" | "capabilities" | "capability" | "constructor"): string => {
  const payload = "{\"polluted\":true,\"isAdmin\":true,\"supported\":true}"
  const capability = where === "capability"
    ? `{"supported":true,"__proto__":${payload}}`
    : where === "constructor"
    ? `{"supported":true,"constructor":{"prototype":${payload}}}`
    : "{\"supported\":true}"
  const capabilities = where === "capabilities"
    ? `{"__proto__":${payload},"batch":${capability}}`
    : `{"batch":${capability}}`
  const model = `{${where === "model" ? `"__proto__":${payload},` : ""}"id":"claude-proto","type":"model",` +
    `"display_name":"Proto","created_at":"2025-02-19T00:00:00Z","capabilities":${capabilities}}`
  return `{${
    where === "page" ? `"__proto__":${payload},` : ""
  }"data":[${model}],"first_id":"claude-proto","last_id":"claude-proto","has_more":false}`
}

const assertProtoPage = (page: PageView): void => {
  assertPlainObject(page, "page")
  const model = page.data[0]
  assert.strictEqual(model?.id, "claude-proto")
  assertPlainObject(model, "model")
  const capabilities = model?.capabilities
  assertPlainObject(capabilities, "capabilities")
  assertPlainObject(field(capabilities, "batch"), "capabilities.batch")
  assert.strictEqual(field(field(capabilities, "batch"), "supported"), true)
}

const rawResponse = (head: string, body = ""): string => `${head}\r\n\r\n${body}`

const pageJson = JSON.stringify(okPage)

// ---------------------------------------------------------------------------
// Redirects
// ---------------------------------------------------------------------------

const redirectStatuses = [301, 302, 303, 307, 308] as const

const redirectCases: ReadonlyArray<Case> = [
  ...redirectStatuses.map((status) =>
    defineCase({
      name: `${status} to another origin -> RedirectError, nothing sent there, not retried`,
      server: ({ other }) => (exchange) => redirect(exchange, status, `${other.origin}/v1/models`),
      run: list,
      options: { retries: 2 },
      expect: (ctx) =>
        fails("RedirectError", { status, location: ctx.other.origin, method: "GET", path: "/v1/models" }),
      requests: 1
    })
  ),
  ...redirectStatuses.map((status) =>
    defineCase({
      name: `${status} within the origin is followed, with the key`,
      server: () => (exchange) =>
        exchange.path === "/v1/models"
          ? redirect(exchange, status, "/moved/models")
          : S.sendJson(exchange, 200, okPage),
      run: list,
      expect: value((page: PageView) =>
        assert.deepStrictEqual(page.data.map((m) => m.id), ["claude-ok-1", "claude-ok-2"])
      ),
      requests: 2,
      after: ({ api }) => {
        assert.strictEqual(api.received[1]?.path, "/moved/models")
        assert.strictEqual(api.received[1]?.headers["x-api-key"], KEY)
      }
    })
  ),
  defineCase({
    name: "absolute Location on the same origin is followed",
    server: () => (exchange) =>
      exchange.n === 1 ? redirect(exchange, 302, `${exchange.origin}/elsewhere`) : S.sendJson(exchange, 200, okPage),
    run: list,
    expect: value((page: PageView) => assert.strictEqual(page.data.length, 2)),
    requests: 2
  }),
  defineCase({
    name: "3 same-origin hops are followed",
    server: () => (exchange) =>
      exchange.n <= 3 ? redirect(exchange, 307, `/hop/${exchange.n}`) : S.sendJson(exchange, 200, okPage),
    run: list,
    expect: value((page: PageView) => assert.strictEqual(page.data.length, 2)),
    requests: 4
  }),
  defineCase({
    name: "4 same-origin hops -> RedirectError after 4 requests",
    server: () => (exchange) =>
      exchange.n <= 4 ? redirect(exchange, 307, `/hop/${exchange.n}`) : S.sendJson(exchange, 200, okPage),
    run: list,
    options: { retries: 2 },
    expect: (ctx) =>
      fails("RedirectError", { status: 307, method: "GET" }, (error) => {
        assert.isTrue(error.location === undefined || error.location === ctx.api.origin, String(error.location))
      }),
    requests: 4
  }),
  defineCase({
    name: "a redirect loop (Location: itself) -> RedirectError after 4 requests",
    server: () => (exchange) => redirect(exchange, 302, "/v1/models"),
    run: list,
    options: { retries: 2 },
    expect: (ctx) =>
      fails("RedirectError", { status: 302, method: "GET" }, (error) => {
        assert.isTrue(error.location === undefined || error.location === ctx.api.origin, String(error.location))
      }),
    requests: 4
  }),
  defineCase({
    name: "a 302 without Location -> RedirectError, location undefined",
    server: () => (exchange) => redirect(exchange, 302, undefined),
    run: list,
    options: { retries: 2 },
    expect: fails("RedirectError", { status: 302, location: undefined, method: "GET", path: "/v1/models" }),
    requests: 1
  }),
  defineCase({
    name: "an unparseable Location -> RedirectError, location undefined",
    server: () => (exchange) => redirect(exchange, 301, "http://[::bad"),
    run: list,
    expect: fails("RedirectError", { status: 301, location: undefined }),
    requests: 1
  }),
  defineCase({
    name: "same port, other host name (localhost) is another origin",
    server: () => (exchange) => redirect(exchange, 307, `http://localhost:${exchange.socket.localPort}/v1/models`),
    run: list,
    expect: (ctx) => fails("RedirectError", { status: 307, location: `http://localhost:${ctx.api.port}` }),
    requests: 1
  }),
  defineCase({
    name: "same host and port over https is another origin",
    server: () => (exchange) => redirect(exchange, 308, `https://127.0.0.1:${exchange.socket.localPort}/v1/models`),
    run: list,
    expect: (ctx) => fails("RedirectError", { status: 308, location: `https://127.0.0.1:${ctx.api.port}` }),
    requests: 1
  }),
  defineCase({
    name: "a protocol-relative Location to another origin",
    server: ({ other }) => (exchange) => redirect(exchange, 302, `//127.0.0.1:${other.port}/v1/models`),
    run: list,
    expect: (ctx) => fails("RedirectError", { status: 302, location: ctx.other.origin }),
    requests: 1
  }),
  defineCase({
    name: "Location with the key in its query: only the origin is kept",
    server: ({ other }) => (exchange) =>
      redirect(
        exchange,
        302,
        `${other.origin}/steal/${encodeURIComponent(echoedKey(exchange))}?key=${echoedKey(exchange)}`
      ),
    run: list,
    expect: (ctx) =>
      fails("RedirectError", { status: 302, location: ctx.other.origin }, (error) => {
        assert.notInclude(JSON.stringify(error), "/steal")
      }),
    requests: 1
  }),
  ...["javascript:alert(1)", "file:///etc/passwd", "data:application/json,{}"].map((location) =>
    defineCase({
      name: `a ${location.split(":")[0]}: Location -> RedirectError`,
      server: () => (exchange) => redirect(exchange, 302, location),
      run: list,
      expect: fails("RedirectError", { status: 302 }, (error) => {
        assert.isTrue(error.location === undefined || error.location === "null", String(error.location))
      }),
      requests: 1
    })
  ),
  defineCase({
    name: "same-origin hop, then another origin -> RedirectError after 2 requests",
    server: ({ other }) => (exchange) =>
      exchange.n === 1 ? redirect(exchange, 301, "/step") : redirect(exchange, 307, `${other.origin}/v1/models`),
    run: list,
    expect: (ctx) => fails("RedirectError", { status: 307, location: ctx.other.origin, method: "GET" }),
    requests: 2
  }),
  defineCase({
    name: "a base URL with a path prefix: a same-origin Location outside the prefix is followed",
    server: () => (exchange) =>
      exchange.path === "/proxy/v1/models"
        ? redirect(exchange, 307, "/direct/models")
        : S.sendJson(exchange, 200, okPage),
    basePath: "/proxy",
    run: list,
    expect: value((page: PageView) => assert.strictEqual(page.data.length, 2)),
    requests: 2,
    after: ({ api }) => assert.deepStrictEqual(api.received.map((r) => r.path), ["/proxy/v1/models", "/direct/models"])
  }),
  defineCase({
    name: "a retried 503, then a redirect to another origin -> RedirectError",
    server: ({ other }) => (exchange) =>
      exchange.n === 1
        ? S.sendJson(exchange, 503, F.apiError("overloaded_error", "busy"))
        : redirect(exchange, 302, `${other.origin}/v1/models`),
    run: list,
    options: { retries: 2 },
    expect: (ctx) => fails("RedirectError", { status: 302, location: ctx.other.origin }),
    requests: 2
  }),
  defineCase({
    name: "a redirect to another origin with an endless body -> RedirectError, fast",
    server: ({ other }) => (exchange) =>
      S.flood(exchange, {
        status: 302,
        headers: { location: `${other.origin}/v1/models`, "content-type": "text/html" },
        chunk: Buffer.alloc(64 * 1024, 0x3c),
        maxBytes: 512 * MiB
      }),
    run: list,
    options: { timeout: "4 seconds" },
    expect: (ctx) => fails("RedirectError", { status: 302, location: ctx.other.origin }),
    requests: 1,
    within: 3_000
  }),
  defineCase({
    name: "retrieve redirected to another origin",
    server: ({ other }) => (exchange) => redirect(exchange, 308, `${other.origin}/v1/models/claude-x`),
    run: retrieve("claude-x"),
    expect: (ctx) =>
      fails("RedirectError", { status: 308, location: ctx.other.origin, method: "GET", path: "/v1/models/claude-x" }),
    requests: 1
  }),
  defineCase({
    name: "the second page of a stream redirected to another origin",
    server: ({ other }) => (exchange) =>
      exchange.n === 1
        ? S.sendJson(exchange, 200, F.page(["m1"], { has_more: true }))
        : redirect(exchange, 302, `${other.origin}/v1/models`),
    run: stream(),
    expect: (ctx) =>
      fails("RedirectError", { status: 302, location: ctx.other.origin, method: "GET" }, (error) => {
        assert.isString(error.path)
        assert.isTrue(String(error.path).startsWith("/v1/models"))
      }),
    requests: 2
  })
]

// ---------------------------------------------------------------------------
// Size limit and compression bombs
// ---------------------------------------------------------------------------

const small = { maxResponseBytes: MiB }

const tooLarge = (status: number, limit: number, path = "/v1/models") =>
  fails("ResponseTooLargeError", { status, limit, path })

const sizeCases: ReadonlyArray<Case> = [
  defineCase({
    name: "2 MiB with Content-Length over a 1 MiB limit, not retried",
    server: () => (exchange) =>
      S.send(exchange, 200, F.pageOfSize(2 * MiB), { "content-type": "application/json", "request-id": "req_big" }),
    run: list,
    options: { ...small, retries: 2 },
    expect: fails("ResponseTooLargeError", { status: 200, limit: MiB, path: "/v1/models", requestId: "req_big" }),
    requests: 1
  }),
  defineCase({
    name: "2 MiB chunked over a 1 MiB limit",
    server: () => (exchange) => S.sendChunked(exchange, 200, F.pageOfSize(2 * MiB)),
    run: list,
    options: small,
    expect: tooLarge(200, MiB),
    requests: 1
  }),
  defineCase({
    name: "exactly the limit with Content-Length decodes",
    server: () => (exchange) => S.send(exchange, 200, F.pageOfSize(MiB), { "content-type": "application/json" }),
    run: list,
    options: small,
    expect: value((page: PageView) => assert.deepStrictEqual(page.data.map((m) => m.id), ["claude-sized"]))
  }),
  defineCase({
    name: "exactly the limit chunked decodes",
    server: () => (exchange) => S.sendChunked(exchange, 200, F.pageOfSize(MiB), {}, 1000),
    run: list,
    options: small,
    expect: value((page: PageView) => assert.deepStrictEqual(page.data.map((m) => m.id), ["claude-sized"]))
  }),
  defineCase({
    name: "one byte over the limit with Content-Length",
    server: () => (exchange) => S.send(exchange, 200, F.pageOfSize(MiB + 1), { "content-type": "application/json" }),
    run: list,
    options: small,
    expect: tooLarge(200, MiB)
  }),
  defineCase({
    name: "one byte over the limit chunked",
    server: () => (exchange) => S.sendChunked(exchange, 200, F.pageOfSize(MiB + 1), {}, 1000),
    run: list,
    options: small,
    expect: tooLarge(200, MiB)
  }),
  defineCase({
    name: "Content-Length of 10 GiB, one byte sent, then a stall: fails before reading",
    server: () => (exchange) => {
      exchange.res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * MiB) })
      exchange.res.write("{")
    },
    run: list,
    options: { ...small, timeout: "4 seconds" },
    expect: tooLarge(200, MiB),
    within: 1_500
  }),
  defineCase({
    name: "Content-Length of 10 GiB under the default limit: fails before reading",
    server: () => (exchange) => {
      exchange.res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * MiB) })
      exchange.res.write("{")
    },
    run: list,
    options: { timeout: "4 seconds" },
    expect: tooLarge(200, DEFAULT_LIMIT),
    within: 1_500
  }),
  defineCase({
    name: "an endless chunked body over a 1 MiB limit fails fast, the rest unread",
    server: () => (exchange) =>
      S.flood(exchange, { first: "{\"data\":[", chunk: Buffer.alloc(64 * 1024, 0x20), maxBytes: 1024 * MiB }),
    run: list,
    options: small,
    expect: tooLarge(200, MiB),
    within: 3_000,
    after: ({ api }) => assert.isBelow(api.bytesWritten(), 64 * MiB, "bytes the server got to write")
  }),
  defineCase({
    name: "an endless chunked body under the default 32 MiB limit fails fast",
    server: () => (exchange) =>
      S.flood(exchange, { first: "{\"data\":[", chunk: Buffer.alloc(256 * 1024, 0x20), maxBytes: 1024 * MiB }),
    run: list,
    expect: tooLarge(200, DEFAULT_LIMIT),
    within: 5_000,
    after: ({ api }) => assert.isBelow(api.bytesWritten(), 128 * MiB, "bytes the server got to write")
  }),
  defineCase({
    name: "an endless body on a 500 is too large, and not retried",
    server: () => (exchange) =>
      S.flood(exchange, { status: 500, chunk: Buffer.alloc(64 * 1024, 0x61), maxBytes: 256 * MiB }),
    run: list,
    options: { ...small, retries: 2 },
    expect: tooLarge(500, MiB),
    requests: 1,
    within: 3_000
  }),
  defineCase({
    name: "retrieve over the limit",
    server: () => (exchange) => S.sendChunked(exchange, 200, F.pageOfSize(2 * MiB)),
    run: retrieve("claude-x"),
    options: small,
    expect: tooLarge(200, MiB, "/v1/models/claude-x")
  }),
  ...([
    ["gzip", ["gzip"]],
    ["gzip, gzip", ["gzip", "gzip"]],
    ["deflate", ["deflate"]],
    ["br", ["br"]]
  ] as const).map(([encoding, codings]) =>
    defineCase({
      name: `a 64 MiB ${encoding} bomb over a 1 MiB limit`,
      server: () => {
        const body = F.bomb(64 * MiB, codings)
        return (exchange) =>
          S.send(exchange, 200, body, { "content-type": "application/json", "content-encoding": encoding })
      },
      run: list,
      options: small,
      // undici hands over the bytes as they came; fetch decompresses them, and the count trips.
      expect: byLayer({ node: fails("MalformedResponseError", { reason: "json" }), fetch: tooLarge(200, MiB) }),
      requests: 1,
      within: 3_000
    })
  ),
  defineCase({
    name: "a 40 MiB gzip bomb under the default 32 MiB limit",
    server: () => {
      const body = F.bomb(40 * MiB, ["gzip"])
      return (exchange) =>
        S.send(exchange, 200, body, { "content-type": "application/json", "content-encoding": "gzip" })
    },
    run: list,
    expect: byLayer({ node: fails("MalformedResponseError", { reason: "json" }), fetch: tooLarge(200, DEFAULT_LIMIT) }),
    within: 5_000
  }),
  defineCase({
    name: "a 40 MiB gzip, gzip bomb under the default limit",
    server: () => {
      const body = F.bomb(40 * MiB, ["gzip", "gzip"])
      return (exchange) =>
        S.send(exchange, 200, body, { "content-type": "application/json", "content-encoding": "gzip, gzip" })
    },
    run: list,
    expect: byLayer({ node: fails("MalformedResponseError", { reason: "json" }), fetch: tooLarge(200, DEFAULT_LIMIT) }),
    within: 5_000
  }),
  defineCase({
    name: "a small gzip-encoded page: fetch decodes it, undici sees raw bytes",
    server: () => {
      const body = F.gzippedPage()
      return (exchange) =>
        S.send(exchange, 200, body, { "content-type": "application/json", "content-encoding": "gzip" })
    },
    run: list,
    expect: byLayer({
      node: fails("MalformedResponseError", { reason: "json" }),
      fetch: value((page: PageView) => assert.deepStrictEqual(page.data.map((m) => m.id), ["claude-gz"]))
    })
  })
]

// ---------------------------------------------------------------------------
// Error text: bounds and redaction
// ---------------------------------------------------------------------------

/** The key with every character as a JSON `\uXXXX` escape. */
const unicodeEscaped = (text: string): string =>
  [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")

const textCases: ReadonlyArray<Case> = [
  defineCase({
    name: "key echoed in message, details, error_code and body (400)",
    server: () => (exchange) => {
      const key = echoedKey(exchange)
      S.sendJson(exchange, 400, {
        type: "error",
        error: {
          type: "invalid_request_error",
          message: `invalid x-api-key: ${key}`,
          details: { error_code: key, echo: key, nested: { list: [key, { deeper: `(${key})` }] } }
        },
        echo: key
      })
    },
    run: list,
    expect: fails("InvalidRequestError", { status: 400 }, (error) => {
      assert.include(String(error.message), REDACTED)
      assert.isDefined(error.details)
      assert.include(JSON.stringify(error.details), REDACTED)
    })
  }),
  defineCase({
    name: "key echoed in the body's request_id (400)",
    server: () => (exchange) =>
      S.sendJson(exchange, 400, {
        type: "error",
        error: { type: "invalid_request_error", message: "bad request" },
        request_id: echoedKey(exchange)
      }),
    run: list,
    expect: fails("InvalidRequestError", { status: 400, message: "bad request" })
  }),
  defineCase({
    name: "key echoed in the request-id and another header (404)",
    server: () => (exchange) => {
      const key = echoedKey(exchange)
      S.sendJson(exchange, 404, F.apiError("not_found_error", "no such model"), { "request-id": key, "x-echo": key })
    },
    run: retrieve("claude-x"),
    expect: fails("NotFoundError", { status: 404, message: "no such model" })
  }),
  defineCase({
    name: "key in an unknown error type (403)",
    server: () => (exchange) => S.sendJson(exchange, 403, F.apiError(`denied_${echoedKey(exchange)}`, "no")),
    run: list,
    expect: fails("PermissionError", { status: 403 })
  }),
  defineCase({
    name: "key as a details key name (400)",
    server: () => (exchange) =>
      S.sendJson(exchange, 400, F.apiError("invalid_request_error", "bad", { [echoedKey(exchange)]: true })),
    run: list,
    expect: fails("InvalidRequestError", { status: 400 })
  }),
  defineCase({
    name: "key \\u-escaped in the JSON message (401)",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        401,
        `{"type":"error","error":{"type":"authentication_error","message":"bad key ${
          unicodeEscaped(echoedKey(exchange))
        }"}}`
      ),
    run: list,
    expect: fails("AuthenticationError", { status: 401 }, (error) => assert.include(String(error.message), REDACTED))
  }),
  defineCase({
    name: "key 10 000 times in a message (400)",
    server: () => (exchange) =>
      S.sendJson(exchange, 400, F.apiError("invalid_request_error", `${echoedKey(exchange)} `.repeat(10_000))),
    run: list,
    expect: fails("InvalidRequestError", { status: 400 }, (error) => assert.include(String(error.message), REDACTED))
  }),
  defineCase({
    name: "key in an HTML 500 body",
    server: () => (exchange) =>
      S.send(exchange, 500, F.html(`<pre>x-api-key: ${echoedKey(exchange)}</pre>`), { "content-type": "text/html" }),
    run: list,
    expect: fails("APIError", { status: 500 }, (error) => {
      assert.isString(error.body)
      assert.include(String(error.body), REDACTED)
    })
  }),
  defineCase({
    name: "key in a 200 body that is not JSON",
    server: () => (exchange) => S.sendJson(exchange, 200, `["${echoedKey(exchange)}" x]`),
    run: list,
    expect: fails("MalformedResponseError", { status: 200, reason: "json" })
  }),
  defineCase({
    name: "key in a 200 body that fails the schema",
    server: () => (exchange) =>
      S.sendJson(exchange, 200, { data: [{ id: echoedKey(exchange), type: "model" }], has_more: false }),
    run: list,
    expect: fails("MalformedResponseError", { status: 200, reason: "schema" })
  }),
  defineCase({
    name: "key in a garbage status line",
    server: () => (exchange) => S.raw(exchange, `HTTP/1.1 2${echoedKey(exchange)} OK\r\n\r\n`),
    run: list,
    expect: fails("ConnectionError", { method: "GET" })
  }),
  defineCase({
    name: "auth token echoed in message, details and body (401)",
    server: () => (exchange) => {
      const token = echoedKey(exchange)
      S.sendJson(exchange, 401, {
        type: "error",
        error: { type: "authentication_error", message: `bad token Bearer ${token}`, details: { token } },
        token
      })
    },
    run: list,
    options: { apiKey: undefined, authToken: TOKEN },
    expect: fails("AuthenticationError", { status: 401 }, (error) => assert.include(String(error.message), REDACTED)),
    after: ({ api }) => assert.strictEqual(api.received[0]?.headers.authorization, `Bearer ${TOKEN}`)
  }),
  defineCase({
    name: "key echoed in the request-id of a 200 that is not JSON",
    server: () => (exchange) => S.sendJson(exchange, 200, F.html(), { "request-id": echoedKey(exchange) }),
    run: list,
    expect: fails("MalformedResponseError", { status: 200, reason: "json" })
  }),
  defineCase({
    name: "key echoed in the request-id of a response over the limit",
    server: () => (exchange) =>
      S.send(exchange, 200, F.pageOfSize(2 * MiB), {
        "content-type": "application/json",
        "request-id": echoedKey(exchange)
      }),
    run: list,
    options: small,
    expect: tooLarge(200, MiB)
  }),
  defineCase({
    name: "key echoed in the request-id of a redirect to another origin",
    server: ({ other }) => (exchange) => {
      exchange.res.writeHead(302, {
        location: `${other.origin}/v1/models`,
        "request-id": echoedKey(exchange),
        "content-length": "0"
      })
      exchange.res.end()
    },
    run: list,
    expect: (ctx) => fails("RedirectError", { status: 302, location: ctx.other.origin })
  }),
  defineCase({
    name: "auth token echoed in the request-id header (401)",
    server: () => (exchange) =>
      S.sendJson(exchange, 401, F.apiError("authentication_error", "bad token"), { "request-id": echoedKey(exchange) }),
    run: list,
    options: { apiKey: undefined, authToken: TOKEN },
    expect: fails("AuthenticationError", { status: 401 })
  }),
  defineCase({
    name: "key straddling the 4 KB cut at 40 offsets: no prefix of it survives",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        400,
        F.apiError("invalid_request_error", "x".repeat(exchange.n) + `${echoedKey(exchange)} `.repeat(400))
      ),
    run: retrieveEach("claude-x", 40),
    expect: value((outcomes: ReadonlyArray<Settled>) => {
      assert.strictEqual(outcomes.length, 40)
      for (const outcome of outcomes) {
        if (outcome._tag === "Value") return assert.fail("expected InvalidRequestError, got a model")
        const { error, pretty } = outcome
        if (!isFields(error)) return assert.fail(`expected InvalidRequestError, got ${String(error)}`)
        assert.strictEqual(error._tag, "InvalidRequestError")
        const message = String(error.message)
        assert.isAtMost(message.length, MESSAGE_BOUND)
        // "sk-ant-api03-FAKE" is the key's prefix and 4 characters of its secret part.
        assert.notInclude(message, KEY.slice(0, 17), "a cut-off key survived the redaction")
        assertNoSecret(error, pretty)
      }
    }),
    requests: 40
  }),
  defineCase({
    name: "a 1 MB message is bounded (400)",
    server: () => answer(400, F.apiError("invalid_request_error", "m".repeat(1_000_000))),
    run: list,
    expect: fails(
      "InvalidRequestError",
      { status: 400 },
      (error) => assert.isTrue(String(error.message).startsWith("mmm"))
    )
  }),
  defineCase({
    name: "1 MB of details is bounded (400)",
    server: () =>
      answer(400, F.apiError("invalid_request_error", "bad", { error_code: "too_big", blob: "d".repeat(1_000_000) })),
    run: list,
    expect: fails("InvalidRequestError", { status: 400 })
  }),
  defineCase({
    name: "10 000 details keys are bounded (400)",
    server: () =>
      answer(
        400,
        F.apiError(
          "invalid_request_error",
          "bad",
          Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))
        )
      ),
    run: list,
    expect: fails("InvalidRequestError", { status: 400 })
  }),
  defineCase({
    name: "details nested 100 000 deep (400): bounded, and JSON.stringify still works",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        400,
        `{"type":"error","error":{"type":"invalid_request_error","message":"deep","details":{"d":${
          F.nestedObjects(100_000)
        }}}}`
      ),
    run: list,
    expect: fails("InvalidRequestError", { status: 400, message: "deep" })
  }),
  defineCase({
    name: "a 1 MB HTML 502 keeps a 512-character preview",
    server: () => (exchange) => S.send(exchange, 502, F.html("b".repeat(1_000_000)), { "content-type": "text/html" }),
    run: list,
    expect: fails("UnknownApiError", { status: 502 }, (error) => assert.isTrue(String(error.body).startsWith("<html>")))
  }),
  defineCase({
    name: "a schema failure on a 1 MB model is bounded",
    server: () =>
      answer(200, { data: [{ id: 42, type: "model", display_name: "n".repeat(1_000_000) }], has_more: false }),
    run: list,
    expect: fails("MalformedResponseError", { status: 200, reason: "schema" })
  })
]

// ---------------------------------------------------------------------------
// Error class: body type first, else the status
// ---------------------------------------------------------------------------

const knownTypes = [
  ["invalid_request_error", 400, "InvalidRequestError"],
  ["authentication_error", 401, "AuthenticationError"],
  ["billing_error", 402, "BillingError"],
  ["permission_error", 403, "PermissionError"],
  ["not_found_error", 404, "NotFoundError"],
  ["rate_limit_error", 429, "RateLimitError"],
  ["timeout_error", 504, "GatewayTimeoutError"],
  ["api_error", 500, "APIError"],
  ["overloaded_error", 529, "OverloadedError"]
] as const

/** The class a status picks when the body does not name one. */
const byStatus = [
  [400, "UnknownApiError"],
  [401, "AuthenticationError"],
  [402, "BillingError"],
  [403, "PermissionError"],
  [404, "NotFoundError"],
  [405, "UnknownApiError"],
  [408, "UnknownApiError"],
  [409, "UnknownApiError"],
  [413, "UnknownApiError"],
  [422, "UnknownApiError"],
  [429, "RateLimitError"],
  [500, "APIError"],
  [502, "UnknownApiError"],
  [503, "UnknownApiError"],
  [504, "GatewayTimeoutError"],
  [529, "OverloadedError"]
] as const

const classCases: ReadonlyArray<Case> = [
  ...knownTypes.map(([type, status, tag]) =>
    defineCase({
      name: `${status} ${type} -> ${tag}`,
      server: () => answer(status, F.apiError(type, `the ${type}`), { "request-id": "req_class" }),
      run: list,
      expect: fails(tag, { status, message: `the ${type}`, requestId: "req_class" })
    })
  ),
  ...([
    ["not_found_error", 400, "NotFoundError"],
    ["overloaded_error", 500, "OverloadedError"],
    ["rate_limit_error", 503, "RateLimitError"],
    ["authentication_error", 418, "AuthenticationError"]
  ] as const).map(([type, status, tag]) =>
    defineCase({
      name: `${status} with type ${type}: the type wins -> ${tag}`,
      server: () => answer(status, F.apiError(type, "typed")),
      run: list,
      expect: fails(tag, { status })
    })
  ),
  ...byStatus.map(([status, tag]) =>
    defineCase({
      name: `${status} with an unknown type -> ${tag}, errorType kept`,
      server: () => answer(status, F.apiError("teapot_error", "short and stout")),
      run: list,
      expect: fails(tag, { status, errorType: "teapot_error", message: "short and stout" })
    })
  ),
  ...byStatus.map(([status, tag]) =>
    defineCase({
      name: `${status} with an HTML body -> ${tag}, body kept`,
      server: () => (exchange) => S.send(exchange, status, F.html(), { "content-type": "text/html" }),
      run: list,
      expect: fails(tag, { status }, (error) => {
        assert.isString(error.body)
        assert.isTrue(String(error.body).startsWith("<html><head><title>502 Bad Gateway"))
      })
    })
  ),
  ...([[401, "AuthenticationError"], [404, "NotFoundError"], [500, "APIError"], [502, "UnknownApiError"], [
    529,
    "OverloadedError"
  ]] as const).map(([status, tag]) =>
    defineCase({
      name: `${status} with an empty body -> ${tag}`,
      server: () => (exchange) => S.send(exchange, status, ""),
      run: list,
      expect: fails(tag, { status })
    })
  ),
  ...([
    ["__proto__", 404, "NotFoundError"],
    ["constructor", 400, "UnknownApiError"],
    ["hasOwnProperty", 500, "APIError"],
    ["toString", 429, "RateLimitError"]
  ] as const).map(([type, status, tag]) =>
    defineCase({
      name: `${status} with type "${type}" is an unknown type -> ${tag}`,
      server: () => answer(status, F.apiError(type, "prototype names")),
      run: list,
      expect: fails(tag, { status, errorType: type })
    })
  ),
  ...([
    ["error.type is a number", { type: "error", error: { type: 42, message: "m" } }],
    ["error.message is missing", { type: "error", error: { type: "not_found_error" } }],
    ["the body is an array", [{ type: "not_found_error", message: "m" }]],
    ["the body is JSON null", null]
  ] as const).map(([what, body]) =>
    defineCase({
      name: `401 where ${what} -> AuthenticationError (by status)`,
      server: () => answer(401, body),
      run: list,
      expect: fails("AuthenticationError", { status: 401 })
    })
  ),
  defineCase({
    name: "404 retrieve with an HTML body -> NotFoundError",
    server: () => (exchange) => S.send(exchange, 404, F.html(), { "content-type": "text/html" }),
    run: retrieve("claude-nope"),
    expect: fails("NotFoundError", { status: 404 })
  })
]

// ---------------------------------------------------------------------------
// Retries: status rule and x-should-retry
// ---------------------------------------------------------------------------

// Two immediate retries: 3 requests when retried, 1 when not.
const twoRetries = { retries: 2 }

const retryCases: ReadonlyArray<Case> = [
  ...([408, 409, 429, 500, 502, 503, 504, 529] as const).map((status) =>
    defineCase({
      name: `${status} is retried`,
      server: () => answer(status, F.apiError("teapot_error", "again")),
      run: list,
      options: twoRetries,
      expect: fails<PageView>(byStatus.find(([s]) => s === status)?.[1] ?? "UnknownApiError", { status }),
      requests: 3
    })
  ),
  ...([400, 401, 403, 404, 413, 422] as const).map((status) =>
    defineCase({
      name: `${status} is not retried`,
      server: () => answer(status, F.apiError("teapot_error", "once")),
      run: list,
      options: twoRetries,
      expect: fails(byStatus.find(([s]) => s === status)?.[1] ?? "UnknownApiError", { status }),
      requests: 1
    })
  ),
  ...([
    [400, "true", 3, true],
    [503, "false", 1, false],
    [400, "yes", 1, undefined],
    [400, "1", 1, undefined],
    [400, "TRUE!", 1, undefined],
    [503, "no", 3, undefined],
    [503, "0", 3, undefined],
    [503, "", 3, undefined]
  ] as const).map(([status, header, requests, shouldRetry]) =>
    defineCase({
      name: `${status} with x-should-retry: "${header}" -> ${requests} request(s)`,
      server: () => answer(status, F.apiError("api_error", "hint"), { "x-should-retry": header }),
      run: list,
      options: twoRetries,
      expect: fails("APIError", { status, shouldRetry }),
      requests
    })
  ),
  defineCase({
    name: "a reset connection is retried",
    server: () => S.reset,
    run: list,
    options: twoRetries,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" }),
    requests: 3
  }),
  defineCase({
    name: "a timeout is retried",
    server: () => S.never,
    run: list,
    options: { ...twoRetries, timeout: "200 millis" },
    expect: fails("RequestTimeoutError", { method: "GET", path: "/v1/models" }),
    requests: 3,
    atLeast: 550
  }),
  defineCase({
    name: "HTML labelled JSON on a 200 is retried (reason json)",
    server: () => (exchange) => S.sendJson(exchange, 200, F.html()),
    run: list,
    options: twoRetries,
    expect: fails("MalformedResponseError", { status: 200, reason: "json" }),
    requests: 3
  }),
  defineCase({
    name: "a schema failure on a 200 is not retried",
    server: () => answer(200, {}),
    run: list,
    options: twoRetries,
    expect: fails("MalformedResponseError", { status: 200, reason: "schema" }),
    requests: 1
  })
]

// ---------------------------------------------------------------------------
// retry-after
// ---------------------------------------------------------------------------

const rateLimited = (headers: S.Headers): S.Handler => answer(429, F.apiError("rate_limit_error", "slow down"), headers)

const retryAfterCases: ReadonlyArray<Case> = [
  defineCase({
    name: "retry-after: 3600 over the default 60 s cap ends at once, retryAfter kept",
    server: () => rateLimited({ "retry-after": "3600" }),
    run: list,
    options: { maxRetries: 2 },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(3_600_000)),
    requests: 1,
    within: 1_000
  }),
  defineCase({
    name: "retry-after-ms: 1e308 ends at once with a finite retryAfter",
    server: () => rateLimited({ "retry-after-ms": "1e308" }),
    run: list,
    options: { maxRetries: 2 },
    expect: fails("RateLimitError", { status: 429 }, assertFiniteRetryAfter),
    requests: 1,
    within: 1_000
  }),
  defineCase({
    name: "retry-after: 1e308 ends at once with a finite retryAfter",
    server: () => rateLimited({ "retry-after": "1e308" }),
    run: list,
    options: { maxRetries: 2 },
    expect: fails("RateLimitError", { status: 429 }, assertFiniteRetryAfter),
    requests: 1,
    within: 1_000
  }),
  defineCase({
    name: "an HTTP date an hour ahead ends at once",
    server: () => rateLimited({ "retry-after": new Date(Date.now() + 3_600_000).toUTCString() }),
    run: list,
    options: { maxRetries: 2 },
    expect: fails("RateLimitError", { status: 429 }, (error, ctx) => {
      const millis = millisField(ctx, error, "retryAfter")
      assert.isAtLeast(millis, 3_590_000)
      assert.isAtMost(millis, 3_601_000)
    }),
    requests: 1,
    within: 1_000
  }),
  defineCase({
    name: "retry-after-ms: 500 over maxRetryAfter 100 ms ends at once",
    server: () => rateLimited({ "retry-after-ms": "500" }),
    run: list,
    options: { maxRetries: 2, maxRetryAfter: "100 millis" },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(500)),
    requests: 1,
    within: 400
  }),
  defineCase({
    name: "retry-after-ms: 50 equal to maxRetryAfter 50 ms is waited",
    server: () => rateLimited({ "retry-after-ms": "50" }),
    run: list,
    options: { maxRetries: 1, maxRetryAfter: "50 millis" },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(50)),
    requests: 2,
    atLeast: 45,
    within: 350
  }),
  defineCase({
    name: "retry-after-ms: 30 sets the delay (faster than the backoff)",
    server: () => rateLimited({ "retry-after-ms": "30" }),
    run: list,
    options: { maxRetries: 1 },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(30)),
    requests: 2,
    atLeast: 25,
    within: 350
  }),
  defineCase({
    name: "retry-after-ms wins over retry-after",
    server: () => rateLimited({ "retry-after-ms": "30", "retry-after": "3600" }),
    run: list,
    options: { maxRetries: 1 },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(30)),
    requests: 2,
    within: 350
  }),
  defineCase({
    name: "retry-after: 0.05 (fractional seconds)",
    server: () => rateLimited({ "retry-after": "0.05" }),
    run: list,
    options: { maxRetries: 1 },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(50)),
    requests: 2,
    within: 350
  }),
  defineCase({
    name: "an invalid retry-after-ms falls back to retry-after: 0",
    server: () => rateLimited({ "retry-after-ms": "NaN", "retry-after": "0" }),
    run: list,
    options: { maxRetries: 1 },
    expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(0)),
    requests: 2,
    within: 350
  }),
  ...([
    ["retry-after", "-5"],
    ["retry-after-ms", "-5"],
    ["retry-after", "NaN"],
    ["retry-after-ms", "NaN"],
    ["retry-after", "Infinity"],
    ["retry-after-ms", "Infinity"],
    ["retry-after-ms", "-Infinity"],
    ["retry-after-ms", "1e400"],
    ["retry-after", "soon"],
    ["retry-after", " "]
  ] as const).map(([header, raw]) =>
    defineCase({
      name: `${header}: "${raw}" is ignored: normal backoff, 1 + maxRetries requests`,
      server: () => rateLimited({ [header]: raw }),
      run: list,
      options: { maxRetries: 1 },
      expect: fails("RateLimitError", { status: 429 }, assertRetryAfter(undefined)),
      requests: 2,
      // The default backoff's first delay is 500 ms, jittered to 400–600 ms.
      atLeast: 350,
      within: 2_000
    })
  ),
  defineCase({
    name: "retry-after on a 503 with x-should-retry: false is not waited",
    server: () => answer(503, F.apiError("overloaded_error", "no"), { "retry-after": "1", "x-should-retry": "false" }),
    run: list,
    options: { maxRetries: 2 },
    expect: fails("OverloadedError", { status: 503, shouldRetry: false }),
    requests: 1,
    within: 500
  })
]

// ---------------------------------------------------------------------------
// Cursors and data
// ---------------------------------------------------------------------------

const controlIds = [
  ["CRLF", "claude-a\r\nx-injected: 1"],
  ["NUL", "claude-a\u0000b"],
  ["DEL", "claude-a\u007fb"],
  ["tab", "claude-a\tb"],
  ["2049 characters", "c".repeat(2049)],
  ["1 MB", "c".repeat(1_000_000)]
] as const

const cursorCases: ReadonlyArray<Case> = [
  ...controlIds.map(([what, id]) =>
    defineCase({
      name: `a ${what} last_id -> PaginationError, never sent`,
      server: () => pager(() => F.page(["claude-first", id], { has_more: true })),
      run: stream(),
      expect: fails("PaginationError"),
      requests: 1
    })
  ),
  ...controlIds.slice(0, 2).map(([what, id]) =>
    defineCase({
      name: `a ${what} first_id going backward -> PaginationError`,
      server: () => pager(() => F.page([id, "claude-last"], { has_more: true })),
      run: stream({ beforeId: "claude-z" }),
      expect: fails("PaginationError"),
      requests: 1
    })
  ),
  defineCase({
    name: "a 2048-character last_id is sent as it is",
    server: () =>
      pager((cursor) => cursor === null ? F.page(["m1", "c".repeat(2048)], { has_more: true }) : F.page(["m3"])),
    run: stream(),
    expect: value((ids: ReadonlyArray<string>) => assert.deepStrictEqual(ids, ["m1", "c".repeat(2048), "m3"])),
    requests: 2,
    after: ({ api }) => assert.strictEqual(api.received[1]?.query.get("after_id"), "c".repeat(2048))
  }),
  defineCase({
    name: "cursors that cycle a -> b -> a -> PaginationError after 3 requests",
    server: () =>
      pager((cursor) =>
        cursor === null
          ? F.page(["x", "a"], { has_more: true })
          : cursor === "a"
          ? F.page(["y", "b"], { has_more: true })
          : F.page(["z", "a"], { has_more: true })
      ),
    run: stream(),
    expect: fails("PaginationError", { cursor: "a" }),
    requests: 3
  }),
  defineCase({
    name: "the same cursor twice -> PaginationError after 2 requests",
    server: () => pager(() => F.page(["x", "a"], { has_more: true })),
    run: stream(),
    expect: fails("PaginationError", { cursor: "a" }),
    requests: 2
  }),
  defineCase({
    name: "the caller's own afterId sent back -> PaginationError",
    server: () => pager(() => F.page(["x", "claude-start"], { has_more: true })),
    run: stream({ afterId: "claude-start" }),
    expect: fails("PaginationError", { cursor: "claude-start" }),
    requests: 1
  }),
  defineCase({
    name: "has_more with a null last_id -> PaginationError",
    server: () => pager(() => F.page(["x"], { has_more: true, last_id: null })),
    run: stream(),
    expect: fails("PaginationError"),
    requests: 1
  }),
  defineCase({
    name: "a lone surrogate last_id: a tagged outcome either way",
    server: () =>
      pager((cursor) => cursor === null ? F.page(["x", "claude-\ud800"], { has_more: true }) : F.page(["y"])),
    run: stream(),
    expect: oneOf(value((ids: ReadonlyArray<string>) => assert.strictEqual(ids.length, 3)), fails("PaginationError"))
  }),
  defineCase({
    name: "ids with CRLF, NUL and 1 MB are data: list decodes them",
    server: () => answer(200, F.page(controlIds.map(([, id]) => id), { first_id: "a", last_id: "b" })),
    run: list,
    expect: value((page: PageView) =>
      assert.deepStrictEqual(page.data.map((m) => m.id), controlIds.map(([, id]) => id))
    )
  }),
  defineCase({
    name: "retrieve answers a model with a 1 MB id",
    server: () => answer(200, F.model("i".repeat(1_000_000))),
    run: retrieve("claude-x"),
    expect: value((model: ModelView) => assert.strictEqual(model.id.length, 1_000_000))
  })
]

// ---------------------------------------------------------------------------
// Broken bodies, broken HTTP
// ---------------------------------------------------------------------------

const timedOut = fails("RequestTimeoutError", { method: "GET", path: "/v1/models" }, (error, ctx) => {
  assert.strictEqual(millisField(ctx, error, "timeout"), 500)
})

const halfSecond = { timeout: "500 millis" } as const

const bodyCases: ReadonlyArray<Case> = [
  defineCase({
    name: "Content-Length 1000, 50 bytes, then a reset",
    server: () => (exchange) =>
      S.cutAfter(
        exchange,
        { "content-type": "application/json", "content-length": "1000" },
        200,
        pageJson.slice(0, 50)
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "Content-Length 1000, part of it, then a clean close",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000", pageJson.slice(0, 50))
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "chunked, one chunk, then a reset",
    server: () => (exchange) =>
      S.cutAfter(exchange, { "content-type": "application/json" }, 200, pageJson.slice(0, 50)),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "chunked without the last chunk, then a clean close",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked", "2\r\n{}\r\n")
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "a reset before any byte",
    server: () => S.reset,
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "a clean close before any byte",
    server: () => (exchange) => exchange.socket.end(),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "a reset right after the headers",
    server: () => (exchange) => {
      exchange.res.writeHead(200, { "content-type": "application/json", "content-length": "500" })
      exchange.res.flushHeaders()
      S.later(exchange, 20, () => exchange.socket.resetAndDestroy())
    },
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "an invalid chunk size",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked",
          "ZZZ\r\n{}\r\n0\r\n\r\n"
        )
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "a chunk longer than its size",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked",
          `2\r\n${pageJson}\r\n0\r\n\r\n`
        )
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "both Content-Length and Transfer-Encoding",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5\r\ntransfer-encoding: chunked",
          `${pageJson.length.toString(16)}\r\n${pageJson}\r\n0\r\n\r\n`
        )
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "two different Content-Length headers",
    server: () => (exchange) =>
      S.raw(
        exchange,
        rawResponse(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${pageJson.length}\r\ncontent-length: 3`,
          pageJson
        )
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "HTTP/1.0 without a length, ended by close: a valid page",
    server: () => (exchange) =>
      S.raw(exchange, rawResponse("HTTP/1.0 200 OK\r\ncontent-type: application/json", pageJson)),
    run: list,
    expect: value((page: PageView) => assert.strictEqual(page.data.length, 2))
  }),
  defineCase({
    name: "a server that never answers -> RequestTimeoutError within the timeout",
    server: () => S.never,
    run: list,
    options: halfSecond,
    expect: timedOut,
    atLeast: 450,
    within: 1_500
  }),
  defineCase({
    name: "headers, then nothing -> RequestTimeoutError",
    server: () => (exchange) => {
      exchange.res.writeHead(200, { "content-type": "application/json", "content-length": "100" })
      exchange.res.flushHeaders()
    },
    run: list,
    options: halfSecond,
    expect: timedOut,
    atLeast: 450,
    within: 1_500
  }),
  defineCase({
    name: "a body that never ends (a byte every 50 ms) -> RequestTimeoutError",
    server: () => (exchange) => S.drip(exchange, " ", { everyMs: 50, maxMs: 10_000 }),
    run: list,
    options: halfSecond,
    expect: timedOut,
    atLeast: 450,
    within: 1_500
  }),
  defineCase({
    name: "HTML labelled application/json (200) -> MalformedResponseError json",
    server: () => (exchange) => S.sendJson(exchange, 200, F.html()),
    run: list,
    expect: fails("MalformedResponseError", { status: 200, reason: "json" })
  }),
  defineCase({
    name: "an empty 200 -> MalformedResponseError",
    server: () => (exchange) => S.sendJson(exchange, 200, ""),
    run: list,
    expect: fails("MalformedResponseError", { status: 200 })
  }),
  defineCase({
    name: "a 204 -> MalformedResponseError",
    server: () => (exchange) => {
      exchange.res.writeHead(204)
      exchange.res.end()
    },
    run: list,
    expect: fails("MalformedResponseError", { status: 204 })
  }),
  ...(["null", "[]", "\"text\"", "42", "{}", "true"] as const).map((body) =>
    defineCase({
      name: `a 200 of ${body} -> MalformedResponseError schema`,
      server: () => (exchange) => S.sendJson(exchange, 200, body),
      run: list,
      expect: fails("MalformedResponseError", { status: 200, reason: "schema" })
    })
  ),
  ...([
    ["arrays 3 000 deep", F.nestedArrays(3_000)],
    ["arrays 100 000 deep", F.nestedArrays(100_000)],
    ["objects 100 000 deep", F.nestedObjects(100_000)],
    ["data 100 000 deep", `{"data":${F.nestedArrays(100_000)},"first_id":null,"last_id":null,"has_more":false}`],
    [
      "a model id 100 000 deep",
      `{"data":[{"id":${
        F.nestedArrays(100_000)
      },"type":"model","display_name":"d","created_at":"2025-02-19T00:00:00Z"}],"first_id":null,"last_id":null,"has_more":false}`
    ]
  ] as const).map(([what, body]) =>
    defineCase({
      name: `a 200 of ${what} -> MalformedResponseError`,
      server: () => (exchange) => S.sendJson(exchange, 200, body),
      run: list,
      expect: fails("MalformedResponseError", { status: 200 })
    })
  ),
  defineCase({
    name: "retrieve answered with arrays 3 000 deep -> MalformedResponseError",
    server: () => (exchange) => S.sendJson(exchange, 200, F.nestedArrays(3_000)),
    run: retrieve("claude-x"),
    expect: fails("MalformedResponseError", { status: 200 })
  }),
  defineCase({
    name: "a capability detail 100 000 deep: a value or MalformedResponseError, never a defect",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        200,
        `{"data":[{"id":"claude-deep","type":"model","display_name":"d","created_at":"2025-02-19T00:00:00Z",` +
          `"capabilities":{"thinking":{"supported":true,"types":${
            F.nestedArrays(100_000)
          }}}}],"first_id":"claude-deep","last_id":"claude-deep","has_more":false}`
      ),
    run: list,
    expect: oneOf(
      value((page: PageView) => assert.strictEqual(page.data[0]?.id, "claude-deep")),
      fails("MalformedResponseError", { status: 200 })
    )
  }),
  defineCase({
    name: "a 500 of arrays 100 000 deep -> APIError (not the API's JSON)",
    server: () => (exchange) => S.sendJson(exchange, 500, F.nestedArrays(100_000)),
    run: list,
    expect: fails("APIError", { status: 500 }, (error) => assert.isTrue(String(error.body).startsWith("[[[[")))
  }),
  ...([
    ["not HTTP at all", "SSH-2.0-OpenSSH_9.6\r\n\r\n"],
    ["HTTP/1.1 abc OK", rawResponse("HTTP/1.1 abc OK\r\ncontent-length: 2", "{}")],
    ["binary garbage", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a, 0x7b, 0x7d])],
    [
      "a header line without a colon",
      rawResponse("HTTP/1.1 200 OK\r\nthis is not a header\r\ncontent-length: 2", "{}")
    ],
    ["HTTP/9.9", rawResponse("HTTP/9.9 200 OK\r\ncontent-length: 2", "{}")]
  ] as const).map(([what, bytes]) =>
    defineCase({
      name: `a garbage status line (${what}) -> ConnectionError`,
      server: () => (exchange) => S.raw(exchange, bytes),
      run: list,
      expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
    })
  ),
  defineCase({
    name: "status 999 -> UnknownApiError",
    server: () => (exchange) =>
      S.raw(exchange, rawResponse("HTTP/1.1 999 Weird\r\ncontent-type: application/json\r\ncontent-length: 2", "{}")),
    run: list,
    expect: fails("UnknownApiError", { status: 999 })
  }),
  defineCase({
    name: "a 100 KB header -> ConnectionError",
    server: () => (exchange) => S.sendJson(exchange, 200, okPage, { "x-huge": "h".repeat(100_000) }),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  }),
  defineCase({
    name: "1 000 headers of 100 bytes -> ConnectionError",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        200,
        okPage,
        Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`x-h-${i}`, "v".repeat(100)]))
      ),
    run: list,
    expect: fails("ConnectionError", { method: "GET", path: "/v1/models" })
  })
]

// ---------------------------------------------------------------------------
// __proto__ and friends in success bodies
// ---------------------------------------------------------------------------

const protoCases: ReadonlyArray<Case> = [
  ...(["page", "model", "capabilities", "capability", "constructor"] as const).map((where) =>
    defineCase({
      name: `__proto__ in the ${where === "constructor" ? "capability (constructor.prototype)" : where}`,
      server: () => (exchange) => S.sendJson(exchange, 200, protoPage(where)),
      run: list,
      expect: oneOf(value(assertProtoPage), fails("MalformedResponseError", { status: 200 }))
    })
  ),
  defineCase({
    name: "__proto__ in a retrieved model's capability",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        200,
        "{\"id\":\"claude-proto\",\"type\":\"model\",\"display_name\":\"Proto\",\"created_at\":\"2025-02-19T00:00:00Z\"," +
          "\"capabilities\":{\"batch\":{\"supported\":true,\"__proto__\":{\"polluted\":true}}}}"
      ),
    run: retrieve("claude-proto"),
    expect: oneOf(
      value((model: ModelView) => {
        assertPlainObject(model, "model")
        assertPlainObject(model.capabilities, "capabilities")
        assertPlainObject(field(model.capabilities, "batch"), "capabilities.batch")
      }),
      fails("MalformedResponseError", { status: 200 })
    )
  }),
  defineCase({
    name: "__proto__ in an error body and its details",
    server: () => (exchange) =>
      S.sendJson(
        exchange,
        400,
        "{\"type\":\"error\",\"__proto__\":{\"polluted\":true},\"error\":{\"type\":\"invalid_request_error\"," +
          "\"message\":\"proto\",\"__proto__\":{\"isAdmin\":true},\"details\":{\"__proto__\":{\"polluted\":true}," +
          "\"error_code\":\"proto_code\"}}}"
      ),
    run: list,
    expect: fails("InvalidRequestError", { status: 400, message: "proto" }, (error) => {
      if (error.details !== undefined) assertPlainObject(error.details, "details")
    })
  })
]

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

/** Every case, by group, in the order the runners register them. */
export const groups: ReadonlyArray<readonly [string, ReadonlyArray<Case>]> = [
  ["redirects", redirectCases],
  ["size limit", sizeCases],
  ["error text", textCases],
  ["error class", classCases],
  ["retries", retryCases],
  ["retry-after", retryAfterCases],
  ["cursors and data", cursorCases],
  ["broken bodies and HTTP", bodyCases],
  ["__proto__", protoCases]
]

export const layers: ReadonlyArray<LayerName> = ["node", "fetch"]
