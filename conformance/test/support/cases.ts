/**
 * What the steady and Prism cases (`./steadyCases.ts`, `./prismCases.ts`)
 * share: the parameters and options they pass, the views of the client's
 * values and of the recorded exchanges they read, a runner's `Outcome` of a
 * call, and the `Edition` adapter for the few things only an edition can
 * answer. Plain TypeScript (node:assert), no Effect: both editions'
 * conformance runners import it, each under its own Vitest.
 */
import * as NodeAssert from "node:assert/strict"

/** Never a real key: the servers only check that one is present. */
export const FAKE_API_KEY = "sk-ant-conformance-FAKE"

/** The id in the spec's examples. */
export const EXAMPLE_ID = "claude-sonnet-4-20250514"

// ---------------------------------------------------------------------------
// The mock server
// ---------------------------------------------------------------------------

/** What each edition's `MockServer.start` takes. */
export interface ServerOptions {
  readonly name: string
  readonly command: string
  /** Arguments; `{port}` is replaced by the chosen port. */
  readonly args: ReadonlyArray<string>
  /** A path that answers (any status) once the server is up. */
  readonly readyPath: string
  /** As text, which `Duration.DurationInput` (3) and `Duration.Input` (4) both read. */
  readonly readyTimeout: `${number} seconds`
}

// ---------------------------------------------------------------------------
// What a case passes to the public API (both editions' types accept these)
// ---------------------------------------------------------------------------

export type Stage = "active" | "deprecated" | "retired"

/** `Models.RequestParams`. */
export interface RequestParams {
  readonly betas?: ReadonlyArray<string> | undefined
  readonly workspaceId?: string | undefined
}

/** `Models.ListParams`. */
export interface ListParams extends RequestParams {
  readonly limit?: number | undefined
  readonly afterId?: string | undefined
  readonly beforeId?: string | undefined
  readonly lifecycle?: ReadonlyArray<Stage> | undefined
  readonly prefetch?: number | undefined
}

/** The `ModelsConfig.Options` a case sets; the key (the fake one) and the base URL (the server) are the runner's. */
export interface ClientOptions {
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly betas?: ReadonlyArray<string> | undefined
  readonly workspaceId?: string | undefined
  readonly maxRetries?: number | undefined
}

// ---------------------------------------------------------------------------
// What a case reads back
// ---------------------------------------------------------------------------

/** One request as each edition's `support/Client.ts` records it. */
export interface Exchange {
  readonly method: string
  /** Path and query exactly as sent, percent-encoding included. */
  readonly target: string
  readonly status: number
  /** Request headers, with `x-api-key` replaced by whether it was the fake key. */
  readonly requestHeaders: Readonly<Record<string, string>>
  readonly responseHeaders: Readonly<Record<string, string>>
}

/** The parts of a `ModelInfo` the cases read. */
export interface ModelView {
  readonly id: string
  readonly display_name: string
  /** A `DateTime.Utc` of the edition's own. */
  readonly created_at: unknown
}

/** The parts of a `ModelsPage` the cases read. */
export interface PageView {
  readonly data: ReadonlyArray<ModelView>
  readonly last_id: string | null
}

/**
 * A run's `Exit` as the runner saw it. `defect` says whether the cause holds
 * a defect, `error` is its first typed failure.
 */
export type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  | { readonly _tag: "Failure"; readonly error: unknown; readonly defect: boolean; readonly pretty: string }
  /** A cause with no typed failure in it: a defect or an interruption. */
  | { readonly _tag: "NoFailure"; readonly defect: boolean; readonly interrupted: boolean; readonly pretty: string }

/** What only an edition can tell about its own values. */
export interface Edition {
  /** The edition's `DateTime.isDateTime`. */
  readonly isDateTime: (u: unknown) => boolean
  /** The edition's `ModelsError.isModelsError`. */
  readonly isModelsError: (u: unknown) => u is { readonly _tag: string }
  /** The edition's `ModelsError.isApiError`. */
  readonly isApiError: (u: unknown) => u is { readonly _tag: string; readonly status: number }
}

export type Fields = Readonly<Record<string, unknown>>

export const isFields = (u: unknown): u is Fields => typeof u === "object" && u !== null

export const isModel = (u: unknown): u is ModelView =>
  isFields(u) && typeof u.id === "string" && typeof u.display_name === "string" && "created_at" in u

export const isPage = (u: unknown): u is PageView =>
  isFields(u) && Array.isArray(u.data) && u.data.every((model: unknown) => isModel(model)) &&
  (u.last_id === null || typeof u.last_id === "string")

/** `u` as an `A`, or a failed check naming what was expected. */
export const read = <A>(what: string, is: (u: unknown) => u is A) => (u: unknown): A =>
  is(u) ? u : NodeAssert.fail(`expected ${what}, got ${String(u)}`)

/** `u` as an array of `A`s, each read with `one`. */
export const readArray = <A>(one: (u: unknown) => A) => (u: unknown): ReadonlyArray<A> =>
  Array.isArray(u) ? u.map((item: unknown) => one(item)) : NodeAssert.fail(`expected an array, got ${String(u)}`)

export const readPage = read("a page", isPage)

export const readModel = read("a model", isModel)

/** The value of a successful outcome; a failed check with the cause otherwise. */
export const successOf = (outcome: Outcome): unknown =>
  outcome._tag === "Success" ? outcome.value : NodeAssert.fail(`expected success, got:\n${outcome.pretty}`)

/** The typed failure of a failed outcome that holds no defect; a failed check otherwise. */
export const failureOf = (outcome: Outcome): unknown => {
  if (outcome._tag === "Success") return NodeAssert.fail("expected a failure, got a success")
  NodeAssert.strictEqual(outcome.defect, false, `a defect:\n${outcome.pretty}`)
  return outcome._tag === "Failure" ? outcome.error : NodeAssert.fail(`no typed failure in:\n${outcome.pretty}`)
}

/** The `_tag` of a value, when it has a string one. */
export const tagOf = (u: unknown): string | undefined => isFields(u) && typeof u._tag === "string" ? u._tag : undefined

/** `value >= bound`, in chai's words. */
export const assertAtLeast = (value: number, bound: number, message?: string): void =>
  NodeAssert.ok(
    value >= bound,
    `${message === undefined ? "" : `${message}: `}expected ${value} to be at least ${bound}`
  )

// ---------------------------------------------------------------------------
// Requests made without the client
// ---------------------------------------------------------------------------

/** A response to a request made with the global fetch, its body read. */
export interface Fetched {
  readonly status: number
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
}

/** A GET of `url` with `headers`, past the client, to see what the server makes of it. */
export const fetchOnce = async (url: string, headers: Readonly<Record<string, string>>): Promise<Fetched> => {
  const response = await fetch(url, { headers })
  await response.arrayBuffer()
  return { status: response.status, headers: Object.fromEntries(response.headers) }
}
