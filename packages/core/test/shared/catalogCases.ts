/**
 * The ModelCatalog suite, as data both editions run:
 * packages/core/test/ModelCatalog.test.ts (Effect 3) and
 * effect4/packages/core/test/ModelCatalog.test.ts (Effect 4) are thin
 * runners that build the catalogue layers, the fake Models API, the log
 * capture and the fibers, and perform each case's script under their
 * TestClock.
 *
 * A case is a setup (a live catalogue over a fake API, several catalogues on
 * one store, or an offline snapshot) and a script of steps: call the
 * catalogue (once, or many times at once), fork and join, interrupt, move
 * the clock, let background refreshes finish, and check. A check sees the
 * fake API (and may change what it answers), its requests, the warnings
 * logged so far and the outcomes of the last call.
 *
 * The two tests that are no script (`supports`, `diff`) are named and
 * placed here and written in the runners, over plain checks here; the
 * type-level checks stay in the runners.
 */
import * as Catalog from "@anthropic-effect/protocol/Catalog"
import * as Catalogue from "@anthropic-effect/protocol/Catalogue"
import type * as Json from "@anthropic-effect/protocol/Json"
import type * as H from "./modelsHarness.js"

/** The chai assertions the cases use, from the runner's `@effect/vitest`. */
export interface Assert extends H.Assert {
  notStrictEqual(actual: unknown, expected: unknown, message?: string): void
}

/** The response builders of each edition's test/utils.ts, which a runner passes whole. */
export interface Fixtures {
  readonly json: (body: unknown, status?: number, headers?: Record<string, string>) => Response
  readonly apiError: (status: number, type: string, message: string, headers?: Record<string, string>) => Response
  readonly pageOf: (models: ReadonlyArray<Catalogue.Model>, url: URL) => unknown
}

/** What differs between the editions for the cases: only where their assertions and responses come from. */
export interface Edition {
  readonly assert: Assert
  readonly fixtures: Fixtures
}

/** A decoded model of either edition: what the catalogue's rules read, and its name. */
export interface Model extends Catalog.CatalogModel {
  readonly display_name: string
}

/** The capability paths the cases query by; each runner's compiler checks they are paths of its schema. */
export type QueryPath = "pdf_input" | "effort"

export type Query = Catalog.Query<QueryPath>

/** Durations as text both editions' `Duration` inputs read. */
export type DurationText = `${number} ${"hour" | "days" | "minutes"}`

/**
 * A live catalogue's options, in terms both editions' `ModelCatalog.Options`
 * take; `refreshEvery` stands for `refreshSchedule: Schedule.spaced(...)`.
 */
export interface CatalogOptions {
  readonly betas?: ReadonlyArray<string>
  readonly workspaceId?: string
  readonly ttl?: DurationText
  readonly maxStale?: DurationText
  readonly policy?: Catalog.Policy
  readonly minRetained?: number
  readonly refreshEvery?: DurationText
}

/** `options` for the edition's `ModelCatalog.layer`, `refreshEvery` made a schedule by its `spaced`. */
export const layerOptions = <S>(options: CatalogOptions, spaced: (every: DurationText) => S) => {
  const { refreshEvery, ...rest } = options
  return refreshEvery === undefined ? rest : { ...rest, refreshSchedule: spaced(refreshEvery) }
}

export type Setup =
  /** `ModelCatalog.layer(options)` over the fake Models API (no retries) answering from `models`. */
  | {
    readonly _tag: "Live"
    readonly models: ReadonlyArray<Catalogue.Model>
    readonly aliases?: Readonly<Record<string, string>>
    readonly options?: CatalogOptions
  }
  /** One memory store; every call builds a new `ModelCatalog.layer({ store })` over it and the fake API. */
  | { readonly _tag: "Store"; readonly models: ReadonlyArray<Catalogue.Model> }
  /** `ModelCatalog.layerSnapshot(decoded models, fetchedAt, { policy })`: no API at all. */
  | {
    readonly _tag: "Snapshot"
    readonly models: ReadonlyArray<Json.ModelJson>
    readonly fetchedAt: string | number
    readonly policy?: Catalog.Policy
  }

/** The catalogue call a step makes through the public API. */
export type Call =
  | { readonly _tag: "All" }
  | { readonly _tag: "Select"; readonly query?: Query }
  | { readonly _tag: "Get"; readonly name: string }
  | { readonly _tag: "Resolve"; readonly name: string }
  | { readonly _tag: "MaxTokensFor"; readonly name: string }
  | { readonly _tag: "Latest"; readonly line: string }
  | { readonly _tag: "Snapshot" }
  | { readonly _tag: "Refresh" }
  /** `get(name)` inside `Effect.withSpan("caller")`, answering that span's attributes. */
  | { readonly _tag: "SpanOfGet"; readonly name: string }
  /** The first `take` events of `ModelCatalog.changes`. */
  | { readonly _tag: "Changes"; readonly take: number }
  /** `select(query)`, each model answered with its `status` now. */
  | { readonly _tag: "Judge"; readonly query: Query }

/** What a call answers, as the runner reports it. */
export type Answer =
  | { readonly _tag: "Models"; readonly models: ReadonlyArray<Model> }
  | { readonly _tag: "Model"; readonly model: Model }
  | { readonly _tag: "Resolved"; readonly requested: string; readonly model: Model }
  | { readonly _tag: "Tokens"; readonly tokens: number }
  | { readonly _tag: "Latest"; readonly model: Model | undefined }
  | { readonly _tag: "Snapshot"; readonly fetchedAt: number; readonly models: ReadonlyArray<Model> }
  | { readonly _tag: "Attributes"; readonly attributes: ReadonlyMap<string, unknown> }
  | { readonly _tag: "Changes"; readonly changes: ReadonlyArray<Catalog.Change<Model>> }
  | { readonly _tag: "Judged"; readonly judged: ReadonlyArray<Judged> }

/** A model a query answered, with the status the catalogue gives it at the query time. */
export interface Judged {
  readonly model: Model
  readonly status: Catalog.Status
}

/** The answers, for the runners' `Ops`. */
export const answers = {
  models: (models: ReadonlyArray<Model>): Answer => ({ _tag: "Models", models }),
  model: (model: Model): Answer => ({ _tag: "Model", model }),
  resolved: (resolved: { readonly requested: string; readonly model: Model }): Answer => ({
    _tag: "Resolved",
    ...resolved
  }),
  tokens: (tokens: number): Answer => ({ _tag: "Tokens", tokens }),
  latest: (model: Model | undefined): Answer => ({ _tag: "Latest", model }),
  snapshot:
    (millis: (instant: Catalog.Instant) => number) =>
    (snapshot: { readonly fetchedAt: Catalog.Instant; readonly models: ReadonlyArray<Model> }): Answer => ({
      _tag: "Snapshot",
      fetchedAt: millis(snapshot.fetchedAt),
      models: snapshot.models
    }),
  attributes: (span: { readonly attributes: ReadonlyMap<string, unknown> }): Answer => ({
    _tag: "Attributes",
    attributes: span.attributes
  }),
  changes: (changes: ReadonlyArray<Catalog.Change<Model>>): Answer => ({ _tag: "Changes", changes }),
  judged: (judged: ReadonlyArray<Judged>): Answer => ({ _tag: "Judged", judged })
}

/** Each call as the edition makes it, `F` being its Effect of an `Answer`. */
export interface Ops<F> {
  readonly all: F
  readonly select: (query: Query | undefined) => F
  readonly get: (name: string) => F
  readonly resolve: (name: string) => F
  readonly maxTokensFor: (name: string) => F
  readonly latest: (line: string) => F
  readonly snapshot: F
  readonly refresh: F
  readonly spanOfGet: (name: string) => F
  readonly changes: (take: number) => F
  readonly judge: (query: Query) => F
}

/** The edition's Effect of `call`. */
export const perform = <F>(ops: Ops<F>, call: Call): F => {
  switch (call._tag) {
    case "All":
      return ops.all
    case "Select":
      return ops.select(call.query)
    case "Get":
      return ops.get(call.name)
    case "Resolve":
      return ops.resolve(call.name)
    case "MaxTokensFor":
      return ops.maxTokensFor(call.name)
    case "Latest":
      return ops.latest(call.line)
    case "Snapshot":
      return ops.snapshot
    case "Refresh":
      return ops.refresh
    case "SpanOfGet":
      return ops.spanOfGet(call.name)
    case "Changes":
      return ops.changes(call.take)
    case "Judge":
      return ops.judge(call.query)
  }
}

/** What the cases read of the edition's lookup errors. */
export interface ErrorView {
  readonly _tag: string
  readonly message: string
  readonly requestId?: string | undefined
  readonly replacement?: string | undefined
}

/** A settled call: its answer, or the error it failed with. */
export type Outcome =
  | { readonly _tag: "Value"; readonly answer: Answer }
  | { readonly _tag: "Failure"; readonly error: ErrorView }

/** `onFailure` and `onSuccess` for the edition's `Effect.match`. */
export const failed = (error: ErrorView): Outcome => ({ _tag: "Failure", error })
export const succeeded = (answer: Answer): Outcome => ({ _tag: "Value", answer })

/** One log line as the runner's logger captured it; `warn` is whether it was logged at the warning level. */
export interface Line {
  readonly warn: boolean
  readonly message: string
  readonly annotations: Readonly<Record<string, unknown>>
}

/** What the fake API answers now; a check may change it between steps. */
export interface ApiState {
  models: ReadonlyArray<Catalogue.Model>
  readonly aliases: Readonly<Record<string, string>>
  /** How long each answer takes on the test clock. */
  latencyMillis: number
  /** When set, every request gets (a copy of) this response. */
  fail: Response | undefined
}

/** How the fake API answers `request`: list and retrieve over `state`. */
export const answer = (fixtures: Fixtures, state: ApiState, request: H.SeenRequest): Response => {
  const path = request.url.pathname
  if (state.fail !== undefined) return state.fail.clone()
  if (path === "/v1/models") return fixtures.json(fixtures.pageOf(state.models, request.url))
  const requested = decodeURIComponent(path.slice("/v1/models/".length))
  const id = state.aliases[requested] ?? requested
  const model = state.models.find((candidate) => candidate.id === id)
  return model === undefined
    ? fixtures.apiError(404, "not_found_error", `model: ${requested}`, { "request-id": "req_404" })
    : fixtures.json(model)
}

/** What a check sees of the run so far; the runner fills it in as the steps go. */
export interface Run {
  readonly api: ApiState
  /** The requests the fake API received, in order. */
  readonly requests: ReadonlyArray<H.SeenRequest>
  readonly lines: ReadonlyArray<Line>
  /** The outcomes of the last `Call` or `Join`, one per caller. */
  outcomes: ReadonlyArray<Outcome>
}

export type Step =
  /** `times` callers of `call`: all at once (unbounded), or one after another when `sequential`. */
  | { readonly _tag: "Call"; readonly call: Call; readonly times: number; readonly sequential: boolean }
  /** The same, forked as the fiber `name`. */
  | { readonly _tag: "Fork"; readonly call: Call; readonly times: number; readonly name: string }
  | { readonly _tag: "Join"; readonly name: string }
  | { readonly _tag: "Interrupt"; readonly name: string }
  /** `TestClock.adjust(millis)`. */
  | { readonly _tag: "Adjust"; readonly millis: number }
  /** `TestClock.setTime(millis)`. */
  | { readonly _tag: "SetTime"; readonly millis: number }
  /** Background refreshes go through real promises (the response body): 25 ms of real time lets them finish. */
  | { readonly _tag: "Settle" }
  | { readonly _tag: "Check"; readonly check: (run: Run) => void }

/** How the runner performs each step, `F` being its `Effect<void>`; the handlers keep the `Run` up to date. */
export interface Handlers<F> {
  readonly call: (call: Call, times: number, sequential: boolean) => F
  readonly fork: (name: string, call: Call, times: number) => F
  readonly join: (name: string) => F
  readonly interrupt: (name: string) => F
  readonly adjust: (millis: number) => F
  readonly setTime: (millis: number) => F
  readonly settle: F
  /** `Effect.sync(f)`. */
  readonly sync: (f: () => void) => F
}

/** The edition's Effect of `step`, over the run `run`. */
export const stepOf = <F>(handlers: Handlers<F>, run: Run, step: Step): F => {
  switch (step._tag) {
    case "Call":
      return handlers.call(step.call, step.times, step.sequential)
    case "Fork":
      return handlers.fork(step.name, step.call, step.times)
    case "Join":
      return handlers.join(step.name)
    case "Interrupt":
      return handlers.interrupt(step.name)
    case "Adjust":
      return handlers.adjust(step.millis)
    case "SetTime":
      return handlers.setTime(step.millis)
    case "Settle":
      return handlers.settle
    case "Check":
      return handlers.sync(() => step.check(run))
  }
}

/** One setup and its script. */
export interface Script {
  readonly setup: Setup
  readonly steps: ReadonlyArray<Step>
}

/** The tests that are no script: plain checks the runners write, as they hold type-level checks or need decoding. */
export type Plain = "supports" | "diff"

/**
 * A test: one script, several performed in turn under one TestClock, or
 * one of the runner's plain tests, named and placed here.
 */
export type Case =
  | Script & { readonly name: string }
  | { readonly name: string; readonly scripts: ReadonlyArray<Script> }
  | { readonly name: string; readonly plain: Plain }

/** The fake API at the start of a script: the setup's models (none offline: it gets no request), at once. */
export const apiState = (setup: Setup): ApiState => ({
  models: setup._tag === "Snapshot" ? [] : setup.models,
  aliases: setup._tag === "Live" ? setup.aliases ?? {} : {},
  latencyMillis: 0,
  fail: undefined
})

/**
 * The bookkeeping of one script's run, `F` being the edition's fiber: the
 * `Run` the checks see, `settled` to record the outcomes of a call or a join,
 * and the forked fibers by name.
 */
export const session = <F>(
  assert: Assert,
  api: ApiState,
  requests: ReadonlyArray<H.SeenRequest>,
  lines: ReadonlyArray<Line>
) => {
  const run: Run = { api, requests, lines, outcomes: [] }
  const fibers = new Map<string, F>()
  return {
    run,
    settled: (outcomes: ReadonlyArray<Outcome>): void => {
      run.outcomes = outcomes
    },
    keep: (name: string) => (fiber: F): void => void fibers.set(name, fiber),
    fiber: (name: string): F => fibers.get(name) ?? assert.fail(`no fiber ${name}`)
  }
}

/** How many list (`GET /v1/models`) or retrieve requests the fake API received. */
export const count = (requests: ReadonlyArray<H.SeenRequest>, kind: "list" | "retrieve"): number =>
  requests.filter((request) => (request.url.pathname === "/v1/models") === (kind === "list")).length

export const warnings = (run: Run): ReadonlyArray<Line> => run.lines.filter((line) => line.warn)

const second = 1000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour

type Steps = ReadonlyArray<Step | ReadonlyArray<Step>>
const script = (...steps: Steps): ReadonlyArray<Step> => steps.flat()

const check = (f: (run: Run) => void): Step => ({ _tag: "Check", check: f })
/** Every outcome of the last call a value, as `yield*` of the call would have required. */
const values = (assert: Assert) =>
  check(({ outcomes }) => {
    for (const outcome of outcomes) {
      if (outcome._tag === "Failure") {
        assert.fail(`expected a value, got ${outcome.error._tag}: ${outcome.error.message}`)
      }
    }
  })
/** `times` callers at once, or one after another when `sequential`: values only. */
const calls = (assert: Assert) => ({
  call: (
    c: Call,
    times = 1
  ): ReadonlyArray<Step> => [{ _tag: "Call", call: c, times, sequential: false }, values(assert)],
  inTurn: (c: Call, times: number): ReadonlyArray<Step> => [
    { _tag: "Call", call: c, times, sequential: true },
    values(assert)
  ],
  join: (name: string): ReadonlyArray<Step> => [{ _tag: "Join", name }, values(assert)]
})
/** A call that may fail: the case reads its outcome. */
const attempt = (c: Call, times = 1): Step => ({ _tag: "Call", call: c, times, sequential: false })
const fork = (name: string, c: Call, times = 1): Step => ({ _tag: "Fork", call: c, times, name })
const adjust = (millis: number): Step => ({ _tag: "Adjust", millis })
const settle: Step = { _tag: "Settle" }

const all: Call = { _tag: "All" }
const select = (query?: Query): Call => query === undefined ? { _tag: "Select" } : { _tag: "Select", query }
const get = (name: string): Call => ({ _tag: "Get", name })
const maxTokensFor = (name: string): Call => ({ _tag: "MaxTokensFor", name })

const synthetic = (size: number, idPrefix: string) => Catalogue.synthetic(size, { idPrefix })

// A model that is active at the start of the test clock, deprecated at 1 day and retired at 30 days.
const lifecycleCatalogue = (prefix: string): ReadonlyArray<Catalogue.Model> => [
  {
    id: `${prefix}-sonnet-new`,
    type: "model",
    display_name: "New",
    created_at: "1970-01-01T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_tokens: 64_000,
    capabilities: { pdf_input: { supported: true }, batch: { supported: true } }
  },
  {
    id: `${prefix}-sonnet-small`,
    type: "model",
    display_name: "Smaller, newer, fewer capabilities",
    created_at: "1970-01-01T00:00:01Z",
    line: "sonnet",
    lifecycle: "active",
    capabilities: { pdf_input: { supported: false }, batch: { supported: true } }
  },
  {
    id: `${prefix}-sonnet-old`,
    type: "model",
    display_name: "Old",
    created_at: "1969-06-01T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_tokens: 8_192,
    capabilities: { pdf_input: { supported: true } },
    deprecated_at: "1970-01-02T00:00:00Z",
    retires_at: "1970-01-31T00:00:00Z"
  }
]

/** The change feed's two listings: the second adds one model, changes one and removes one. */
export const changeCatalogue = (version: 1 | 2): ReadonlyArray<Catalogue.Model> => {
  const base = lifecycleCatalogue("chg")
  if (version === 1) return base
  return [
    { id: "chg-opus-added", type: "model", display_name: "Added", created_at: "1970-01-03T00:00:00Z", line: "opus" },
    base[0]!,
    { ...base[2]!, lifecycle: "deprecated", retires_at: "1970-02-28T00:00:00Z" }
  ]
}

/** The offline snapshot the query cases read: the Claude catalogue fetched on 2026-11-01. */
const offline: Setup = {
  _tag: "Snapshot",
  models: Catalogue.claudeModels,
  fetchedAt: "2026-11-01T00:00:00Z",
  policy: "off"
}

const live = (
  models: ReadonlyArray<Catalogue.Model>,
  options: CatalogOptions = {},
  aliases: Readonly<Record<string, string>> = {}
): Setup => ({ _tag: "Live", models, aliases, options })

const isTagged = <T extends Answer["_tag"]>(tag: T, answer: Answer): answer is Extract<Answer, { _tag: T }> =>
  answer._tag === tag

/** The readers of a run's outcomes; an outcome of another kind fails the check. */
const readers = (assert: Assert) => {
  const describe = (outcome: Outcome | undefined) =>
    outcome === undefined
      ? "no outcome"
      : outcome._tag === "Value"
      ? `a ${outcome.answer._tag}`
      : `${outcome.error._tag}: ${outcome.error.message}`
  const answerOf = <T extends Answer["_tag"]>(tag: T, outcome: Outcome | undefined): Extract<Answer, { _tag: T }> =>
    outcome?._tag === "Value" && isTagged(tag, outcome.answer)
      ? outcome.answer
      : assert.fail(`expected ${tag}, got ${describe(outcome)}`)
  const error = (outcome: Outcome | undefined): ErrorView =>
    outcome?._tag === "Failure" ? outcome.error : assert.fail(`expected a failure, got ${describe(outcome)}`)
  /** The models each caller got. */
  const models = (run: Run) => run.outcomes.map((outcome) => answerOf("Models", outcome).models)
  /** The models the one caller got. */
  const listed = (run: Run) => models(run)[0]!
  const model = (run: Run) => answerOf("Model", run.outcomes[0]).model
  return { answerOf, error, listed, model, models }
}

/** The scripted cases, in `describe` groups, for an edition. */
export const groups = (edition: Edition): ReadonlyArray<readonly [string, ReadonlyArray<Case>]> => {
  const { assert, fixtures } = edition
  const { answerOf, error, listed, model, models } = readers(assert)
  const { call, inTurn, join } = calls(assert)
  const lists = (n: number, message?: string) =>
    check((run) => assert.strictEqual(count(run.requests, "list"), n, message))
  const retrieves = (n: number, message?: string) =>
    check((run) => assert.strictEqual(count(run.requests, "retrieve"), n, message))
  const eachHas = (size: number) => check((run) => assert.isTrue(models(run).every((m) => m.length === size)))
  const has = (size: number, message?: string) => check((run) => assert.strictEqual(listed(run).length, size, message))
  const change = (f: (api: ApiState) => void) => check((run) => f(run.api))

  return [
    ["single flight", [
      {
        name: "100 concurrent callers on an empty cache make one listing, and 100 more after the TTL one more",
        setup: live(synthetic(30, "sf")),
        steps: script(
          call(all, 100),
          lists(1),
          eachHas(30),
          adjust(10 * minute),
          call(all, 100),
          settle,
          lists(2)
        )
      },
      {
        name: "callers waiting on a slow first listing share it",
        setup: live(synthetic(5, "slow")),
        steps: script(
          change((api) => (api.latencyMillis = 2 * second)),
          fork("callers", select(), 100),
          adjust(2 * second),
          join("callers"),
          lists(1),
          eachHas(5)
        )
      }
    ]],
    ["the listing", [
      {
        name: "one snapshot per betas, workspace and lifecycle filter: sent on the listing, every stage by default",
        setup: live(synthetic(3, "scope"), { betas: ["beta-x"], workspaceId: "wrkspc_catalog" }),
        steps: script(
          call(all),
          check(({ requests: [request] }) => {
            assert.strictEqual(request!.headers["anthropic-beta"], "beta-x")
            assert.strictEqual(request!.headers["anthropic-workspace-id"], "wrkspc_catalog")
            assert.deepStrictEqual(request!.url.searchParams.getAll("lifecycle[]"), ["active", "deprecated", "retired"])
            assert.strictEqual(request!.url.searchParams.get("limit"), "1000")
          })
        )
      },
      {
        name: "a caller that gives up does not cancel the listing the others wait on",
        setup: live(synthetic(4, "interrupt")),
        steps: script(
          change((api) => (api.latencyMillis = second)),
          fork("quitter", all),
          fork("waiter", all),
          settle,
          { _tag: "Interrupt", name: "quitter" },
          adjust(second),
          join("waiter"),
          has(4),
          lists(1)
        )
      }
    ]],
    ["TTL and stale-while-revalidate", [
      {
        name: "within the TTL no request; after it, the stale snapshot at once while one refresh runs",
        setup: live(synthetic(10, "ttl")),
        steps: script(
          call(all),
          adjust(10 * minute - 1),
          call(all, 50),
          lists(1, "fresh until the TTL"),
          change((api) => {
            api.models = synthetic(12, "ttl")
            api.latencyMillis = 5 * second
          }),
          adjust(1),
          // The refresh takes 5 s on the test clock; these return without the clock moving.
          call(all, 50),
          eachHas(10),
          settle,
          lists(2, "one refresh for 50 stale readers"),
          adjust(5 * second),
          call(all),
          has(12),
          lists(2)
        )
      }
    ]],
    ["stale-if-error and the sanity check", [
      {
        name: "a failed refresh keeps the snapshot with one warning (error tag, request id) until maxStale",
        setup: live(synthetic(8, "sie"), { maxStale: "1 hour" }),
        steps: script(
          call(all),
          change((api) => (api.fail = fixtures.apiError(500, "api_error", "boom", { "request-id": "req_boom" }))),
          adjust(10 * minute),
          call(all), // starts the refresh
          settle,
          call(all, 20),
          eachHas(8),
          lists(2, "one failed refresh"),
          // No new attempt within retryAfterError (30 s), however many readers.
          adjust(29 * second),
          call(all, 20),
          lists(2),
          adjust(second),
          call(all),
          settle,
          lists(3, "a second attempt after 30 s, failing too"),
          check((run) => {
            const found = warnings(run)
            assert.strictEqual(found.length, 1)
            assert.strictEqual(found[0]!.annotations["catalog.error"], "APIError")
            assert.strictEqual(found[0]!.annotations["catalog.request_id"], "req_boom")
            assert.include(found[0]!.message, "refresh failed")
          }),
          // Past maxStale (1 hour here) the snapshot is not served: the caller gets the error.
          adjust(hour),
          attempt(all),
          check((run) => assert.strictEqual(error(run.outcomes[0])._tag, "APIError")),
          // Recovered: the next listing is applied and served.
          change((api) => (api.fail = undefined)),
          call(all),
          has(8),
          lists(5)
        )
      },
      {
        name: "a refresh with far fewer models, or none, is not applied, and is logged",
        setup: live(synthetic(20, "sanity")),
        steps: script(
          call(all),
          change((api) => (api.models = synthetic(3, "sanity"))),
          adjust(10 * minute),
          call(all),
          settle,
          call(all),
          has(20),
          lists(2),
          check((run) => {
            assert.strictEqual(warnings(run).length, 1)
            assert.include(warnings(run)[0]!.message, "listed 3 models where the snapshot has 20")
          }),
          change((api) => (api.models = [])),
          adjust(30 * second),
          call(all),
          settle,
          call(all),
          has(20, "an empty listing is not applied either"),
          lists(3),
          change((api) => (api.models = synthetic(15, "sanity"))),
          adjust(30 * second),
          call(all),
          settle,
          call(all),
          has(15, "three quarters of the models is plausible"),
          lists(4)
        )
      }
    ]],
    ["lifecycle policy", [
      {
        name: "warn: nothing before deprecated_at, then 1,000 uses give one line, and after retires_at one more",
        setup: live(lifecycleCatalogue("warn"), { ttl: "100 days" }),
        steps: script(
          inTurn(get("warn-sonnet-old"), 1000),
          check((run) => assert.strictEqual(warnings(run).length, 0, "active before deprecated_at")),
          adjust(day),
          inTurn(get("warn-sonnet-old"), 1000),
          inTurn(maxTokensFor("warn-sonnet-old"), 1000),
          check((run) => {
            assert.strictEqual(warnings(run).length, 1)
            const deprecated = warnings(run)[0]!
            assert.include(deprecated.message, "is deprecated and retires on 1970-01-31T00:00:00.000Z")
            assert.include(deprecated.message, "use warn-sonnet-new instead")
            assert.strictEqual(deprecated.annotations["catalog.replacement"], "warn-sonnet-new")
            assert.strictEqual(deprecated.annotations["catalog.retires_at"], "1970-01-31T00:00:00.000Z")
          }),
          adjust(29 * day),
          inTurn(get("warn-sonnet-old"), 1000),
          check((run) => {
            assert.strictEqual(warnings(run).length, 2)
            assert.include(warnings(run)[1]!.message, "was retired on 1970-01-31T00:00:00.000Z")
          }),
          retrieves(0)
        )
      },
      {
        name: "fail: typed errors after deprecated_at and after retires_at, with no request",
        setup: live(lifecycleCatalogue("fail"), { policy: "fail", ttl: "100 days" }),
        steps: script(
          call(get("fail-sonnet-old")),
          check((run) => assert.strictEqual(model(run).id, "fail-sonnet-old")),
          adjust(day),
          attempt(get("fail-sonnet-old")),
          check((run) => {
            const deprecated = error(run.outcomes[0])
            assert.strictEqual(deprecated._tag, "ModelDeprecatedError")
            assert.isTrue(deprecated._tag === "ModelDeprecatedError" && deprecated.replacement === "fail-sonnet-new")
          }),
          adjust(29 * day),
          attempt(maxTokensFor("fail-sonnet-old")),
          check((run) => assert.strictEqual(error(run.outcomes[0])._tag, "ModelRetiredError")),
          lists(1),
          retrieves(0),
          // Queries are not uses: select still answers, without the retired model.
          call(select()),
          check((run) => assert.deepStrictEqual(listed(run).map((m) => m.id), ["fail-sonnet-small", "fail-sonnet-new"]))
        )
      },
      {
        name: "off: no log, no error",
        setup: live(lifecycleCatalogue("off"), { policy: "off", ttl: "100 days" }),
        steps: script(
          adjust(40 * day),
          call(get("off-sonnet-old")),
          check((run) => assert.strictEqual(model(run).id, "off-sonnet-old")),
          check((run) => assert.strictEqual(warnings(run).length, 0))
        )
      }
    ]],
    ["aliases", [
      {
        name: "an alias costs one request per TTL, concurrent callers included; the span records it",
        setup: live(Catalogue.claudeModels, {}, Catalogue.claudeAliases),
        steps: script(
          call({ _tag: "Resolve", name: "claude-sonnet-4-5" }),
          check((run) => {
            const resolved = answerOf("Resolved", run.outcomes[0])
            assert.strictEqual(resolved.requested, "claude-sonnet-4-5")
            assert.strictEqual(resolved.model.id, "claude-sonnet-4-5-20250929")
          }),
          call(get("claude-sonnet-4-5"), 100),
          retrieves(1),
          call({ _tag: "SpanOfGet", name: "claude-sonnet-4-5" }),
          check((run) => {
            const { attributes } = answerOf("Attributes", run.outcomes[0])
            assert.strictEqual(attributes.get("anthropic.model.requested"), "claude-sonnet-4-5")
            assert.strictEqual(attributes.get("anthropic.model.id"), "claude-sonnet-4-5-20250929")
          }),
          // An id in the listing needs no request.
          call(get("claude-opus-4-5-20251101")),
          retrieves(1),
          adjust(10 * minute),
          call(get("claude-sonnet-4-5"), 10),
          settle,
          retrieves(2, "asked again after the TTL"),
          lists(2)
        )
      },
      {
        name: "an unknown name is a ModelNotFoundError, asked once per TTL",
        setup: live(Catalogue.claudeModels, {}, Catalogue.claudeAliases),
        steps: script(
          attempt(get("claude-nonexistent"), 5),
          check((run) => {
            const errors = run.outcomes.map(error)
            assert.isTrue(errors.every((e) => e._tag === "ModelNotFoundError"))
            const first = errors[0]!
            assert.isTrue(first._tag === "ModelNotFoundError" && first.requestId === "req_404")
          }),
          retrieves(1)
        )
      },
      {
        name: "an alias of a retired model warns with the alias and the replacement",
        setup: live(Catalogue.claudeModels, {}, Catalogue.claudeAliases),
        steps: script(
          call(get("claude-3-5-haiku-latest")),
          check((run) => {
            const [warning] = warnings(run)
            assert.include(
              warning!.message,
              "claude-3-5-haiku-latest (claude-3-5-haiku-20241022) was retired on 2026-02-19"
            )
            assert.include(warning!.message, "use claude-haiku-4-5-20251001 instead")
          })
        )
      }
    ]],
    ["queries", [
      {
        name: "select: capabilities and limits, newest first, no retired model unless asked",
        setup: offline,
        steps: script(
          call(select({ capabilities: ["pdf_input"], minInputTokens: 200_000 })),
          check((run) =>
            assert.deepStrictEqual(listed(run).map((m) => m.id), [
              "claude-opus-4-5-20251101",
              "claude-haiku-4-5-20251001",
              "claude-sonnet-4-5-20250929",
              "claude-opus-4-1-20250805",
              "claude-opus-4-20250514",
              "claude-sonnet-4-20250514"
            ])
          ),
          call(select({ lines: ["sonnet"], lifecycle: ["retired"] })),
          check((run) => {
            const sonnets = listed(run)
            assert.isTrue(sonnets.length > 0 && sonnets.every((m) => m.lifecycle === "retired"))
          }),
          call(select({ minOutputTokens: 64_000, capabilities: ["effort"] })),
          check((run) => assert.deepStrictEqual(listed(run).map((m) => m.id), ["claude-opus-4-5-20251101"])),
          call({ _tag: "Latest", line: "haiku" }),
          check((run) => {
            const latest = answerOf("Latest", run.outcomes[0]).model
            assert.strictEqual(
              latest === undefined ? assert.fail("no latest haiku") : latest.id,
              "claude-haiku-4-5-20251001"
            )
          }),
          call({ _tag: "Latest", line: "claude-2" }),
          check((run) =>
            assert.isTrue(answerOf("Latest", run.outcomes[0]).model === undefined, "every claude-2 model is retired")
          ),
          call(maxTokensFor("claude-3-haiku-20240307")),
          check((run) => assert.strictEqual(answerOf("Tokens", run.outcomes[0]).tokens, 4_096))
        )
      },
      {
        name: "layerSnapshot never calls the API and answers get, resolve and errors",
        setup: offline,
        steps: script(
          call({ _tag: "Resolve", name: "claude-opus-4-5-20251101" }),
          check((run) =>
            assert.strictEqual(answerOf("Resolved", run.outcomes[0]).model.display_name, "Claude Opus 4.5")
          ),
          attempt(get("claude-sonnet-4-5")),
          check((run) => assert.strictEqual(error(run.outcomes[0])._tag, "ModelNotFoundError")),
          call({ _tag: "Snapshot" }),
          check((run) => {
            const snapshot = answerOf("Snapshot", run.outcomes[0])
            assert.strictEqual(snapshot.fetchedAt, Date.UTC(2026, 10, 1))
            assert.strictEqual(snapshot.models.length, Catalogue.claudeModels.length)
          }),
          call({ _tag: "Refresh" }),
          check((run) =>
            assert.strictEqual(answerOf("Snapshot", run.outcomes[0]).models.length, Catalogue.claudeModels.length)
          )
        )
      },
      { name: "supports: nested paths, typed from the schema", plain: "supports" }
    ]],
    ["select never returns a retired model", [
      { name: "over 200 random catalogues and query times", scripts: randomRuns().map((r) => randomScript(assert, r)) }
    ]],
    ["change feed", [
      {
        name: "refreshes on a schedule emit exact Added, Changed and Removed events; no change emits nothing",
        setup: live(changeCatalogue(1), { refreshEvery: "10 minutes", minRetained: 0 }),
        steps: script(
          call(all),
          fork("events", { _tag: "Changes", take: 3 }),
          settle,
          // One refresh with the same catalogue: nothing.
          adjust(10 * minute),
          lists(2),
          change((api) => (api.models = changeCatalogue(2))),
          adjust(10 * minute),
          lists(3),
          join("events"),
          check((run) => {
            const { changes } = answerOf("Changes", run.outcomes[0])
            assert.deepStrictEqual(changes.map((c) => c._tag), ["Added", "Changed", "Removed"])
            const [added, changed, removed] = changes
            assert.isTrue(added!._tag === "Added" && added!.model.id === "chg-opus-added")
            assert.isTrue(changed!._tag === "Changed" && changed!.after.id === "chg-sonnet-old")
            assert.deepStrictEqual(changed!._tag === "Changed" ? changed!.fields : [], ["lifecycle", "retires_at"])
            assert.isTrue(removed!._tag === "Removed" && removed!.model.id === "chg-sonnet-small")
          })
        )
      },
      { name: "diff on its own: equal listings give nothing, decoded timestamps compare by instant", plain: "diff" }
    ]],
    ["stores", [
      {
        name: "a second catalogue on the same store reuses a fresh snapshot without listing",
        setup: { _tag: "Store", models: synthetic(7, "store") },
        steps: script(
          call(all),
          lists(1),
          call(all),
          has(7),
          lists(1, "the second one read the store"),
          adjust(10 * minute),
          call(all),
          lists(2, "a stale stored snapshot is refreshed")
        )
      }
    ]]
  ]
}

/** The model the `supports` check reads, as the API would send it. */
export const supportsModel: Json.ModelJson = {
  id: "m",
  type: "model",
  display_name: "M",
  created_at: "2026-01-01T00:00:00Z",
  capabilities: {
    thinking: { supported: true, types: { adaptive: { supported: true }, enabled: { supported: false } } },
    effort: { supported: false, xhigh: { supported: true } },
    pdf_input: null
  }
}

/** The paths the `supports` check asks about; each runner's compiler checks they are capability paths. */
export type SupportsPath =
  | "thinking"
  | "thinking.types.adaptive"
  | "thinking.types.enabled"
  | "effort.xhigh"
  | "pdf_input"

/**
 * `supports` over `supportsModel` (decoded): `supports(path)` is the
 * data-first form, `curried(path)` the data-last one applied to the model.
 */
export const checkSupports = (
  assert: Assert,
  supports: (path: SupportsPath) => boolean,
  curried: (path: SupportsPath) => boolean
): void => {
  assert.isTrue(supports("thinking"))
  assert.isTrue(supports("thinking.types.adaptive"))
  assert.isFalse(supports("thinking.types.enabled"))
  assert.isFalse(supports("effort.xhigh"), "not when effort itself is unsupported")
  assert.isFalse(supports("pdf_input"))
  assert.isTrue(curried("thinking.types.adaptive"))
}

/** `diff` over the change feed's listings, each decoded afresh by the runner. */
export const checkDiff = (
  assert: Assert,
  diff: (before: ReadonlyArray<Catalogue.Model>, after: ReadonlyArray<Catalogue.Model>) => ReadonlyArray<{
    readonly _tag: string
  }>
): void => {
  assert.deepStrictEqual(diff(changeCatalogue(1), changeCatalogue(1)), [])
  const changes = diff(changeCatalogue(1), changeCatalogue(2))
  assert.deepStrictEqual(changes.map((c) => c._tag), ["Added", "Changed", "Removed"])
}

/** One random catalogue: its models, the time of the query, and the query. */
interface RandomRun {
  readonly models: ReadonlyArray<Json.ModelJson>
  readonly at: number
  readonly query: Query
}

const stages = ["active", "deprecated", "retired", "preview", undefined] as const

// A small deterministic generator, so every run covers the same 200 catalogues.
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}

/** 200 random catalogues and query times, the same on every run. */
const randomRuns = (): ReadonlyArray<RandomRun> =>
  Array.from({ length: 200 }, (_, run) => {
    const next = random(run + 1)
    const size = 1 + Math.floor(next() * 40)
    const models = Array.from({ length: size }, (_, i): Json.ModelJson => {
      const deprecated = next() < 0.5 ? Math.floor(next() * 100) * day : undefined
      const retires = next() < 0.5 ? Math.floor(next() * 100) * day : undefined
      return {
        id: `r${run}-${i}`,
        type: "model",
        display_name: `R ${i}`,
        created_at: new Date(Math.floor(next() * 100) * day).toISOString(),
        lifecycle: stages[Math.floor(next() * stages.length)],
        line: ["a", "b"][Math.floor(next() * 2)],
        capabilities: { pdf_input: { supported: next() < 0.5 } },
        max_input_tokens: Math.floor(next() * 300_000),
        ...(deprecated === undefined ? {} : { deprecated_at: new Date(deprecated).toISOString() }),
        ...(retires === undefined ? {} : { retires_at: new Date(retires).toISOString() })
      }
    })
    const at = Math.floor(next() * 120) * day
    const query: Query = next() < 0.5
      ? {}
      : { capabilities: ["pdf_input"], lines: ["a"], minInputTokens: 100_000 }
    return { models, at, query }
  })

/**
 * A random run's query at its time never answers a retired model, and
 * answers newest first; asked for, retired models are there.
 */
const randomScript = (assert: Assert, { at, models, query }: RandomRun): Script => {
  const judged = (run: Run) => {
    const [outcome] = run.outcomes
    return outcome?._tag === "Value" && outcome.answer._tag === "Judged"
      ? outcome.answer.judged
      : assert.fail("expected the judged models")
  }
  return {
    setup: { _tag: "Snapshot", models, fetchedAt: 0 },
    steps: [
      { _tag: "SetTime", millis: at },
      { _tag: "Call", call: { _tag: "Judge", query }, times: 1, sequential: false },
      check((run) => {
        const selected = judged(run)
        for (const { model, status } of selected) assert.notStrictEqual(status, "retired", model.id)
        for (let i = 1; i < selected.length; i++) {
          assert.isTrue(
            Catalog.millisOf(selected[i - 1]!.model.created_at) >= Catalog.millisOf(selected[i]!.model.created_at)
          )
        }
      }),
      { _tag: "Call", call: { _tag: "Judge", query: { lifecycle: ["retired"] } }, times: 1, sequential: false },
      check((run) => {
        for (const { model, status } of judged(run)) assert.strictEqual(status, "retired", model.id)
      })
    ]
  }
}

/** How a runner registers the tests: scripts with `it.effect`, plain tests with `it`, and the plain tests' bodies. */
export interface Registrar {
  readonly scripts: (name: string, scripts: ReadonlyArray<Script>) => void
  readonly plain: (name: string, body: () => void) => void
  readonly bodies: Readonly<Record<Plain, () => void>>
}

/** Registers each group as a `describe` block, and each test in it in its place. */
export const register = (
  describe: (name: string, body: () => void) => void,
  groups: ReadonlyArray<readonly [string, ReadonlyArray<Case>]>,
  registrar: Registrar
): void => {
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases) {
        if ("plain" in c) registrar.plain(c.name, registrar.bodies[c.plain])
        else registrar.scripts(c.name, "scripts" in c ? c.scripts : [c])
      }
    })
  }
}
