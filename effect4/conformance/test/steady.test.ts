/**
 * Effect 4 edition: conformance against steady (`@stdy/cli`), the mock server the official
 * Anthropic SDKs are tested with. steady validates each request against
 * `spec/models.openapi.yaml` and says so in `x-steady-request-valid`; with its
 * default `reject-on-sdk-error` an invalid request also gets a 400 instead of
 * the mock body. Every request the real client sends here must come back
 * `x-steady-request-valid: true`, and every response must decode. The same
 * checks as the Effect 3 edition's `conformance/test/steady.test.ts`, on the
 * same spec.
 */
import type { ModelsPage } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { afterAll, assert, describe, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { type Exchange, FAKE_API_KEY, modelsLayer } from "./support/Client.js"
import * as MockServer from "./support/MockServer.js"

class Steady extends Context.Service<Steady, MockServer.MockServer>()("conformance/Steady") {}

const SteadyLive = Layer.effect(
  Steady,
  Effect.suspend(() => {
    const { args, command } = MockServer.steadyCommand()
    return MockServer.start({
      name: "steady",
      command,
      args: [...args, "--host", "127.0.0.1", "-p", "{port}", "--no-color", MockServer.specPath],
      readyPath: "/_x-steady/health",
      readyTimeout: "15 seconds"
    })
  })
).pipe(Layer.orDie)

/** The id in the spec's examples, which steady serves for every request. */
const EXAMPLE_ID = "claude-sonnet-4-20250514"

type ConfigOptions = Omit<ModelsConfig.Options, "apiKey" | "baseUrl">

const tally = { sent: 0, valid: 0, bracketsWithoutHeader: 0 }

afterAll(() => {
  console.info(
    `[steady] requests sent: ${tally.sent}; x-steady-request-valid: true on ${tally.valid}; ` +
      `lifecycle[] flagged by steady without the brackets header: ${tally.bracketsWithoutHeader}`
  )
})

/** Runs `program` with a fresh client against steady; returns its exit and every exchange. */
const run = <A, E>(program: Effect.Effect<A, E, Models.Models>, options: ConfigOptions = {}) =>
  Effect.gen(function*() {
    const steady = yield* Steady
    const exchanges: Array<Exchange> = []
    const exit = yield* Effect.exit(Effect.provide(program, modelsLayer(steady.url, exchanges, options)))
    tally.sent += exchanges.length
    return { exit, exchanges }
  })

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

/** Every exchange was judged valid by steady, and there were `expected` of them. */
const assertAllValid = (exchanges: ReadonlyArray<Exchange>, expected: number): void => {
  assert.strictEqual(
    exchanges.length,
    expected,
    `expected ${expected} request(s), saw: ${exchanges.map((e) => e.target).join(", ")}`
  )
  for (const exchange of exchanges) {
    assert.strictEqual(
      exchange.responseHeaders["x-steady-request-valid"],
      "true",
      `steady judged ${exchange.method} ${exchange.target} (→ ${exchange.status}) invalid:\n  ${
        diagnostics(exchange).join("\n  ")
      }`
    )
    assert.strictEqual(exchange.status, 200)
    // Required by the spec for both operations; steady checks presence, we check the values.
    assert.strictEqual(exchange.requestHeaders["x-api-key"], "<the fake key>")
    assert.strictEqual(exchange.requestHeaders["anthropic-version"], "2023-06-01")
    tally.valid++
  }
}

const successOf = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isFailure(exit)) assert.fail(`expected success, got:\n${Cause.pretty(exit.cause)}`)
  return exit.value
}

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) assert.fail("expected a failure, got a success")
  assert.isFalse(Cause.hasDies(exit.cause), `a defect:\n${Cause.pretty(exit.cause)}`)
  return Option.getOrThrowWith(
    Cause.findErrorOption(exit.cause),
    () => `no typed failure in:\n${Cause.pretty(exit.cause)}`
  )
}

const assertExamplePage = (page: ModelsPage): void => {
  assert.isAtLeast(page.data.length, 1)
  assert.strictEqual(page.data[0]!.id, EXAMPLE_ID)
  assert.isTrue(DateTime.isDateTime(page.data[0]!.created_at))
}

layer(SteadyLive, { excludeTestServices: true, timeout: "30 seconds" })("steady", (it) => {
  describe("list", () => {
    it.effect("with no parameters", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Models.list())
        assertExamplePage(successOf(exit))
        assertAllValid(exchanges, 1)
        assert.strictEqual(exchanges[0]!.target, "/v1/models")
        assert.strictEqual(exchanges[0]!.responseHeaders["x-steady-matched-path"], "/v1/models")
      }))

    it.effect("limit at 1, 20 and 1000", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([Models.list({ limit: 1 }), Models.list({ limit: 20 }), Models.list({ limit: 1000 })])
        )
        successOf(exit).forEach(assertExamplePage)
        assertAllValid(exchanges, 3)
        assert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=1",
          "/v1/models?limit=20",
          "/v1/models?limit=1000"
        ])
      }))

    it.effect("after_id, plain and needing encoding", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([Models.list({ afterId: EXAMPLE_ID }), Models.list({ afterId: "a b/c?d=e&f#g%h+ü" })])
        )
        successOf(exit).forEach(assertExamplePage)
        assertAllValid(exchanges, 2)
        assert.strictEqual(exchanges[0]!.target, `/v1/models?after_id=${EXAMPLE_ID}`)
        assert.strictEqual(new URL(exchanges[1]!.target, "http://x").searchParams.get("after_id"), "a b/c?d=e&f#g%h+ü")
      }))

    it.effect("before_id", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Models.list({ beforeId: EXAMPLE_ID, limit: 5 }))
        assertExamplePage(successOf(exit))
        assertAllValid(exchanges, 1)
        assert.strictEqual(exchanges[0]!.target, `/v1/models?limit=5&before_id=${EXAMPLE_ID}`)
      }))
  })

  describe("lifecycle", () => {
    // The spec settles the wire format as brackets (lifecycle[]=a&lifecycle[]=b), as the
    // official SDKs send it, and says that a mock reading the file must be told so. Without
    // that header steady reads the declared style (form, explode) and flags the client's
    // brackets with E3014; this pins that steady needs the header the spec names.
    it.effect(
      "without x-steady-query-array-format: brackets, steady flags lifecycle[] as E3014",
      () =>
        Effect.gen(function*() {
          const { exchanges, exit } = yield* run(Models.list({ lifecycle: ["active", "deprecated"] }))
          const error = failureOf(exit)
          assert.strictEqual(error._tag, "UnknownApiError")
          assert.strictEqual(exchanges.length, 1)
          const exchange = exchanges[0]!
          tally.bracketsWithoutHeader++
          assert.strictEqual(exchange.target, "/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=deprecated")
          assert.strictEqual(exchange.status, 400)
          assert.strictEqual(exchange.responseHeaders["x-steady-request-valid"], "false")
          assert.deepStrictEqual(diagnostics(exchange), [
            "E3014 query.lifecycle[]: Query parameter \"lifecycle[]\" looks like a serialization of \"lifecycle\" - check the encoding format"
          ])
        })
    )

    const brackets: ConfigOptions = { headers: { "x-steady-query-array-format": "brackets" } }

    it.effect("lifecycle[]=… (the form the spec's description names) is valid when steady reads arrays as brackets", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([
            Models.list({ lifecycle: ["active"] }),
            Models.list({ lifecycle: ["retired"] }),
            Models.list({ lifecycle: ["active", "deprecated", "retired"] })
          ]),
          brackets
        )
        successOf(exit).forEach(assertExamplePage)
        assertAllValid(exchanges, 3)
        assert.strictEqual(
          exchanges[2]!.target,
          "/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=deprecated&lifecycle%5B%5D=retired"
        )
      }))

    it.effect("steady in brackets mode does check the values (so the test above is not vacuous)", () =>
      Effect.gen(function*() {
        const steady = yield* Steady
        const response = yield* Effect.promise(() =>
          fetch(`${steady.url}/v1/models?lifecycle%5B%5D=active&lifecycle%5B%5D=bogus`, {
            headers: {
              "x-api-key": FAKE_API_KEY,
              "anthropic-version": "2023-06-01",
              "x-steady-query-array-format": "brackets"
            }
          })
        )
        yield* Effect.promise(() => response.arrayBuffer())
        assert.strictEqual(response.status, 400)
        assert.strictEqual(response.headers.get("x-steady-request-valid"), "false")
        assert.strictEqual(response.headers.get("x-steady-error-1-code"), "E3016")
        assert.strictEqual(response.headers.get("x-steady-error-1-path"), "query.lifecycle.1")
      }))
  })

  describe("headers", () => {
    it.effect("betas from config, per request, and none", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([
            Models.list(),
            Models.retrieve(EXAMPLE_ID),
            Models.list({ betas: ["per-request-beta"] }),
            Models.retrieve(EXAMPLE_ID, { betas: [] })
          ]),
          { betas: ["models-2026-10-21", "another-beta"] }
        )
        successOf(exit)
        assertAllValid(exchanges, 4)
        assert.deepStrictEqual(exchanges.map((e) => e.requestHeaders["anthropic-beta"]), [
          "models-2026-10-21,another-beta",
          "models-2026-10-21,another-beta",
          "per-request-beta",
          undefined
        ])
      }))

    it.effect("workspace id from config and per request", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([
            Models.list(),
            Models.retrieve(EXAMPLE_ID, { workspaceId: "wrkspc_per_request" }),
            Models.list({ workspaceId: "wrkspc_list" })
          ]),
          { workspaceId: "wrkspc_conformance" }
        )
        successOf(exit)
        assertAllValid(exchanges, 3)
        assert.deepStrictEqual(exchanges.map((e) => e.requestHeaders["anthropic-workspace-id"]), [
          "wrkspc_conformance",
          "wrkspc_per_request",
          "wrkspc_list"
        ])
      }))

    it.effect("every parameter and header at once", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Models.list({
            limit: 7,
            afterId: EXAMPLE_ID,
            lifecycle: ["deprecated", "retired"],
            betas: ["b1", "b2"],
            workspaceId: "wrkspc_all"
          }),
          { headers: { "x-steady-query-array-format": "brackets" } }
        )
        assertExamplePage(successOf(exit))
        assertAllValid(exchanges, 1)
      }))
  })

  describe("retrieve", () => {
    it.effect("an ordinary id", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Models.retrieve(EXAMPLE_ID))
        const model = successOf(exit)
        assert.strictEqual(model.id, EXAMPLE_ID)
        assert.strictEqual(model.display_name, "Claude Sonnet 4")
        assert.isTrue(DateTime.isDateTime(model.created_at))
        assertAllValid(exchanges, 1)
        assert.strictEqual(exchanges[0]!.target, `/v1/models/${EXAMPLE_ID}`)
        assert.strictEqual(exchanges[0]!.responseHeaders["x-steady-matched-path"], "/v1/models/{model_id}")
      }))

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

    it.effect("ids that need encoding stay one path segment", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Effect.forEach(awkwardIds, (id) => Models.retrieve(id)))
        successOf(exit)
        assertAllValid(exchanges, awkwardIds.length)
        exchanges.forEach((exchange, i) => {
          assert.strictEqual(exchange.target, `/v1/models/${encodeURIComponent(awkwardIds[i]!)}`)
          assert.strictEqual(exchange.responseHeaders["x-steady-matched-path"], "/v1/models/{model_id}")
        })
      }))

    it.effect("'.' and '..' are refused before anything is sent", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Effect.all([Models.retrieve("."), Models.retrieve("..")], { mode: "result" })
        )
        const results = successOf(exit)
        for (const result of results) {
          assert.isTrue(result._tag === "Failure" && result.failure._tag === "InvalidParameterError")
        }
        assert.strictEqual(exchanges.length, 0)
      }))
  })

  describe("pages and stream", () => {
    it.effect("pages() with Stream.take(1)", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Stream.runCollect(Stream.take(Models.pages(), 1)))
        const pages = successOf(exit)
        assert.strictEqual(pages.length, 1)
        assertExamplePage(pages[0]!)
        assertAllValid(exchanges, 1)
      }))

    it.effect("stream() with Stream.take(1)", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Stream.runCollect(Stream.take(Models.stream({ limit: 3 }), 1)))
        const models = successOf(exit)
        assert.strictEqual(models.length, 1)
        assert.strictEqual(models[0]!.id, EXAMPLE_ID)
        assertAllValid(exchanges, 1)
      }))

    // steady serves the same example page to every request: has_more true and
    // last_id = first_id = the example id. The second page therefore hands back
    // the cursor the client just sent, and the client must stop with a typed
    // PaginationError rather than loop. Both requests must still be valid.
    it.effect("forward pages(): the next request sends after_id = last_id; a repeated cursor is a PaginationError", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(Stream.runCollect(Stream.take(Models.pages({ limit: 2 }), 5)))
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "PaginationError")
        assertAllValid(exchanges, 2)
        assert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=2",
          `/v1/models?limit=2&after_id=${EXAMPLE_ID}`
        ])
      }))

    it.effect("backward pages(): the next request sends before_id = first_id", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Stream.runCollect(Stream.take(Models.pages({ beforeId: "claude-opus-9", limit: 2 }), 5))
        )
        const error = failureOf(exit)
        assert.strictEqual(error._tag, "PaginationError")
        assertAllValid(exchanges, 2)
        assert.deepStrictEqual(exchanges.map((e) => e.target), [
          "/v1/models?limit=2&before_id=claude-opus-9",
          `/v1/models?limit=2&before_id=${EXAMPLE_ID}`
        ])
      }))

    it.effect("stream() with prefetch and Stream.take(1)", () =>
      Effect.gen(function*() {
        const { exchanges, exit } = yield* run(
          Stream.runCollect(Stream.take(Models.stream({ limit: 1, prefetch: 2 }), 1))
        )
        const models = successOf(exit)
        assert.strictEqual(models.length, 1)
        // Prefetch may have asked for the next page before the stream was closed.
        assert.isAtLeast(exchanges.length, 1)
        assertAllValid(exchanges, exchanges.length)
      }))
  })
})
