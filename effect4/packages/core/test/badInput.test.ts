// Table-driven bad input: every case must end in a typed error with a clear
// message (or, where the input is legal, the right result), never a defect or a hang.
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import { catalogue, json, modelsLayer } from "./utils.js"

const model = { id: "m1", type: "model", display_name: "M1", created_at: "2025-01-01T00:00:00Z" }
const page = (data: ReadonlyArray<unknown>, more = false) => ({
  data,
  first_id: "m1",
  last_id: "m1",
  has_more: more
})

/** A value smuggled past the type checker, as plain JavaScript callers can. */
const untyped = <A>(value: unknown): A => value as A

type Outcome = { readonly tag: string; readonly message?: RegExp } | { readonly ok: (value: unknown) => boolean }

interface Case {
  readonly name: string
  readonly run: Effect.Effect<unknown, ModelsError.ModelsError, Models.Models>
  readonly answer?: (url: URL) => Response
  readonly expect: Outcome
}

const tenKb = "x".repeat(10_240)
const echoId = (url: URL) => json({ ...model, id: decodeURIComponent(url.pathname.slice("/v1/models/".length)) })

const cases: ReadonlyArray<Case> = [
  // parameters
  { name: "limit 0", run: Models.list({ limit: 0 }), expect: { tag: "InvalidParameterError", message: /limit/ } },
  {
    name: "limit 1001",
    run: Models.list({ limit: 1001 }),
    expect: { tag: "InvalidParameterError", message: /1 to 1000/ }
  },
  {
    name: "limit 1.5",
    run: Models.list({ limit: 1.5 }),
    expect: { tag: "InvalidParameterError", message: /whole number/ }
  },
  { name: "limit NaN", run: Models.list({ limit: NaN }), expect: { tag: "InvalidParameterError", message: /NaN/ } },
  { name: "limit as a string", run: Models.list({ limit: untyped("10") }), expect: { tag: "InvalidParameterError" } },
  {
    name: "limit Infinity in a stream",
    run: Stream.runDrain(Models.stream({ limit: Infinity })),
    expect: { tag: "InvalidParameterError" }
  },
  {
    name: "both cursors",
    run: Models.list({ afterId: "a", beforeId: "b" }),
    expect: { tag: "InvalidParameterError", message: /together/ }
  },
  {
    name: "empty afterId",
    run: Models.list({ afterId: "" }),
    expect: { tag: "InvalidParameterError", message: /empty/ }
  },
  { name: "empty model id", run: Models.retrieve(""), expect: { tag: "InvalidParameterError", message: /empty/ } },
  { name: "model id ..", run: Models.retrieve(".."), expect: { tag: "InvalidParameterError", message: /cannot be/ } },
  { name: "model id .", run: Models.retrieve("."), expect: { tag: "InvalidParameterError" } },
  {
    name: "model id of 10 KB",
    run: Models.retrieve(tenKb),
    expect: { tag: "InvalidParameterError", message: /limit is/ }
  },
  { name: "model id not a string", run: Models.retrieve(untyped(42)), expect: { tag: "InvalidParameterError" } },
  ...["a/b", "../etc", "what?x=1", "frag#x", "100%", "模型-é-🙂", "sp ace"].map((id): Case => ({
    name: `model id ${JSON.stringify(id)} is encoded and round-trips`,
    run: Models.retrieve(id),
    answer: echoId,
    expect: { ok: (value) => typeof value === "object" && value !== null && "id" in value && value.id === id }
  })),
  {
    name: "lifecycle value outside the set",
    run: Models.list({ lifecycle: untyped(["active", "gone"]) }),
    expect: { tag: "InvalidParameterError", message: /gone/ }
  },
  {
    name: "more than 3 lifecycle values",
    run: Models.list({ lifecycle: ["active", "active", "deprecated", "retired"] }),
    expect: { tag: "InvalidParameterError", message: /at most 3/ }
  },
  {
    name: "lifecycle not an array",
    run: Models.list({ lifecycle: untyped("active") }),
    expect: { tag: "InvalidParameterError" }
  },
  {
    name: "prefetch -1",
    run: Stream.runDrain(Models.stream({ prefetch: -1 })),
    expect: { tag: "InvalidParameterError", message: /prefetch/ }
  },
  {
    name: "a beta with a newline",
    run: Models.list({ betas: ["a\nb"] }),
    expect: { tag: "InvalidParameterError", message: /control/ }
  },
  // responses
  {
    name: "invalid JSON",
    run: Models.list(),
    answer: () => new Response("{nope", { status: 200 }),
    expect: { tag: "MalformedResponseError", message: /not valid JSON/ }
  },
  {
    name: "empty body",
    run: Models.list(),
    answer: () => new Response("", { status: 200 }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "body is an array",
    run: Models.list(),
    answer: () => json([]),
    expect: { tag: "MalformedResponseError", message: /schema/ }
  },
  {
    name: "body is a string",
    run: Models.list(),
    answer: () => json("page"),
    expect: { tag: "MalformedResponseError" }
  },
  { name: "body is null", run: Models.list(), answer: () => json(null), expect: { tag: "MalformedResponseError" } },
  {
    name: "data missing",
    run: Models.list(),
    answer: () => json({ first_id: null, last_id: null, has_more: false }),
    expect: { tag: "MalformedResponseError", message: /data/ }
  },
  {
    name: "data not an array",
    run: Models.list(),
    answer: () => json({ ...page([]), data: {} }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "a model missing id",
    run: Models.list(),
    answer: () => json(page([{ ...model, id: undefined }])),
    expect: { tag: "MalformedResponseError", message: /id/ }
  },
  {
    name: "created_at not RFC 3339",
    run: Models.list(),
    answer: () => json(page([{ ...model, created_at: "2025/01/01" }])),
    expect: { tag: "MalformedResponseError", message: /RFC 3339/ }
  },
  {
    name: "created_at an impossible date",
    run: Models.list(),
    answer: () => json(page([{ ...model, created_at: "2025-13-45T00:00:00Z" }])),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "has_more with last_id null",
    run: Stream.runDrain(Models.stream()),
    answer: () => json({ ...page([model], true), last_id: null }),
    expect: { tag: "PaginationError", message: /last_id/ }
  },
  {
    name: "the same cursor again",
    run: Stream.runDrain(Models.stream()),
    answer: () => json(page([model], true)),
    expect: { tag: "PaginationError", message: /second time/ }
  },
  {
    name: "a 10 MB page decodes",
    run: Models.list(),
    answer: () => json(page(catalogue(1000).map((m) => ({ ...m, display_name: "n".repeat(10_000) })))),
    expect: {
      ok: (value) =>
        typeof value === "object" && value !== null && "data" in value && Array.isArray(value.data) &&
        value.data.length === 1000
    }
  },
  {
    name: "a 10 MB body of garbage",
    run: Models.list(),
    answer: () => new Response("{".repeat(10_000_000), { status: 200 }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "an unknown error type is kept",
    run: Models.list(),
    answer: () => json({ type: "error", error: { type: "quota_error", message: "q" } }, 400),
    expect: { tag: "UnknownApiError", message: /q/ }
  },
  {
    name: "an unknown capability key is kept",
    run: Models.retrieve("m1"),
    answer: () => json({ ...model, capabilities: { teleport: { supported: true, range: 3 } } }),
    expect: { ok: (value) => JSON.stringify(value).includes("teleport") }
  },
  {
    name: "an unknown lifecycle and line are kept",
    run: Models.retrieve("m1"),
    answer: () => json({ ...model, lifecycle: "sunset", line: "sonata" }),
    expect: { ok: (value) => JSON.stringify(value).includes("sunset") && JSON.stringify(value).includes("sonata") }
  },
  {
    name: "null optional fields",
    run: Models.retrieve("m1"),
    answer: () =>
      json({
        ...model,
        max_tokens: null,
        capabilities: null,
        lifecycle: null,
        line: null,
        deprecated_at: null,
        retires_at: null
      }),
    expect: { ok: () => true }
  }
]

describe(`bad input (${cases.length} cases)`, () => {
  for (const c of cases) {
    it.effect(c.name, () => {
      const { layer } = modelsLayer(
        (request) => c.answer?.(request.url) ?? json({ ...page([]), first_id: null, last_id: null }),
        { maxRetries: 0 }
      )
      return Effect.gen(function*() {
        const exit = yield* Effect.exit(Effect.timeout(c.run, "10 seconds"))
        assert.isFalse(Exit.isFailure(exit) && Cause.hasDies(exit.cause), "a defect")
        if ("ok" in c.expect) {
          assert.isTrue(Exit.isSuccess(exit), Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "")
          if (Exit.isSuccess(exit)) assert.isTrue(c.expect.ok(exit.value))
          return
        }
        assert.isTrue(Exit.isFailure(exit))
        if (Exit.isSuccess(exit)) return
        const error = exit.cause.reasons.filter(Cause.isFailReason).map((reason) => reason.error)[0]
        assert.isTrue(ModelsError.isModelsError(error), `not a ModelsError: ${String(error)}`)
        assert.strictEqual(error._tag, c.expect.tag)
        if (c.expect.message !== undefined) assert.match(error.message, c.expect.message)
      }).pipe(Effect.provide(layer))
    })
  }
})
