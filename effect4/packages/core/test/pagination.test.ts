/**
 * The pagination suite on the Effect 4 edition: the cases of
 * packages/core/test/shared/paginationCases.ts (shared with the Effect 3
 * edition), pulled through the public API over the fake HttpClient of
 * ./utils.ts, and the checks only this edition needs.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import * as P from "../../../../packages/core/test/shared/paginationCases.js"
import * as ModelInfo from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import * as Utils from "./utils.js"

const { cases, property } = P.suite(assert, Utils)

// Effect 4's Stream.runCollect gives an array.
const pull = (p: P.Pull): Effect.Effect<P.Pulled, never, Models.Models> => {
  switch (p._tag) {
    case "Ids": {
      const stream = Models.stream(p.params)
      return Stream.runCollect(p.take === undefined ? stream : Stream.take(stream, p.take)).pipe(
        Effect.map((models): P.Pulled => ({ _tag: "Ids", ids: models.map((m) => m.id) })),
        Effect.orDie
      )
    }
    case "Pages":
      return Stream.runCollect(Models.pages(p.params)).pipe(
        Effect.map((pages): P.Pulled => ({ _tag: "Pages", pages })),
        Effect.orDie
      )
    case "Fails":
      return Effect.flip(Stream.runDrain(Models.stream(p.params))).pipe(
        Effect.map((error): P.Pulled => ({ _tag: "Fails", error })),
        Effect.orElseSucceed((): P.Pulled => ({ _tag: "Ids", ids: [] }))
      )
  }
}

/** Pulls pages with a consumer stalled on the first; the number of pages the producer fetched meanwhile. */
const stalled = <E, R>(pages: Stream.Stream<unknown, E, R>, fetched: () => number) =>
  Effect.gen(function*() {
    const firstPage = yield* Deferred.make<void>()
    const release = yield* Deferred.make<void>()
    const fiber = yield* pages.pipe(
      Stream.tap(() => Effect.andThen(Deferred.succeed(firstPage, undefined), Deferred.await(release))),
      Stream.runDrain,
      Effect.forkChild
    )
    yield* Deferred.await(firstPage)
    // Give the producer every chance to run ahead.
    for (let i = 0; i < P.yields; i++) yield* Effect.yieldNow
    const count = fetched()
    yield* Fiber.interrupt(fiber)
    return count
  })

const run = (c: P.Case) => {
  if (c._tag === "Listing") {
    const { layer, requests } = Utils.modelsLayer(c.answers)
    return Effect.gen(function*() {
      const pulled: Array<P.Pulled> = []
      for (const p of c.pulls) pulled.push(yield* pull(p))
      c.check(pulled, requests)
    }).pipe(Effect.provide(layer))
  }
  const { layer, requests } = Utils.modelsLayer(Utils.listing(Utils.catalogue(c.size)))
  return Effect.gen(function*() {
    assert.strictEqual(yield* stalled(Models.pages(c.params), () => requests.length), c.requests)
  }).pipe(Effect.provide(layer))
}

describe("pagination", () => {
  for (const c of cases) it.effect(c.name, () => run(c))

  // Effect 4's Stream.buffer runs further ahead when pages arrive at once, so
  // the bound is checked over an in-memory backend too.
  for (const c of cases) {
    if (c._tag !== "Stalled" || c.params.prefetch === undefined) continue
    const { prefetch } = c.params
    it.effect(`prefetch ${prefetch} holds over a backend that answers synchronously`, () =>
      Effect.gen(function*() {
        const models = Utils.catalogue(c.size)
        const seen: Array<string | undefined> = []
        const service = Models.fromBackend({
          listPage: (request) =>
            Effect.sync(() => {
              seen.push(request.afterId)
              const url = new URL("https://api.test/v1/models")
              url.searchParams.set("limit", String(request.limit ?? 20))
              if (request.afterId !== undefined) url.searchParams.set("after_id", request.afterId)
              return Schema.decodeUnknownSync(ModelInfo.ModelsPage)(Utils.pageOf(models, url))
            }),
          retrieve: () => Effect.die(new Error("not used"))
        })
        assert.strictEqual(yield* stalled(service.pages(c.params), () => seen.length), c.requests)
      }))
  }

  it.effect("with prefetch a failing page still fails the stream, after the pages before it", () => {
    const models = Utils.catalogue(60)
    const { layer } = Utils.modelsLayer((request) =>
      request.url.searchParams.get("after_id") === "model-000029"
        ? Utils.json({ type: "error", error: { type: "not_found_error", message: "gone" } }, 404)
        : Utils.json(Utils.pageOf(models, request.url))
    )
    return Effect.gen(function*() {
      const seen: Array<string> = []
      const error = yield* Models.stream({ limit: 10, prefetch: 2 }).pipe(
        Stream.runForEach((model) => Effect.sync(() => seen.push(model.id))),
        Effect.flip
      )
      assert.strictEqual(error._tag, "NotFoundError")
      assert.deepStrictEqual(seen, models.slice(0, 30).map((m) => m.id))
    }).pipe(Effect.provide(layer))
  })
})

describe("pagination properties", () => {
  // @effect/vitest 4's it.prop takes Schemas or effect/Arbitrary only, so
  // fast-check is driven directly; each run is its own Effect program.
  it(property.name, () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer(property.size),
        fc.integer(property.limit),
        fc.nat(),
        fc.boolean(),
        (size, limit, cursorSeed, backward) => {
          const { answers, expected, params } = property.draw(size, limit, cursorSeed, backward)
          const { layer } = Utils.modelsLayer(answers)
          return Effect.runPromise(
            Effect.gen(function*() {
              const all = yield* Stream.runCollect(Models.stream(params))
              assert.deepStrictEqual(all.map((m) => m.id), expected)
            }).pipe(Effect.provide(layer))
          )
        }
      ),
      { numRuns: property.numRuns }
    ))
})
