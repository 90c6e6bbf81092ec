import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as fc from "fast-check"
import * as ModelInfo from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import { catalogue, json, listing, modelsLayer, pageOf } from "./utils.js"

// Effect 4's Stream.runCollect gives an array.
const ids = (models: ReadonlyArray<{ readonly id: string }>) => models.map((m) => m.id)

describe("pagination", () => {
  it.effect("forward: after_id = last_id until has_more is false", () => {
    const models = catalogue(25)
    const { layer, requests } = modelsLayer(listing(models))
    return Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: 10 }))
      assert.deepStrictEqual(ids(all), models.map((m) => m.id))
      assert.deepStrictEqual(requests.map((r) => r.url.searchParams.get("after_id")), [
        null,
        "model-000009",
        "model-000019"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("backward: before_id = first_id, models nearest the cursor first", () => {
    const models = catalogue(25)
    const { layer, requests } = modelsLayer(listing(models))
    return Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: 10, beforeId: "model-000022" }))
      assert.deepStrictEqual(ids(all), models.slice(0, 22).map((m) => m.id).reverse())
      assert.deepStrictEqual(requests.map((r) => r.url.searchParams.get("before_id")), [
        "model-000022",
        "model-000012",
        "model-000002"
      ])
      assert.isTrue(requests.every((r) => !r.url.searchParams.has("after_id")))
      // pages keep the API's order inside each page
      const pages = yield* Stream.runCollect(Models.pages({ limit: 10, beforeId: "model-000022" }))
      assert.deepStrictEqual(pages.map((p) => p.first_id), [
        "model-000012",
        "model-000002",
        "model-000000"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty list is one empty page and no models", () => {
    const { layer, requests } = modelsLayer(listing([]))
    return Effect.gen(function*() {
      const pages = yield* Stream.runCollect(Models.pages())
      assert.strictEqual(pages.length, 1)
      assert.deepStrictEqual(pages[0], { data: [], first_id: null, last_id: null, has_more: false })
      assert.strictEqual((yield* Stream.runCollect(Models.stream())).length, 0)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("the last page ends the stream even when it is full", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(20)))
    return Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: 10 }))
      assert.strictEqual(all.length, 20)
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("has_more true with an empty page stops", () => {
    const { layer, requests } = modelsLayer(() => json({ data: [], first_id: null, last_id: null, has_more: true }))
    return Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream())
      assert.strictEqual(all.length, 0)
      assert.strictEqual(requests.length, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("has_more with last_id null fails with PaginationError instead of looping", () => {
    const models = catalogue(3)
    const { layer } = modelsLayer(() => json({ data: models, first_id: "model-000000", last_id: null, has_more: true }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Models.stream()))
      assert.strictEqual(error._tag, "PaginationError")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a cursor coming back again fails with PaginationError", () => {
    const models = catalogue(3)
    const { layer, requests } = modelsLayer(() =>
      json({ data: models, first_id: "model-000000", last_id: "model-000002", has_more: true })
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runDrain(Models.stream()))
      assert.strictEqual(error._tag, "PaginationError")
      if (error._tag === "PaginationError") assert.strictEqual(error.cursor, "model-000002")
      assert.strictEqual(requests.length, 2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a consumer that takes 5 models causes exactly one request", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(100)))
    return Effect.gen(function*() {
      const five = yield* Stream.runCollect(Stream.take(Models.stream({ limit: 20 }), 5))
      assert.strictEqual(five.length, 5)
      assert.strictEqual(requests.length, 1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a stream can be run twice and starts over each time", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(15)))
    return Effect.gen(function*() {
      const stream = Models.stream({ limit: 10 })
      assert.strictEqual((yield* Stream.runCollect(stream)).length, 15)
      assert.strictEqual((yield* Stream.runCollect(stream)).length, 15)
      assert.strictEqual(requests.length, 4)
    }).pipe(Effect.provide(layer))
  })

  for (const prefetch of [1, 3]) {
    it.effect(`prefetch ${prefetch} keeps at most ${prefetch} pages fetched ahead of a stalled consumer`, () => {
      const { layer, requests } = modelsLayer(listing(catalogue(200)))
      return Effect.gen(function*() {
        const firstPage = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const fiber = yield* Models.pages({ limit: 10, prefetch }).pipe(
          Stream.tap(() => Effect.andThen(Deferred.succeed(firstPage, undefined), Deferred.await(release))),
          Stream.runDrain,
          Effect.forkChild
        )
        yield* Deferred.await(firstPage)
        // Give the producer every chance to run ahead.
        for (let i = 0; i < 200; i++) yield* Effect.yieldNow
        // the page the consumer holds, plus exactly `prefetch` fetched ahead
        assert.strictEqual(requests.length, 1 + prefetch)
        yield* Fiber.interrupt(fiber)
      }).pipe(Effect.provide(layer))
    })
  }

  it.effect("without prefetch no request runs ahead of the consumer", () => {
    const { layer, requests } = modelsLayer(listing(catalogue(200)))
    return Effect.gen(function*() {
      const release = yield* Deferred.make<void>()
      const firstPage = yield* Deferred.make<void>()
      const fiber = yield* Models.pages({ limit: 10 }).pipe(
        Stream.tap(() => Effect.andThen(Deferred.succeed(firstPage, undefined), Deferred.await(release))),
        Stream.runDrain,
        Effect.forkChild
      )
      yield* Deferred.await(firstPage)
      for (let i = 0; i < 200; i++) yield* Effect.yieldNow
      assert.strictEqual(requests.length, 1)
      yield* Fiber.interrupt(fiber)
    }).pipe(Effect.provide(layer))
  })

  // Effect 4's Stream.buffer runs further ahead when pages arrive at once, so
  // the bound is checked over an in-memory backend too.
  for (const prefetch of [1, 3]) {
    it.effect(`prefetch ${prefetch} holds over a backend that answers synchronously`, () =>
      Effect.gen(function*() {
        const models = catalogue(200)
        const seen: Array<string | undefined> = []
        const service = Models.fromBackend({
          listPage: (request) =>
            Effect.sync(() => {
              seen.push(request.afterId)
              const url = new URL("https://api.test/v1/models")
              url.searchParams.set("limit", String(request.limit ?? 20))
              if (request.afterId !== undefined) url.searchParams.set("after_id", request.afterId)
              return Schema.decodeUnknownSync(ModelInfo.ModelsPage)(pageOf(models, url))
            }),
          retrieve: () => Effect.die(new Error("not used"))
        })
        const firstPage = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const fiber = yield* service.pages({ limit: 10, prefetch }).pipe(
          Stream.tap(() => Effect.andThen(Deferred.succeed(firstPage, undefined), Deferred.await(release))),
          Stream.runDrain,
          Effect.forkChild
        )
        yield* Deferred.await(firstPage)
        for (let i = 0; i < 200; i++) yield* Effect.yieldNow
        assert.strictEqual(seen.length, 1 + prefetch)
        yield* Fiber.interrupt(fiber)
      }))
  }

  it.effect("with prefetch a failing page still fails the stream, after the pages before it", () => {
    const models = catalogue(60)
    const { layer } = modelsLayer((request) =>
      request.url.searchParams.get("after_id") === "model-000029"
        ? json({ type: "error", error: { type: "not_found_error", message: "gone" } }, 404)
        : json(pageOf(models, request.url))
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

  it.effect("with prefetch the stream still yields every model once, in order", () => {
    const models = catalogue(95)
    const { layer } = modelsLayer(listing(models))
    return Effect.gen(function*() {
      const all = yield* Stream.runCollect(Models.stream({ limit: 10, prefetch: 2 }))
      assert.deepStrictEqual(ids(all), models.map((m) => m.id))
    }).pipe(Effect.provide(layer))
  })
})

describe("pagination properties", () => {
  // @effect/vitest 4's it.prop takes Schemas or effect/Arbitrary only, so
  // fast-check is driven directly; each run is its own Effect program.
  it("every model exactly once, in order, in both directions, for any size and page size", () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 25 }),
        fc.nat(),
        fc.boolean(),
        (size, limit, cursorSeed, backward) => {
          const models = catalogue(size)
          const { layer } = modelsLayer((request) => json(pageOf(models, request.url)))
          const cursorIndex = size === 0 ? -1 : cursorSeed % size
          const params: Models.ListParams = backward && cursorIndex >= 0
            ? { limit, beforeId: models[cursorIndex]!.id }
            : cursorIndex >= 0 && cursorSeed % 3 === 0
            ? { limit, afterId: models[cursorIndex]!.id }
            : { limit }
          const expected = "beforeId" in params
            ? models.slice(0, cursorIndex).reverse()
            : "afterId" in params
            ? models.slice(cursorIndex + 1)
            : models
          return Effect.runPromise(
            Effect.gen(function*() {
              const all = yield* Stream.runCollect(Models.stream(params))
              assert.deepStrictEqual(ids(all), expected.map((m) => m.id))
            }).pipe(Effect.provide(layer))
          )
        }
      ),
      { numRuns: 150 }
    ))
})
