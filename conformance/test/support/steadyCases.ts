/**
 * The steady suite's cases, as data both editions run. steady (`@stdy/cli`)
 * is the mock server the official Anthropic SDKs are tested with; it
 * validates each request against `spec/models.openapi.yaml` and says so in
 * `x-steady-request-valid`, and with its default `reject-on-sdk-error` an
 * invalid request also gets a 400 instead of the mock body. Every request the
 * real client sends here must come back `x-steady-request-valid: true`, and
 * every response must decode.
 *
 * Plain TypeScript, no Effect: `conformance/test/steady.test.ts` (Effect 3)
 * and `effect4/conformance/test/steady.test.ts` (Effect 4) start steady, run
 * each case's calls with a fresh client (or its one `fetch`), and hand what
 * came back to the case's `verify`.
 */
import * as NodeAssert from "node:assert/strict"
import {
  assertAtLeast,
  type ClientOptions,
  type Edition,
  EXAMPLE_ID,
  type Exchange,
  failureOf,
  FAKE_API_KEY,
  type Fetched,
  type ListParams,
  type Outcome,
  type PageView,
  readArray,
  readModel,
  readPage,
  type RequestParams,
  type ServerOptions,
  successOf,
  tagOf
} from "./cases.js"
import type { Command } from "./MockProcess.js"

// ---------------------------------------------------------------------------
// What a runner performs
// ---------------------------------------------------------------------------

/** steady on a free port of 127.0.0.1, serving `specPath`. */
export const server = ({ args, command }: Command, specPath: string): ServerOptions => ({
  name: "steady",
  command,
  args: [...args, "--host", "127.0.0.1", "-p", "{port}", "--no-color", specPath],
  readyPath: "/_x-steady/health",
  readyTimeout: "15 seconds"
})

/** One call through the public API. */
export type Call =
  | { readonly _tag: "List"; readonly params?: ListParams }
  | { readonly _tag: "Retrieve"; readonly id: string; readonly params?: RequestParams }
  /** `Models.pages(params)` through `Stream.take(take)`, collected into an array. */
  | { readonly _tag: "Pages"; readonly params?: ListParams; readonly take: number }
  /** `Models.stream(params)` through `Stream.take(take)`, collected into an array. */
  | { readonly _tag: "Stream"; readonly params?: ListParams; readonly take: number }

/** What a client case hands to its checks: each call's outcome, in order, and every exchange. */
export interface Run {
  readonly outcomes: ReadonlyArray<Outcome>
  readonly exchanges: ReadonlyArray<Exchange>
}

export type Case =
  /** `calls`, one after the other, with one fresh client made with `options`. */
  | {
    readonly _tag: "Client"
    readonly name: string
    readonly options: ClientOptions
    readonly calls: ReadonlyArray<Call>
    readonly verify: (run: Run) => void
  }
  /** A request past the client, to `steady.url + path`. */
  | {
    readonly _tag: "Fetch"
    readonly name: string
    readonly path: string
    readonly headers: Readonly<Record<string, string>>
    readonly verify: (response: Fetched) => void
  }

export interface Suite {
  readonly groups: ReadonlyArray<readonly [string, ReadonlyArray<Case>]>
  /** The line printed after the run: how many requests were sent and found valid. */
  readonly summary: () => string
}

// ---------------------------------------------------------------------------
// The vocabulary
// ---------------------------------------------------------------------------

const list = (params?: ListParams): Call => params === undefined ? { _tag: "List" } : { _tag: "List", params }

const retrieve = (id: string, params?: RequestParams): Call =>
  params === undefined ? { _tag: "Retrieve", id } : { _tag: "Retrieve", id, params }

const readPages = readArray(readPage)
const readModels = readArray(readModel)

/** The outcome of a case's one call. */
const only = (outcomes: ReadonlyArray<Outcome>): Outcome => {
  NodeAssert.strictEqual(outcomes.length, 1, "one call")
  return outcomes[0]!
}

const diagnostics = (exchange: Exchange): Array<string> => {
  const headers = exchange.responseHeaders
  const count = Number(headers["x-steady-error-count"] ?? "0")
  const lines: Array<string> = []
  for (let i = 1; i <= count; i++) {
    lines.push(
      `${headers[`x-steady-error-${i}-code`]} ${headers[`x-steady-error-${i}-path`]}: ${
        headers[`x-steady-error-${i}-message`]
      }`
    )
  }
  return lines
}

const brackets: ClientOptions = { headers: { "x-steady-query-array-format": "brackets" } }

const awkwardIds = [
  "claude-3-5-sonnet@20240620",
  "vendor/model",
  "with space",
  "q?x=1&y=2#frag",
  "100%",
  "%2e%2e",
  "...",
  "ünïcødé-模型"
]

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

/** The cases, with the counters behind `summary`; one suite per run. */
export const suite = (edition: Edition): Suite => {
  const tally = { sent: 0, valid: 0, bracketsWithoutHeader: 0 }

  const client = (
    name: string,
    options: ClientOptions,
    calls: ReadonlyArray<Call>,
    check: (outcomes: ReadonlyArray<Outcome>, exchanges: ReadonlyArray<Exchange>) => void
  ): Case => ({
    _tag: "Client",
    name,
    options,
    calls,
    verify: ({ exchanges, outcomes }) => {
      tally.sent += exchanges.length
      check(outcomes, exchanges)
    }
  })

  /** Every exchange was judged valid by steady, and there were `expected` of them. */
  const assertAllValid = (exchanges: ReadonlyArray<Exchange>, expected: number): void => {
    NodeAssert.strictEqual(
      exchanges.length,
      expected,
      `expected ${expected} request(s), saw: ${exchanges.map((e) => e.target).join(", ")}`
    )
    for (const exchange of exchanges) {
      NodeAssert.strictEqual(
        exchange.responseHeaders["x-steady-request-valid"],
        "true",
        `steady judged ${exchange.method} ${exchange.target} (→ ${exchange.status}) invalid:\n  ${
          diagnostics(exchange).join("\n  ")
        }`
      )
      NodeAssert.strictEqual(exchange.status, 200)
      // Required by the spec for both operations; steady checks presence, we check the values.
      NodeAssert.strictEqual(exchange.requestHeaders["x-api-key"], "<the fake key>")
      NodeAssert.strictEqual(exchange.requestHeaders["anthropic-version"], "2023-06-01")
      tally.valid++
    }
  }

  const assertExamplePage = (page: PageView): void => {
    assertAtLeast(page.data.length, 1)
    NodeAssert.strictEqual(page.data[0]!.id, EXAMPLE_ID)
    NodeAssert.ok(edition.isDateTime(page.data[0]!.created_at), "created_at is a DateTime")
  }

  /** Every call succeeded with the example page. */
  const examplePages = (outcomes: ReadonlyArray<Outcome>): void =>
    outcomes.forEach((outcome) => assertExamplePage(readPage(successOf(outcome))))

  const listCases: ReadonlyArray<Case> = [
    client("with no parameters", {}, [list()], (outcomes, exchanges) => {
      assertExamplePage(readPage(successOf(only(outcomes))))
      assertAllValid(exchanges, 1)
      NodeAssert.strictEqual(exchanges[0]!.target, "/v1/models")
      NodeAssert.strictEqual(exchanges[0]!.responseHeaders["x-steady-matched-path"], "/v1/models")
    }),
    client(
      "limit at 1, 20 and 1000",
      {},
      [list({ limit: 1 }), list({ limit: 20 }), list({ limit: 1000 })],
      (outcomes, exchanges) => {
        examplePages(outcomes)
        assertAllValid(exchanges, 3)
        NodeAssert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=1",
          "/v1/models?limit=20",
          "/v1/models?limit=1000"
        ])
      }
    ),
    client(
      "after_id, plain and needing encoding",
      {},
      [list({ afterId: EXAMPLE_ID }), list({ afterId: "a b/c?d=e&f#g%h+ü" })],
      (outcomes, exchanges) => {
        examplePages(outcomes)
        assertAllValid(exchanges, 2)
        NodeAssert.strictEqual(exchanges[0]!.target, `/v1/models?after_id=${EXAMPLE_ID}`)
        NodeAssert.strictEqual(
          new URL(exchanges[1]!.target, "http://x").searchParams.get("after_id"),
          "a b/c?d=e&f#g%h+ü"
        )
      }
    ),
    client("before_id", {}, [list({ beforeId: EXAMPLE_ID, limit: 5 })], (outcomes, exchanges) => {
      assertExamplePage(readPage(successOf(only(outcomes))))
      assertAllValid(exchanges, 1)
      NodeAssert.strictEqual(exchanges[0]!.target, `/v1/models?limit=5&before_id=${EXAMPLE_ID}`)
    })
  ]

  const lifecycleCases: ReadonlyArray<Case> = [
    // The spec settles the wire format as brackets (lifecycle[]=a&lifecycle[]=b), as the
    // official SDKs send it, and says that a mock reading the file must be told so. Without
    // that header steady reads the declared style (form, explode) and flags the client's
    // brackets with E3014; this pins that steady needs the header the spec names.
    client(
      "without x-steady-query-array-format: brackets, steady flags lifecycle[] as E3014",
      {},
      [list({ lifecycle: ["active", "deprecated"] })],
      (outcomes, exchanges) => {
        NodeAssert.strictEqual(tagOf(failureOf(only(outcomes))), "UnknownApiError")
        NodeAssert.strictEqual(exchanges.length, 1)
        const exchange = exchanges[0]!
        tally.bracketsWithoutHeader++
        NodeAssert.strictEqual(exchange.target, "/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=deprecated")
        NodeAssert.strictEqual(exchange.status, 400)
        NodeAssert.strictEqual(exchange.responseHeaders["x-steady-request-valid"], "false")
        NodeAssert.deepStrictEqual(diagnostics(exchange), [
          "E3014 query.lifecycle[]: Query parameter \"lifecycle[]\" looks like a serialization of \"lifecycle\" - check the encoding format"
        ])
      }
    ),
    client(
      "lifecycle[]=… (the form the spec's description names) is valid when steady reads arrays as brackets",
      brackets,
      [
        list({ lifecycle: ["active"] }),
        list({ lifecycle: ["retired"] }),
        list({ lifecycle: ["active", "deprecated", "retired"] })
      ],
      (outcomes, exchanges) => {
        examplePages(outcomes)
        assertAllValid(exchanges, 3)
        NodeAssert.strictEqual(
          exchanges[2]!.target,
          "/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=deprecated&lifecycle%5B%5D=retired"
        )
      }
    ),
    {
      _tag: "Fetch",
      name: "steady in brackets mode does check the values (so the test above is not vacuous)",
      path: "/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=bogus",
      headers: {
        "x-api-key": FAKE_API_KEY,
        "anthropic-version": "2023-06-01",
        "x-steady-query-array-format": "brackets"
      },
      verify: (response) => {
        NodeAssert.strictEqual(response.status, 400)
        NodeAssert.strictEqual(response.headers["x-steady-request-valid"], "false")
        NodeAssert.strictEqual(response.headers["x-steady-error-1-code"], "E3016")
        NodeAssert.strictEqual(response.headers["x-steady-error-1-path"], "query.lifecycle.1")
      }
    }
  ]

  const headerCases: ReadonlyArray<Case> = [
    client(
      "betas from config, per request, and none",
      { betas: ["models-2026-10-21", "another-beta"] },
      [list(), retrieve(EXAMPLE_ID), list({ betas: ["per-request-beta"] }), retrieve(EXAMPLE_ID, { betas: [] })],
      (outcomes, exchanges) => {
        outcomes.forEach(successOf)
        assertAllValid(exchanges, 4)
        NodeAssert.deepStrictEqual(exchanges.map((e) => e.requestHeaders["anthropic-beta"]), [
          "models-2026-10-21,another-beta",
          "models-2026-10-21,another-beta",
          "per-request-beta",
          undefined
        ])
      }
    ),
    client(
      "workspace id from config and per request",
      { workspaceId: "wrkspc_conformance" },
      [list(), retrieve(EXAMPLE_ID, { workspaceId: "wrkspc_per_request" }), list({ workspaceId: "wrkspc_list" })],
      (outcomes, exchanges) => {
        outcomes.forEach(successOf)
        assertAllValid(exchanges, 3)
        NodeAssert.deepStrictEqual(exchanges.map((e) => e.requestHeaders["anthropic-workspace-id"]), [
          "wrkspc_conformance",
          "wrkspc_per_request",
          "wrkspc_list"
        ])
      }
    ),
    client(
      "every parameter and header at once",
      brackets,
      [list({
        limit: 7,
        afterId: EXAMPLE_ID,
        lifecycle: ["deprecated", "retired"],
        betas: ["b1", "b2"],
        workspaceId: "wrkspc_all"
      })],
      (outcomes, exchanges) => {
        assertExamplePage(readPage(successOf(only(outcomes))))
        assertAllValid(exchanges, 1)
      }
    )
  ]

  const retrieveCases: ReadonlyArray<Case> = [
    client("an ordinary id", {}, [retrieve(EXAMPLE_ID)], (outcomes, exchanges) => {
      const model = readModel(successOf(only(outcomes)))
      NodeAssert.strictEqual(model.id, EXAMPLE_ID)
      NodeAssert.strictEqual(model.display_name, "Claude Sonnet 4")
      NodeAssert.ok(edition.isDateTime(model.created_at), "created_at is a DateTime")
      assertAllValid(exchanges, 1)
      NodeAssert.strictEqual(exchanges[0]!.target, `/v1/models/${EXAMPLE_ID}`)
      NodeAssert.strictEqual(exchanges[0]!.responseHeaders["x-steady-matched-path"], "/v1/models/{model_id}")
    }),
    client(
      "ids that need encoding stay one path segment",
      {},
      awkwardIds.map((id) => retrieve(id)),
      (outcomes, exchanges) => {
        outcomes.forEach(successOf)
        assertAllValid(exchanges, awkwardIds.length)
        exchanges.forEach((exchange, i) => {
          NodeAssert.strictEqual(exchange.target, `/v1/models/${encodeURIComponent(awkwardIds[i]!)}`)
          NodeAssert.strictEqual(exchange.responseHeaders["x-steady-matched-path"], "/v1/models/{model_id}")
        })
      }
    ),
    client(
      "'.' and '..' are refused before anything is sent",
      {},
      [retrieve("."), retrieve("..")],
      (outcomes, exchanges) => {
        NodeAssert.strictEqual(outcomes.length, 2)
        for (const outcome of outcomes) {
          NodeAssert.ok(
            outcome._tag === "Failure" && tagOf(outcome.error) === "InvalidParameterError",
            `expected an InvalidParameterError, got ${outcome._tag === "Success" ? "a success" : outcome.pretty}`
          )
        }
        NodeAssert.strictEqual(exchanges.length, 0)
      }
    )
  ]

  const streamCases: ReadonlyArray<Case> = [
    client("pages() with Stream.take(1)", {}, [{ _tag: "Pages", take: 1 }], (outcomes, exchanges) => {
      const pages = readPages(successOf(only(outcomes)))
      NodeAssert.strictEqual(pages.length, 1)
      assertExamplePage(pages[0]!)
      assertAllValid(exchanges, 1)
    }),
    client(
      "stream() with Stream.take(1)",
      {},
      [{ _tag: "Stream", params: { limit: 3 }, take: 1 }],
      (outcomes, exchanges) => {
        const models = readModels(successOf(only(outcomes)))
        NodeAssert.strictEqual(models.length, 1)
        NodeAssert.strictEqual(models[0]!.id, EXAMPLE_ID)
        assertAllValid(exchanges, 1)
      }
    ),
    // steady serves the same example page to every request: has_more true and
    // last_id = first_id = the example id. The second page therefore hands back
    // the cursor the client just sent, and the client must stop with a typed
    // PaginationError rather than loop. Both requests must still be valid.
    client(
      "forward pages(): the next request sends after_id = last_id; a repeated cursor is a PaginationError",
      {},
      [{ _tag: "Pages", params: { limit: 2 }, take: 5 }],
      (outcomes, exchanges) => {
        NodeAssert.strictEqual(tagOf(failureOf(only(outcomes))), "PaginationError")
        assertAllValid(exchanges, 2)
        NodeAssert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=2",
          `/v1/models?limit=2&after_id=${EXAMPLE_ID}`
        ])
      }
    ),
    client(
      "backward pages(): the next request sends before_id = first_id",
      {},
      [{ _tag: "Pages", params: { beforeId: "claude-opus-9", limit: 2 }, take: 5 }],
      (outcomes, exchanges) => {
        NodeAssert.strictEqual(tagOf(failureOf(only(outcomes))), "PaginationError")
        assertAllValid(exchanges, 2)
        NodeAssert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=2&before_id=claude-opus-9",
          `/v1/models?limit=2&before_id=${EXAMPLE_ID}`
        ])
      }
    ),
    client(
      "stream() with prefetch and Stream.take(1)",
      {},
      [{ _tag: "Stream", params: { limit: 1, prefetch: 2 }, take: 1 }],
      (outcomes, exchanges) => {
        const models = readModels(successOf(only(outcomes)))
        NodeAssert.strictEqual(models.length, 1)
        // Prefetch may have asked for the next page before the stream was closed.
        assertAtLeast(exchanges.length, 1)
        assertAllValid(exchanges, exchanges.length)
      }
    )
  ]

  return {
    groups: [
      ["list", listCases],
      ["lifecycle", lifecycleCases],
      ["headers", headerCases],
      ["retrieve", retrieveCases],
      ["pages and stream", streamCases]
    ],
    summary: () =>
      `[steady] requests sent: ${tally.sent}; x-steady-request-valid: true on ${tally.valid}; ` +
      `lifecycle[] flagged by steady without the brackets header: ${tally.bracketsWithoutHeader}`
  }
}
