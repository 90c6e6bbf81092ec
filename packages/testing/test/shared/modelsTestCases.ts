/**
 * The ModelsTest suite's cases shared by both editions:
 * packages/testing/test/ModelsTest.test.ts (Effect 3) and
 * effect4/packages/testing/test/ModelsTest.test.ts (Effect 4) call the public
 * API on `ModelsTest.layer` with their own Effect and TestClock and hand the
 * pages and calls they got to the checks here. The Effect 4 runner has cases
 * of its own besides (predicate failures, aliases).
 */
import { type Assert, type Identified, ids } from "./assert.js"

export const CATALOGUE_SIZE = 45

export const names = {
  paging: "pages like the API: order, after_id, before_id, has_more",
  validates: "validates parameters like the real client",
  lifecycle: "filters by lifecycle; the default hides retired models",
  scripted: "the 3rd request fails with OverloadedError; every request for an id fails with NotFoundError",
  unknown: "an unknown id is a NotFoundError from the catalogue itself",
  latency: "latency per request follows the TestClock"
} as const

/** The parts of a page the checks read. */
export interface PageView {
  readonly data: ReadonlyArray<Identified>
  readonly has_more: boolean
  readonly last_id: string | null
}

/** The paging case's calls, in terms of the catalogue (`ModelsTest.layer(catalogue)`). */
export const pagingQueries = (catalogue: ReadonlyArray<Identified>) =>
  ({
    first: { limit: 20 },
    last: { limit: 20, afterId: catalogue[39]!.id },
    before: { limit: 10, beforeId: catalogue[15]!.id },
    all: { limit: 7 },
    backward: { limit: 7, beforeId: catalogue[30]!.id }
  }) as const

/** What the paging case's calls returned: three pages and two whole streams. */
export interface PagingSeen {
  readonly first: PageView
  readonly last: PageView
  readonly before: PageView
  readonly all: ReadonlyArray<Identified>
  readonly backward: ReadonlyArray<Identified>
}

export const checkPaging = (seen: PagingSeen, catalogue: ReadonlyArray<Identified>, assert: Assert): void => {
  assert.deepStrictEqual(ids(seen.first.data), ids(catalogue.slice(0, 20)))
  assert.isTrue(seen.first.has_more)
  assert.strictEqual(seen.first.last_id, catalogue[19]!.id)
  assert.strictEqual(seen.last.data.length, 5)
  assert.isFalse(seen.last.has_more)
  assert.deepStrictEqual(ids(seen.before.data), ids(catalogue.slice(5, 15)))
  assert.isTrue(seen.before.has_more)
  assert.deepStrictEqual(ids(seen.all), ids(catalogue))
  assert.deepStrictEqual(ids(seen.backward), ids(catalogue.slice(0, 30)).slice().reverse())
}

/** Parameters the real client refuses before any request; each is an InvalidParameterError, and no call is made. */
export const INVALID_PARAMS = [{ limit: 0 }, { limit: 1001 }, { limit: 1.5 }, { afterId: "a", beforeId: "b" }] as const

/** Big enough for the whole curated catalogue on one page. */
export const LIFECYCLE_LIMIT = 1000

type Lifecycled = ReadonlyArray<{ readonly lifecycle?: string | null | undefined }>

export const checkLifecycle = (
  seen: { readonly active: Lifecycled; readonly retired: Lifecycled; readonly byDefault: Lifecycled },
  catalogueSize: number,
  assert: Assert
): void => {
  assert.isTrue(seen.active.length > 0 && seen.active.every((m) => m.lifecycle === "active"))
  assert.isTrue(seen.retired.length > 0 && seen.retired.every((m) => m.lifecycle === "retired"))
  assert.isTrue(seen.byDefault.every((m) => m.lifecycle !== "retired"))
  assert.strictEqual(seen.byDefault.length + seen.retired.length, catalogueSize)
}

/** The scripted case: the third call is overloaded, and every retrieve of model 3 is not found. */
export const SCRIPTED = { onCall: 3, missingIndex: 3, foundIndex: 4, streamLimit: 10 } as const

/** A recorded call as both editions' `ModelsTest` keep it. */
export type CallView =
  | { readonly _tag: "List"; readonly request: { readonly afterId?: string | undefined } }
  | { readonly _tag: "Retrieve" }

export const checkScripted = (
  seen: {
    readonly streamError: string
    readonly missingError: string
    readonly found: Identified
    readonly calls: ReadonlyArray<CallView>
  },
  catalogue: ReadonlyArray<Identified>,
  assert: Assert
): void => {
  assert.strictEqual(seen.streamError, "OverloadedError")
  assert.strictEqual(seen.missingError, "NotFoundError")
  assert.strictEqual(seen.found.id, catalogue[SCRIPTED.foundIndex]!.id)
  assert.deepStrictEqual(seen.calls.map((call) => call._tag), ["List", "List", "List", "Retrieve", "Retrieve"])
  const third = seen.calls[2]!
  assert.strictEqual(third._tag === "List" ? third.request.afterId : undefined, catalogue[19]!.id)
}

export const UNKNOWN_ID = "claude-nonexistent"

export const checkUnknown = (error: { readonly _tag: string; readonly message: string }, assert: Assert): void => {
  assert.strictEqual(error._tag, "NotFoundError")
  assert.include(error.message, UNKNOWN_ID)
}

/** One second a request: the 45 models in pages of 20 take 3 requests, so 3 seconds. */
export const LATENCY = { latency: "1 second", limit: 20, before: "2 seconds", rest: "1 second" } as const
