import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Models from "@anthropic-effect/core/Models"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"

const models = synthetic(6, { idPrefix: "browser" })

/** A Storage like the browser's, in memory. */
const fakeStorage = (): Storage => {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value)
  }
}

const withLocalStorage = <A, E, R>(storage: Storage | undefined, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.sync(() => {
      const had = Object.getOwnPropertyDescriptor(globalThis, "localStorage")
      Object.defineProperty(globalThis, "localStorage", { configurable: true, get: () => storage })
      return had
    }),
    () => effect,
    (had) =>
      Effect.sync(() => {
        if (had === undefined) Reflect.deleteProperty(globalThis, "localStorage")
        else Object.defineProperty(globalThis, "localStorage", had)
      })
  )

const catalogue = Effect.gen(function*() {
  const [service, handle] = yield* ModelsTest.make(models)
  const warnings: Array<string> = []
  // Effect 4: the level is a string; Logger.layer with mergeWithExisting is Effect 3's Logger.add.
  const logger = Logger.layer([Logger.make(({ logLevel, message }) => {
    if (logLevel === "Warn") warnings.push(Array.isArray(message) ? message.join(" ") : String(message))
  })])
  const layer = ModelCatalog.layer({ store: BrowserModels.layerCatalogStore }).pipe(
    Layer.provide(Layer.succeed(Models.Models, service)),
    Layer.provide(logger)
  )
  const listings = Effect.map(handle.calls, (calls) => calls.filter((call) => call._tag === "List").length)
  return { layer, listings, warnings }
})

describe("@anthropic-effect/platform/browser layerCatalogStore", () => {
  it.effect("keeps the snapshot in localStorage: a reload lists nothing", () => {
    const storage = fakeStorage()
    return withLocalStorage(
      storage,
      Effect.gen(function*() {
        const page = yield* catalogue
        yield* Effect.provide(ModelCatalog.all, page.layer)
        assert.strictEqual(yield* page.listings, 1)
        assert.strictEqual(storage.length, 1)
        assert.match(storage.key(0) ?? "", /^anthropic-model-catalog-v1-/)
        const reloaded = yield* catalogue
        assert.strictEqual((yield* Effect.provide(ModelCatalog.all, reloaded.layer)).length, 6)
        assert.strictEqual(yield* reloaded.listings, 0)
      })
    )
  })

  it.effect("without localStorage: memory, one warning, nothing fails", () =>
    withLocalStorage(
      undefined,
      Effect.gen(function*() {
        const page = yield* catalogue
        assert.strictEqual((yield* Effect.provide(ModelCatalog.all, page.layer)).length, 6)
        assert.strictEqual(page.warnings.length, 1)
        assert.include(page.warnings[0], "store unavailable (localStorage)")
      })
    ))
})
