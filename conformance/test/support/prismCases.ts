/**
 * The Prism suite's cases, as scripts both editions run. Prism
 * (`@stoplight/prism-cli`) in dynamic mode generates every response at random
 * from `spec/models.openapi.yaml` (asked for with `Prefer: dynamic=true`).
 * Random `has_more`, `first_id`, `last_id`, empty pages and odd field values
 * will end streams early or trip the client's PaginationError; what must never
 * happen is a defect. Each call's outcome is a success or a typed
 * `ModelsError`. Prism also validates each request against the spec and
 * reports violations in an `sl-violations` response header; none may appear.
 *
 * Plain TypeScript, no Effect. A case names the clients it needs and is a
 * generator that yields `Step`s (run one call with one of its clients, fetch
 * past the client) and gets a `Reply` for each:
 * `conformance/test/prism.test.ts` (Effect 3) and
 * `effect4/conformance/test/prism.test.ts` (Effect 4) make the clients, each
 * kept for the whole case as an application would hold it, and answer the
 * steps with their own Effect; the case decides its next call from what came
 * back.
 */
import * as NodeAssert from "node:assert/strict"
import {
  assertAtLeast,
  type ClientOptions,
  type Edition,
  EXAMPLE_ID,
  type Exchange,
  FAKE_API_KEY,
  type Fetched,
  type ListParams,
  type Outcome,
  type PageView,
  type ServerOptions,
  successOf
} from "./cases.js"
import type { Command } from "./MockProcess.js"

// ---------------------------------------------------------------------------
// What a runner performs
// ---------------------------------------------------------------------------

/** Prism on a free port of 127.0.0.1, serving `specPath`. */
export const server = ({ args, command }: Command, specPath: string): ServerOptions => ({
  name: "prism",
  command,
  // Static mode: dynamic generation is asked for per request, with `Prefer: dynamic=true`.
  args: [...args, "mock", "-h", "127.0.0.1", "-p", "{port}", "-v", "warn", specPath],
  // Any answer will do, a 404 included.
  readyPath: "/",
  readyTimeout: "30 seconds"
})

/** One call through the public API. */
export type Call =
  /** `Models.list(params)`, its page then handed to `onPage`. */
  | { readonly _tag: "List"; readonly params: ListParams; readonly onPage?: (page: PageView) => void }
  /** `Stream.runForEach(Stream.take(Models.pages(params), take), onPage)`. */
  | {
    readonly _tag: "Pages"
    readonly params?: ListParams
    readonly take: number
    readonly onPage: (page: PageView) => void
  }
  /** `Stream.runDrain(Stream.take(Models.stream(params), take))`. */
  | { readonly _tag: "Stream"; readonly params: ListParams; readonly take: number }
  | { readonly _tag: "Retrieve"; readonly id: string }

/** One of a case's clients: its place in `Case.clients`, and every exchange it has had so far (the array grows). */
export interface Client {
  readonly index: number
  readonly exchanges: ReadonlyArray<Exchange>
}

export type Step =
  /** Run one call with the case's client at `client`. */
  | { readonly _tag: "Run"; readonly client: number; readonly call: Call }
  /** A GET of `prism.url + path` past the client. */
  | { readonly _tag: "Fetch"; readonly path: string; readonly headers: Readonly<Record<string, string>> }

export type Reply =
  | { readonly _tag: "Ran"; readonly outcome: Outcome }
  | { readonly _tag: "Fetched"; readonly response: Fetched }

export type Script = Generator<Step, void, Reply>

export interface Case {
  readonly name: string
  /** The test's own timeout, in milliseconds, where the suite's is not enough. */
  readonly timeout?: number
  /** The options of each client the case uses, made before it starts and kept until it ends. */
  readonly clients: ReadonlyArray<ClientOptions>
  /** Given the clients, in the order of `clients`. */
  readonly script: (clients: ReadonlyArray<Client>) => Script
}

/** The runner's outcomes of four exits, for the check that the classification is right. */
export interface Samples {
  /** `Exit.die(new Error("boom"))` */
  readonly defect: Outcome
  /** `Exit.fail(new ModelsError.PaginationError({ message: "repeated cursor" }))` */
  readonly typed: Outcome
  /** `Exit.fail(new Error("not a ModelsError"))` */
  readonly untyped: Outcome
  /** `Exit.succeed(1)` */
  readonly success: Outcome
}

export interface Suite {
  readonly groups: ReadonlyArray<readonly [string, ReadonlyArray<Case>]>
  /** A check of the harness itself, with no server. */
  readonly harness: { readonly name: string; readonly check: (samples: Samples) => void }
  /** The lines printed after the run: the seed and every tally. */
  readonly summary: () => string
}

const unexpected = (step: string, reply: Reply): never =>
  NodeAssert.fail(`the runner answered ${step} with ${reply._tag}`)

function* run(client: Client, call: Call): Generator<Step, Outcome, Reply> {
  const reply = yield { _tag: "Run", client: client.index, call }
  return reply._tag === "Ran" ? reply.outcome : unexpected("Run", reply)
}

function* fetchPast(path: string, headers: Readonly<Record<string, string>>): Generator<Step, Fetched, Reply> {
  const reply = yield { _tag: "Fetch", path, headers }
  return reply._tag === "Fetched" ? reply.response : unexpected("Fetch", reply)
}

// ---------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------

/** A `ModelsError` by its tag, or what else the call ended with. */
type Verdict = string

const classify = (edition: Edition, outcome: Outcome): Verdict => {
  if (outcome._tag === "Success") return "Success"
  if (outcome.defect) return "Defect"
  if (outcome._tag === "NoFailure") return outcome.interrupted ? "Interrupted" : "Defect"
  // Typed in the signature is not enough: it must be one of the client's error classes.
  return edition.isModelsError(outcome.error) ? outcome.error._tag : "UntypedFailure"
}

class Tally {
  readonly counts = new Map<Verdict, number>()
  readonly defects: Array<string> = []

  constructor(readonly edition: Edition) {}

  record(outcome: Outcome, context: () => string): Verdict {
    const verdict = classify(this.edition, outcome)
    this.counts.set(verdict, (this.counts.get(verdict) ?? 0) + 1)
    if (verdict === "Defect" || verdict === "Interrupted" || verdict === "UntypedFailure") {
      if (this.defects.length < 5) {
        this.defects.push(`${context()}\n${outcome._tag === "Success" ? "" : outcome.pretty}`)
      }
    }
    return verdict
  }

  get total(): number {
    let total = 0
    for (const count of this.counts.values()) total += count
    return total
  }

  count(verdict: Verdict): number {
    return this.counts.get(verdict) ?? 0
  }

  describe(): string {
    return [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, n]) => `${tag}: ${n}`).join(
      ", "
    )
  }

  assertNoDefect(): void {
    NodeAssert.strictEqual(this.count("Defect"), 0, `defects:\n${this.defects.join("\n---\n")}`)
    NodeAssert.strictEqual(this.count("Interrupted"), 0, `interruptions:\n${this.defects.join("\n---\n")}`)
    NodeAssert.strictEqual(
      this.count("UntypedFailure"),
      0,
      `failures that are not ModelsError:\n${this.defects.join("\n---\n")}`
    )
  }
}

/** Prism's verdict on the request, from `sl-violations`. */
const violations = (exchanges: ReadonlyArray<Exchange>): Array<string> =>
  exchanges.flatMap((e) => {
    const header = e.responseHeaders["sl-violations"]
    return header === undefined ? [] : [`${e.method} ${e.target} → ${e.status}: ${header}`]
  })

const isListRequest = (exchange: Exchange): boolean =>
  exchange.target === "/v1/models" || exchange.target.startsWith("/v1/models?")

const DYNAMIC: ClientOptions = { headers: { prefer: "dynamic=true" } }

// ---------------------------------------------------------------------------
// Seeded randomness for the parameters, so a failing run can be replayed
// with CONFORMANCE_SEED=<seed>. Prism's own values are not seeded.
// ---------------------------------------------------------------------------

const mulberry32 = (initial: number) => {
  let state = initial >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const cursorAlphabet = [..."abcdefghijklmnopqrstuvwxyz0123456789-_.~ /?&=#%+:@ü模"]

const stages = ["active", "deprecated", "retired"] as const

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

/** The cases, with the seed, tallies and ids they share; one suite per run. */
export const suite = (edition: Edition): Suite => {
  const seed = Number(process.env["CONFORMANCE_SEED"] ?? Date.now() % 2 ** 31)
  const random = mulberry32(seed)
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
  const chance = (p: number): boolean => random() < p
  const pick = <A>(items: ReadonlyArray<A>): A => items[int(0, items.length - 1)]!
  const randomString = (): string => Array.from({ length: int(1, 40) }, () => pick(cursorAlphabet)).join("")

  /** Ids Prism has handed out, to use as cursors and retrieve ids. */
  const seenIds: Array<string> = []
  const remember = (page: PageView): void => {
    for (const model of page.data) if (seenIds.length < 500) seenIds.push(model.id)
    if (page.last_id !== null && seenIds.length < 500) seenIds.push(page.last_id)
  }
  const randomId = (): string => (seenIds.length > 0 && chance(0.5) ? pick(seenIds) : randomString())

  const randomListParams = (): ListParams => {
    const direction = random()
    return {
      limit: chance(0.7) ? int(1, 1000) : undefined,
      afterId: direction < 0.3 ? randomId() : undefined,
      beforeId: direction >= 0.3 && direction < 0.5 ? randomId() : undefined,
      lifecycle: chance(0.3) ? stages.filter(() => chance(0.5)) : undefined,
      betas: chance(0.2) ? [randomString().replace(/[^a-z0-9-]/g, "") || "beta"] : undefined,
      workspaceId: chance(0.2) ? `wrkspc_${int(0, 9999)}` : undefined,
      prefetch: chance(0.2) ? int(1, 3) : undefined
    }
  }

  const listTally = new Tally(edition)
  const retrieveTally = new Tally(edition)
  const errorTally = new Tally(edition)
  let pageRequestCount = 0
  let retrieveRequestCount = 0
  let errorRequestCount = 0

  const pagesCase: Case = {
    name: "200 pages via pages() + Stream.take: each call a success or a typed ModelsError, never a defect",
    timeout: 45_000,
    clients: [DYNAMIC],
    *script([client]) {
      const target = 200
      const { exchanges } = client
      const pageRequests = () => exchanges.filter(isListRequest).length
      let dynamicPages = 0
      const onPage = (page: PageView): void => {
        remember(page)
        if (page.data.some((model) => model.id !== EXAMPLE_ID)) dynamicPages++
      }

      // First the literal form: one stream, take(200). Prism's random has_more / cursors
      // usually end it (or fail it with a PaginationError) long before 200.
      const first = yield* run(client, { _tag: "Pages", params: { limit: 5 }, take: target, onPage })
      listTally.record(first, () => "pages({ limit: 5 }) take(200)")

      // Then keep asking, with random parameters, until 200 pages have been requested.
      let calls = 0
      while (pageRequests() < target && calls < 2_000) {
        calls++
        const params = randomListParams()
        const remaining = target - pageRequests()
        const choice = random()
        const sentBefore = exchanges.length
        const call: Call = choice < 0.6
          ? { _tag: "Pages", params, take: remaining, onPage }
          : choice < 0.85
          ? { _tag: "List", params, onPage }
          : { _tag: "Stream", params, take: int(1, 50) }
        const outcome = yield* run(client, call)
        listTally.record(
          outcome,
          () =>
            `call ${calls} ${JSON.stringify(params)}; sent: ${
              exchanges.slice(sentBefore).map((e) => `${e.target} → ${e.status}`).join(", ")
            }`
        )
      }
      pageRequestCount = pageRequests()

      listTally.assertNoDefect()
      assertAtLeast(pageRequestCount, target)
      NodeAssert.deepStrictEqual(violations(exchanges), [], "Prism found requests that violate the spec")
      // Proof that Prism was in dynamic mode, not serving the example.
      assertAtLeast(dynamicPages, 1)
    }
  }

  const retrieveCase: Case = {
    name: "retrieve with Prefer: dynamic=true, a success or a typed ModelsError",
    clients: [DYNAMIC],
    *script([client]) {
      const ids = [EXAMPLE_ID, "claude-opus-4-1", "vendor/model", "with space?x=1#y", "100%", "ünïcødé-模型"]
      for (let i = 0; i < 24; i++) {
        const id = i < ids.length ? ids[i]! : randomId()
        const outcome = yield* run(client, { _tag: "Retrieve", id })
        retrieveTally.record(outcome, () => `retrieve(${JSON.stringify(id)})`)
      }
      retrieveRequestCount = client.exchanges.length
      retrieveTally.assertNoDefect()
      NodeAssert.deepStrictEqual(violations(client.exchanges), [], "Prism found requests that violate the spec")
      for (const exchange of client.exchanges) NodeAssert.match(exchange.target, /^\/v1\/models\/[^/]+$/)
    }
  }

  // Prism answers with a random body from the spec's 4XX response when asked for a code.
  // The random error.type is usually unknown to the client: UnknownApiError, keeping the status.
  const codes = [400, 401, 402, 403, 404, 408, 409, 413, 429]

  const errorCase: Case = {
    name: "Prefer: code=4xx, dynamic=true: every error is a typed ModelsError carrying the status",
    // One client a code.
    clients: codes.map((code) => ({
      headers: { prefer: `code=${code}, dynamic=true` },
      // The status is the point here, not the retry policy.
      maxRetries: 0
    })),
    *script(clients) {
      for (const [i, code] of codes.entries()) {
        const client = clients[i]
        for (let i = 0; i < 3; i++) {
          const calls: ReadonlyArray<Call> = [
            { _tag: "List", params: { limit: int(1, 1000) } },
            { _tag: "Retrieve", id: randomId() }
          ]
          for (const call of calls) {
            const outcome = yield* run(client, call)
            const verdict = errorTally.record(outcome, () => `Prefer code=${code}`)
            NodeAssert.notStrictEqual(verdict, "Success", `code=${code} gave a success`)
            if (outcome._tag === "Failure" && edition.isApiError(outcome.error)) {
              NodeAssert.strictEqual(outcome.error.status, code)
            }
          }
        }
        errorRequestCount += client.exchanges.length
        NodeAssert.deepStrictEqual(client.exchanges.map((e) => e.status), Array.from({ length: 6 }, () => code))
        NodeAssert.deepStrictEqual(violations(client.exchanges), [])
      }
      errorTally.assertNoDefect()
    }
  }

  // The spec's wire format is lifecycle[]=a (brackets), while its declared style is form,
  // explode. Prism has no setting for the brackets format and does not map lifecycle[] to the
  // spec's parameter, so its silence on the client's lifecycle requests above says nothing
  // about them; the steady cases check those values. Pinned here.
  const lifecycleCase: Case = {
    name: "Prism does not validate lifecycle[] (a bogus value passes) but validates lifecycle=",
    clients: [],
    *script() {
      const headers = { "x-api-key": FAKE_API_KEY, "anthropic-version": "2023-06-01" }
      const brackets = yield* fetchPast("/v1/models?lifecycle%5B%5D=bogus", headers)
      NodeAssert.strictEqual(brackets.status, 200)
      NodeAssert.strictEqual(brackets.headers["sl-violations"], undefined)
      const declared = yield* fetchPast("/v1/models?lifecycle=bogus", headers)
      NodeAssert.strictEqual(declared.status, 422)
      NodeAssert.match(declared.headers["sl-violations"] ?? "", /lifecycle/)
    }
  }

  const exampleCase: Case = {
    name: "without Prefer: dynamic=true, Prism serves the spec's example, which decodes",
    clients: [{}],
    *script([client]) {
      const pages: Array<PageView> = []
      const outcome = yield* run(client, { _tag: "Pages", take: 1, onPage: (page) => pages.push(page) })
      successOf(outcome)
      NodeAssert.strictEqual(pages.length, 1)
      NodeAssert.strictEqual(pages[0]!.data[0]!.id, EXAMPLE_ID)
      NodeAssert.strictEqual(client.exchanges.length, 1)
      NodeAssert.deepStrictEqual(violations(client.exchanges), [])
    }
  }

  return {
    groups: [
      ["pages", [pagesCase]],
      ["retrieve", [retrieveCase]],
      ["error responses", [errorCase]],
      ["static control", [lifecycleCase, exampleCase]]
    ],
    harness: {
      name: "classifies a defect as Defect, a ModelsError by its tag, and anything else as UntypedFailure",
      check: (samples) => {
        const tally = new Tally(edition)
        tally.record(samples.defect, () => "die")
        tally.record(samples.typed, () => "typed")
        tally.record(samples.untyped, () => "untyped")
        tally.record(samples.success, () => "success")
        NodeAssert.strictEqual(tally.count("Defect"), 1)
        NodeAssert.strictEqual(tally.count("PaginationError"), 1)
        NodeAssert.strictEqual(tally.count("UntypedFailure"), 1)
        NodeAssert.strictEqual(tally.count("Success"), 1)
        NodeAssert.throws(() => tally.assertNoDefect())
      }
    },
    summary: () =>
      `[prism] seed ${seed}\n` +
      `[prism] list/pages/stream: ${pageRequestCount} page requests, ${listTally.total} calls → ${listTally.describe()}\n` +
      `[prism] retrieve: ${retrieveRequestCount} requests, ${retrieveTally.total} calls → ${retrieveTally.describe()}\n` +
      `[prism] Prefer: code=4xx: ${errorRequestCount} requests, ${errorTally.total} calls → ${errorTally.describe()}`
  }
}
