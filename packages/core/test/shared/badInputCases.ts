/**
 * The bad-input table both editions run: every case must end in a typed error
 * with a clear message (or, where the input is legal, the right result), never
 * a defect or a hang. Plain TypeScript, no Effect: `packages/core/test/badInput.test.ts`
 * (Effect 3) and `effect4/packages/core/test/badInput.test.ts` (Effect 4) are
 * thin runners that make each case's call through their edition's public API
 * over a fake HttpClient answering with `respond`, and hand the `Exit`, as an
 * `Outcome`, to `verify`.
 */

/** What a runner lends the cases: its error guard, its test utils and its `assert`. */
export interface Edition {
  /** The edition's `ModelsError.isModelsError`. */
  readonly isModelsError: (u: unknown) => u is ErrorView
  /** The test utils' `json`: a JSON `Response` with the API's headers. */
  readonly json: (body: unknown, status?: number) => Response
  /** The test utils' `catalogue`: models in list order. */
  readonly catalogue: (size: number) => ReadonlyArray<object>
  /** The edition's Vitest `assert`, so the checks are the same chai checks in both. */
  readonly assert: Assert
}

/** The chai assertions `verify` uses. */
export interface Assert {
  isTrue(value: unknown, message?: string): void
  isFalse(value: unknown, message?: string): void
  strictEqual(actual: unknown, expected: unknown, message?: string): void
  match(value: string, regexp: RegExp, message?: string): void
}

/** The errors the cases read: every `ModelsError` has these. */
export interface ErrorView {
  readonly _tag: string
  readonly message: string
}

export type Lifecycle = "active" | "deprecated" | "retired"

/** The parameters the cases pass, in terms both editions' `Models.ListParams` take. */
export interface ListParams {
  readonly limit?: number | undefined
  readonly afterId?: string | undefined
  readonly beforeId?: string | undefined
  readonly lifecycle?: ReadonlyArray<Lifecycle> | undefined
  readonly prefetch?: number | undefined
  readonly betas?: ReadonlyArray<string> | undefined
}

/** The call a case makes through the public API. */
export type Call =
  | { readonly _tag: "List"; readonly params?: ListParams }
  | { readonly _tag: "Retrieve"; readonly id: string }
  /** `Models.stream(params)`, drained. */
  | { readonly _tag: "Drain"; readonly params?: ListParams }

/** The edition's public accessors a call goes through (`R`: its Effect). */
export interface Api<R> {
  readonly list: (params?: ListParams) => R
  readonly retrieve: (id: string) => R
  /** `Models.stream(params)`, drained. */
  readonly drain: (params?: ListParams) => R
}

export const perform = <R>(call: Call, api: Api<R>): R => {
  switch (call._tag) {
    case "List":
      return api.list(call.params)
    case "Retrieve":
      return api.retrieve(call.id)
    case "Drain":
      return api.drain(call.params)
  }
}

/** A run's result as the runner saw it. */
export type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  /** Whether the cause holds a defect, its failures in order, and its `Cause.pretty`. */
  | {
    readonly _tag: "Failure"
    readonly defect: boolean
    readonly errors: ReadonlyArray<unknown>
    readonly pretty: string
  }

export type Expected = { readonly tag: string; readonly message?: RegExp } | {
  readonly ok: (value: unknown) => boolean
}

export interface Case {
  readonly name: string
  readonly call: Call
  readonly answer?: (url: URL, edition: Edition) => Response
  readonly expect: Expected
}

const model = { id: "m1", type: "model", display_name: "M1", created_at: "2025-01-01T00:00:00Z" }
const page = (data: ReadonlyArray<unknown>, more = false) => ({
  data,
  first_id: "m1",
  last_id: "m1",
  has_more: more
})

/** A value smuggled past the type checker, as plain JavaScript callers can. */
const untyped = <A>(value: unknown): A => value as A

const list = (params?: ListParams): Call => params === undefined ? { _tag: "List" } : { _tag: "List", params }
const retrieve = (id: string): Call => ({ _tag: "Retrieve", id })
const drain = (params?: ListParams): Call => params === undefined ? { _tag: "Drain" } : { _tag: "Drain", params }

const tenKb = "x".repeat(10_240)
const echoId = (url: URL, edition: Edition) =>
  edition.json({ ...model, id: decodeURIComponent(url.pathname.slice("/v1/models/".length)) })

export const cases: ReadonlyArray<Case> = [
  // parameters
  { name: "limit 0", call: list({ limit: 0 }), expect: { tag: "InvalidParameterError", message: /limit/ } },
  {
    name: "limit 1001",
    call: list({ limit: 1001 }),
    expect: { tag: "InvalidParameterError", message: /1 to 1000/ }
  },
  {
    name: "limit 1.5",
    call: list({ limit: 1.5 }),
    expect: { tag: "InvalidParameterError", message: /whole number/ }
  },
  { name: "limit NaN", call: list({ limit: NaN }), expect: { tag: "InvalidParameterError", message: /NaN/ } },
  { name: "limit as a string", call: list({ limit: untyped("10") }), expect: { tag: "InvalidParameterError" } },
  {
    name: "limit Infinity in a stream",
    call: drain({ limit: Infinity }),
    expect: { tag: "InvalidParameterError" }
  },
  {
    name: "both cursors",
    call: list({ afterId: "a", beforeId: "b" }),
    expect: { tag: "InvalidParameterError", message: /together/ }
  },
  {
    name: "empty afterId",
    call: list({ afterId: "" }),
    expect: { tag: "InvalidParameterError", message: /empty/ }
  },
  { name: "empty model id", call: retrieve(""), expect: { tag: "InvalidParameterError", message: /empty/ } },
  { name: "model id ..", call: retrieve(".."), expect: { tag: "InvalidParameterError", message: /cannot be/ } },
  { name: "model id .", call: retrieve("."), expect: { tag: "InvalidParameterError" } },
  {
    name: "model id of 10 KB",
    call: retrieve(tenKb),
    expect: { tag: "InvalidParameterError", message: /limit is/ }
  },
  { name: "model id not a string", call: retrieve(untyped(42)), expect: { tag: "InvalidParameterError" } },
  ...["a/b", "../etc", "what?x=1", "frag#x", "100%", "模型-é-🙂", "sp ace"].map((id): Case => ({
    name: `model id ${JSON.stringify(id)} is encoded and round-trips`,
    call: retrieve(id),
    answer: echoId,
    expect: { ok: (value) => typeof value === "object" && value !== null && "id" in value && value.id === id }
  })),
  {
    name: "lifecycle value outside the set",
    call: list({ lifecycle: untyped(["active", "gone"]) }),
    expect: { tag: "InvalidParameterError", message: /gone/ }
  },
  {
    name: "more than 3 lifecycle values",
    call: list({ lifecycle: ["active", "active", "deprecated", "retired"] }),
    expect: { tag: "InvalidParameterError", message: /at most 3/ }
  },
  {
    name: "lifecycle not an array",
    call: list({ lifecycle: untyped("active") }),
    expect: { tag: "InvalidParameterError" }
  },
  {
    name: "prefetch -1",
    call: drain({ prefetch: -1 }),
    expect: { tag: "InvalidParameterError", message: /prefetch/ }
  },
  {
    name: "a beta with a newline",
    call: list({ betas: ["a\nb"] }),
    expect: { tag: "InvalidParameterError", message: /control/ }
  },
  // responses
  {
    name: "invalid JSON",
    call: list(),
    answer: () => new Response("{nope", { status: 200 }),
    expect: { tag: "MalformedResponseError", message: /not valid JSON/ }
  },
  {
    name: "empty body",
    call: list(),
    answer: () => new Response("", { status: 200 }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "body is an array",
    call: list(),
    answer: (_, { json }) => json([]),
    expect: { tag: "MalformedResponseError", message: /schema/ }
  },
  {
    name: "body is a string",
    call: list(),
    answer: (_, { json }) => json("page"),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "body is null",
    call: list(),
    answer: (_, { json }) => json(null),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "data missing",
    call: list(),
    answer: (_, { json }) => json({ first_id: null, last_id: null, has_more: false }),
    expect: { tag: "MalformedResponseError", message: /data/ }
  },
  {
    name: "data not an array",
    call: list(),
    answer: (_, { json }) => json({ ...page([]), data: {} }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "a model missing id",
    call: list(),
    answer: (_, { json }) => json(page([{ ...model, id: undefined }])),
    expect: { tag: "MalformedResponseError", message: /id/ }
  },
  {
    name: "created_at not RFC 3339",
    call: list(),
    answer: (_, { json }) => json(page([{ ...model, created_at: "2025/01/01" }])),
    expect: { tag: "MalformedResponseError", message: /RFC 3339/ }
  },
  {
    name: "created_at an impossible date",
    call: list(),
    answer: (_, { json }) => json(page([{ ...model, created_at: "2025-13-45T00:00:00Z" }])),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "has_more with last_id null",
    call: drain(),
    answer: (_, { json }) => json({ ...page([model], true), last_id: null }),
    expect: { tag: "PaginationError", message: /last_id/ }
  },
  {
    name: "the same cursor again",
    call: drain(),
    answer: (_, { json }) => json(page([model], true)),
    expect: { tag: "PaginationError", message: /second time/ }
  },
  {
    name: "a 10 MB page decodes",
    call: list(),
    answer: (_, { catalogue, json }) =>
      json(page(catalogue(1000).map((m) => ({ ...m, display_name: "n".repeat(10_000) })))),
    expect: {
      ok: (value) =>
        typeof value === "object" && value !== null && "data" in value && Array.isArray(value.data) &&
        value.data.length === 1000
    }
  },
  {
    name: "a 10 MB body of garbage",
    call: list(),
    answer: () => new Response("{".repeat(10_000_000), { status: 200 }),
    expect: { tag: "MalformedResponseError" }
  },
  {
    name: "an unknown error type is kept",
    call: list(),
    answer: (_, { json }) => json({ type: "error", error: { type: "quota_error", message: "q" } }, 400),
    expect: { tag: "UnknownApiError", message: /q/ }
  },
  {
    name: "an unknown capability key is kept",
    call: retrieve("m1"),
    answer: (_, { json }) => json({ ...model, capabilities: { teleport: { supported: true, range: 3 } } }),
    expect: { ok: (value) => JSON.stringify(value).includes("teleport") }
  },
  {
    name: "an unknown lifecycle and line are kept",
    call: retrieve("m1"),
    answer: (_, { json }) => json({ ...model, lifecycle: "sunset", line: "sonata" }),
    expect: { ok: (value) => JSON.stringify(value).includes("sunset") && JSON.stringify(value).includes("sonata") }
  },
  {
    name: "null optional fields",
    call: retrieve("m1"),
    answer: (_, { json }) =>
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

/** The fake API's answer to a case's request: the case's own, or an empty page. */
export const respond = (c: Case, url: URL, edition: Edition): Response =>
  c.answer?.(url, edition) ?? edition.json({ ...page([]), first_id: null, last_id: null })

/**
 * Never a defect; the value the case accepts, or a `ModelsError` (as the
 * edition's `isModelsError` tells) with the case's tag and message.
 */
export const verify = (c: Case, outcome: Outcome, edition: Edition): void => {
  const { assert, isModelsError } = edition
  assert.isFalse(outcome._tag === "Failure" && outcome.defect, "a defect")
  if ("ok" in c.expect) {
    assert.isTrue(outcome._tag === "Success", outcome._tag === "Failure" ? outcome.pretty : "")
    if (outcome._tag === "Success") assert.isTrue(c.expect.ok(outcome.value))
    return
  }
  assert.isTrue(outcome._tag === "Failure")
  if (outcome._tag === "Success") return
  const error = outcome.errors[0]
  assert.isTrue(isModelsError(error), `not a ModelsError: ${String(error)}`)
  if (!isModelsError(error)) return
  assert.strictEqual(error._tag, c.expect.tag)
  if (c.expect.message !== undefined) assert.match(error.message, c.expect.message)
}
