/**
 * The pagination suite on the Effect 3 edition: the cases of
 * ./shared/paginationCases.ts (shared with the Effect 4 edition), pulled
 * through the public API over the fake HttpClient of ./utils.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as Models from "../src/Models.js"
import * as P from "./shared/paginationCases.js"
import * as Utils from "./utils.js"

const { cases, property } = P.suite(assert, Utils)

const pull = (p: P.Pull): Effect.Effect<P.Pulled, never, Models.Models> => {
  switch (p._tag) {
    case "Ids": {
      const stream = Models.stream(p.params)
      return Stream.runCollect(p.take === undefined ? stream : Stream.take(stream, p.take)).pipe(
        Effect.map((models): P.Pulled => ({ _tag: "Ids", ids: Chunk.toReadonlyArray(models).map((m) => m.id) })),
        Effect.orDie
      )
    }
    case "Pages":
      return Stream.runCollect(Models.pages(p.params)).pipe(
        Effect.map((pages): P.Pulled => ({ _tag: "Pages", pages: Chunk.toReadonlyArray(pages) })),
        Effect.orDie
      )
    case "Fails":
      return Effect.flip(Stream.runDrain(Models.stream(p.params))).pipe(
        Effect.map((error): P.Pulled => ({ _tag: "Fails", error })),
        Effect.orElseSucceed((): P.Pulled => ({ _tag: "Ids", ids: [] }))
      )
  }
}

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
    const firstPage = yield* Deferred.make<void>()
    const release = yield* Deferred.make<void>()
    const fiber = yield* Models.pages(c.params).pipe(
      Stream.tap(() => Effect.zipRight(Deferred.succeed(firstPage, undefined), Deferred.await(release))),
      Stream.runDrain,
      Effect.fork
    )
    yield* Deferred.await(firstPage)
    // Give the producer every chance to run ahead.
    for (let i = 0; i < P.yields; i++) yield* Effect.yieldNow()
    assert.strictEqual(requests.length, c.requests)
    yield* Fiber.interrupt(fiber)
  }).pipe(Effect.provide(layer))
}

describe("pagination", () => {
  for (const c of cases) it.effect(c.name, () => run(c))
})

describe("pagination properties", () => {
  it.effect.prop(
    property.name,
    [
      FastCheck.integer(property.size),
      FastCheck.integer(property.limit),
      FastCheck.nat(),
      FastCheck.boolean()
    ],
    ([size, limit, cursorSeed, backward]) => {
      const { answers, expected, params } = property.draw(size, limit, cursorSeed, backward)
      const { layer } = Utils.modelsLayer(answers)
      return Effect.gen(function*() {
        const all = yield* Stream.runCollect(Models.stream(params))
        assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((m) => m.id), expected)
      }).pipe(Effect.provide(layer))
    },
    { fastCheck: { numRuns: property.numRuns } }
  )
})
