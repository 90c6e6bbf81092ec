/**
 * The pagination suite's cases, as plain TypeScript both editions run:
 * packages/core/test/pagination.test.ts (Effect 3) and
 * effect4/packages/core/test/pagination.test.ts (Effect 4) are thin runners.
 * The streams, fibers and Deferreds stay in the runners; here are the fake
 * APIs, what is pulled from them, and what must come out.
 */
import type { Assert, EncodedModel, Fixtures, SeenRequest } from "./modelsHarness.js"

/** The `Models.ListParams` the cases pass, which both editions' accept. */
export interface ListParams {
  readonly limit?: number
  readonly afterId?: string
  readonly beforeId?: string
  readonly prefetch?: number
}

/** What the cases read of a page `Models.pages` yields. */
export interface PageView {
  readonly data: ReadonlyArray<{ readonly id: string }>
  readonly first_id: string | null
  readonly last_id: string | null
  readonly has_more: boolean
}

/** What the cases read of the error a stream fails with. */
export interface ErrorView {
  readonly _tag: string
  readonly cursor?: string | undefined
}

/**
 * One pull on the fake API, made by the runner in order: collect the ids of
 * `Models.stream(params)` (its first `take` only, with `take`), collect
 * `Models.pages(params)`, or drain `Models.stream(params)` expecting it to fail.
 */
export type Pull =
  | { readonly _tag: "Ids"; readonly params?: ListParams; readonly take?: number }
  | { readonly _tag: "Pages"; readonly params?: ListParams }
  | { readonly _tag: "Fails"; readonly params?: ListParams }

/** The result of a pull, of the same `_tag`. */
export type Pulled =
  | { readonly _tag: "Ids"; readonly ids: ReadonlyArray<string> }
  | { readonly _tag: "Pages"; readonly pages: ReadonlyArray<PageView> }
  | { readonly _tag: "Fails"; readonly error: ErrorView }

/** Pulls on one fake API, then a check of what came out and of the requests the API received. */
export interface Listing {
  readonly _tag: "Listing"
  readonly name: string
  readonly answers: (request: SeenRequest) => Response
  readonly pulls: ReadonlyArray<Pull>
  readonly check: (pulled: ReadonlyArray<Pulled>, requests: ReadonlyArray<SeenRequest>) => void
}

/**
 * A consumer of `Models.pages({ limit: 10, prefetch })` over 200 models that
 * stalls on the first page: once the producer has had every chance to run
 * ahead, the API must have received exactly `requests` requests.
 */
export interface Stalled {
  readonly _tag: "Stalled"
  readonly name: string
  readonly size: number
  readonly params: ListParams
  readonly requests: number
}

export type Case = Listing | Stalled

/** How many times the runner yields to let a producer run ahead of a stalled consumer. */
export const yields = 200

/** The property over any catalogue, page size and cursor: its generators' bounds and one run. */
export interface Property {
  readonly name: string
  readonly size: { readonly min: number; readonly max: number }
  readonly limit: { readonly min: number; readonly max: number }
  readonly numRuns: number
  /** The fake API, the params and the ids the stream must yield, for one draw. */
  readonly draw: (size: number, limit: number, cursorSeed: number, backward: boolean) => {
    readonly answers: (request: SeenRequest) => Response
    readonly params: ListParams
    readonly expected: ReadonlyArray<string>
  }
}

const idsOf = (models: ReadonlyArray<EncodedModel>) => models.map((m) => m.id)

export const suite = <M extends EncodedModel>(assert: Assert, fixtures: Fixtures<M>) => {
  const { catalogue, json, pageOf } = fixtures
  const listing = (models: ReadonlyArray<M>) => (request: SeenRequest) => json(pageOf(models, request.url))
  const ids = (pulled: Pulled | undefined): ReadonlyArray<string> =>
    pulled?._tag === "Ids" ? pulled.ids : assert.fail(`expected models, got ${pulled?._tag}`)
  const pages = (pulled: Pulled | undefined): ReadonlyArray<PageView> =>
    pulled?._tag === "Pages" ? pulled.pages : assert.fail(`expected pages, got ${pulled?._tag}`)
  const error = (pulled: Pulled | undefined): ErrorView =>
    pulled?._tag === "Fails" ? pulled.error : assert.fail(`expected a failure, got ${pulled?._tag}`)

  const forward = catalogue(25)
  const three = catalogue(3)
  const ninetyFive = catalogue(95)

  const cases: ReadonlyArray<Case> = [
    {
      _tag: "Listing",
      name: "forward: after_id = last_id until has_more is false",
      answers: listing(forward),
      pulls: [{ _tag: "Ids", params: { limit: 10 } }],
      check: ([all], requests) => {
        assert.deepStrictEqual(ids(all), idsOf(forward))
        assert.deepStrictEqual(requests.map((r) => r.url.searchParams.get("after_id")), [
          null,
          "model-000009",
          "model-000019"
        ])
      }
    },
    {
      _tag: "Listing",
      name: "backward: before_id = first_id, models nearest the cursor first",
      answers: listing(forward),
      pulls: [
        { _tag: "Ids", params: { limit: 10, beforeId: "model-000022" } },
        { _tag: "Pages", params: { limit: 10, beforeId: "model-000022" } }
      ],
      check: ([all, paged], requests) => {
        assert.deepStrictEqual(ids(all), idsOf(forward.slice(0, 22)).reverse())
        // the pages pull walks the same cursors again
        const cursors = ["model-000022", "model-000012", "model-000002"]
        assert.deepStrictEqual(requests.map((r) => r.url.searchParams.get("before_id")), [...cursors, ...cursors])
        assert.isTrue(requests.every((r) => !r.url.searchParams.has("after_id")))
        // pages keep the API's order inside each page
        assert.deepStrictEqual(pages(paged).map((p) => p.first_id), [
          "model-000012",
          "model-000002",
          "model-000000"
        ])
      }
    },
    {
      _tag: "Listing",
      name: "an empty list is one empty page and no models",
      answers: listing([]),
      pulls: [{ _tag: "Pages" }, { _tag: "Ids" }],
      check: ([paged, all], requests) => {
        assert.strictEqual(pages(paged).length, 1)
        assert.deepStrictEqual(pages(paged)[0], { data: [], first_id: null, last_id: null, has_more: false })
        assert.strictEqual(ids(all).length, 0)
        assert.strictEqual(requests.length, 2)
      }
    },
    {
      _tag: "Listing",
      name: "the last page ends the stream even when it is full",
      answers: listing(catalogue(20)),
      pulls: [{ _tag: "Ids", params: { limit: 10 } }],
      check: ([all], requests) => {
        assert.strictEqual(ids(all).length, 20)
        assert.strictEqual(requests.length, 2)
      }
    },
    {
      _tag: "Listing",
      name: "has_more true with an empty page stops",
      answers: () => json({ data: [], first_id: null, last_id: null, has_more: true }),
      pulls: [{ _tag: "Ids" }],
      check: ([all], requests) => {
        assert.strictEqual(ids(all).length, 0)
        assert.strictEqual(requests.length, 1)
      }
    },
    {
      _tag: "Listing",
      name: "has_more with last_id null fails with PaginationError instead of looping",
      answers: () => json({ data: three, first_id: "model-000000", last_id: null, has_more: true }),
      pulls: [{ _tag: "Fails" }],
      check: ([failed]) => {
        assert.strictEqual(error(failed)._tag, "PaginationError")
      }
    },
    {
      _tag: "Listing",
      name: "a cursor coming back again fails with PaginationError",
      answers: () => json({ data: three, first_id: "model-000000", last_id: "model-000002", has_more: true }),
      pulls: [{ _tag: "Fails" }],
      check: ([failed], requests) => {
        assert.strictEqual(error(failed)._tag, "PaginationError")
        assert.strictEqual(error(failed).cursor, "model-000002")
        assert.strictEqual(requests.length, 2)
      }
    },
    {
      _tag: "Listing",
      name: "a consumer that takes 5 models causes exactly one request",
      answers: listing(catalogue(100)),
      pulls: [{ _tag: "Ids", params: { limit: 20 }, take: 5 }],
      check: ([five], requests) => {
        assert.strictEqual(ids(five).length, 5)
        assert.strictEqual(requests.length, 1)
      }
    },
    {
      _tag: "Listing",
      name: "a stream can be run twice and starts over each time",
      answers: listing(catalogue(15)),
      pulls: [{ _tag: "Ids", params: { limit: 10 } }, { _tag: "Ids", params: { limit: 10 } }],
      check: ([first, second], requests) => {
        assert.strictEqual(ids(first).length, 15)
        assert.strictEqual(ids(second).length, 15)
        assert.strictEqual(requests.length, 4)
      }
    },
    ...[1, 3].map((prefetch): Stalled => ({
      _tag: "Stalled",
      name: `prefetch ${prefetch} keeps at most ${prefetch} pages fetched ahead of a stalled consumer`,
      size: 200,
      params: { limit: 10, prefetch },
      // the page the consumer holds, plus exactly `prefetch` fetched ahead
      requests: 1 + prefetch
    })),
    {
      _tag: "Stalled",
      name: "without prefetch no request runs ahead of the consumer",
      size: 200,
      params: { limit: 10 },
      requests: 1
    },
    {
      _tag: "Listing",
      name: "with prefetch the stream still yields every model once, in order",
      answers: listing(ninetyFive),
      pulls: [{ _tag: "Ids", params: { limit: 10, prefetch: 2 } }],
      check: ([all]) => {
        assert.deepStrictEqual(ids(all), idsOf(ninetyFive))
      }
    }
  ]

  const property: Property = {
    name: "every model exactly once, in order, in both directions, for any size and page size",
    size: { min: 0, max: 120 },
    limit: { min: 1, max: 25 },
    numRuns: 150,
    draw: (size, limit, cursorSeed, backward) => {
      const models = catalogue(size)
      const cursorIndex = size === 0 ? -1 : cursorSeed % size
      const params: ListParams = backward && cursorIndex >= 0
        ? { limit, beforeId: models[cursorIndex]!.id }
        : cursorIndex >= 0 && cursorSeed % 3 === 0
        ? { limit, afterId: models[cursorIndex]!.id }
        : { limit }
      const expected = "beforeId" in params
        ? models.slice(0, cursorIndex).reverse()
        : "afterId" in params
        ? models.slice(cursorIndex + 1)
        : models
      return { answers: listing(models), params, expected: idsOf(expected) }
    }
  }

  return { cases, property }
}
