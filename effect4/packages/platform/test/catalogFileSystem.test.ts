import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Models from "@anthropic-effect/core/Models"
import * as CatalogStore from "@anthropic-effect/platform/catalog"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"

const models = synthetic(12, { idPrefix: "fs" })

/** One process's worth: its own Models (counting its calls), its own catalogue, a store in `directory`. */
const runtime = (directory: string, options: ModelCatalog.Options = {}) =>
  Effect.gen(function*() {
    const [service, handle] = yield* ModelsTest.make(models)
    const warnings: Array<string> = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel === "Warn") warnings.push(Array.isArray(message) ? message.join(" ") : String(message))
    })
    const layer = ModelCatalog.layer({ ...options, store: CatalogStore.layerFileSystem({ directory }) }).pipe(
      Layer.provide(Layer.succeed(Models.Models, service)),
      // Provided to the layer too, so that a warning while building it is seen.
      Layer.provide(Logger.layer([logger])),
      Layer.merge(Logger.layer([logger]))
    )
    const listings = Effect.map(handle.calls, (calls) => calls.filter((call) => call._tag === "List").length)
    return { runtime: ManagedRuntime.make(layer), listings, warnings }
  })

const tempDirectory = Effect.acquireRelease(
  Effect.sync(() => Fs.mkdtempSync(Path.join(Os.tmpdir(), "model-catalog-"))),
  (directory) => Effect.sync(() => Fs.rmSync(directory, { recursive: true, force: true }))
)

describe("@anthropic-effect/platform/catalog", () => {
  it.live("a second runtime on the same directory reuses the fresh snapshot: one listing for both", () =>
    Effect.gen(function*() {
      const directory = yield* tempDirectory
      const first = yield* runtime(directory)
      const firstModels = yield* Effect.promise(() => first.runtime.runPromise(ModelCatalog.all))
      assert.strictEqual(firstModels.length, 12)
      assert.strictEqual(yield* first.listings, 1)
      yield* Effect.promise(() => first.runtime.dispose())
      assert.strictEqual(Fs.readdirSync(directory).length, 1, "one file per snapshot")

      // A restart: a new runtime, a new memory, the same directory.
      const second = yield* runtime(directory)
      const snapshot = yield* Effect.promise(() => second.runtime.runPromise(ModelCatalog.snapshot))
      assert.deepStrictEqual(snapshot.models.map((model) => model.id), firstModels.map((model) => model.id))
      assert.strictEqual(yield* second.listings, 0, "no listing after the restart")
      yield* Effect.promise(() => second.runtime.dispose())

      // A stored snapshot older than the TTL is not reused.
      const third = yield* runtime(directory, { ttl: "1 millis" })
      yield* Effect.sleep("5 millis")
      yield* Effect.promise(() => third.runtime.runPromise(ModelCatalog.all))
      assert.strictEqual(yield* third.listings, 1)
      yield* Effect.promise(() => third.runtime.dispose())
      assert.deepStrictEqual([...first.warnings, ...second.warnings, ...third.warnings], [])
    }))

  it.live("a directory that cannot be created: memory, one warning, nothing fails", () =>
    Effect.gen(function*() {
      const directory = yield* tempDirectory
      const file = Path.join(directory, "a-file")
      Fs.writeFileSync(file, "")
      const blocked = yield* runtime(Path.join(file, "below-a-file"))
      const all = yield* Effect.promise(() => blocked.runtime.runPromise(ModelCatalog.all))
      assert.strictEqual(all.length, 12)
      assert.strictEqual(blocked.warnings.length, 1)
      assert.include(blocked.warnings[0], "store unavailable (file system)")
      yield* Effect.promise(() => blocked.runtime.dispose())
    }))

  it.effect("the default directory is the user's cache directory, from the environment (UserDirectories)", () =>
    Effect.gen(function*() {
      const directory = yield* CatalogStore.defaultDirectory
      assert.isTrue(Path.isAbsolute(directory))
      assert.isTrue(directory.endsWith(Path.join("anthropic-effect", "model-catalog")))
      const xdg = yield* CatalogStore.defaultDirectory.pipe(
        Effect.provideService(
          ConfigProvider.ConfigProvider,
          ConfigProvider.fromEnv({ env: { HOME: "/home/ada", XDG_CACHE_HOME: "/var/cache/ada" } })
        )
      )
      assert.strictEqual(xdg, Path.join("/var/cache/ada", "anthropic-effect", "model-catalog"))
    }))
})
