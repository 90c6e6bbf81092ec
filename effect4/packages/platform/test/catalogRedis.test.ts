// The Redis fleet scenarios on the Effect 4 edition: every scenario of
// packages/platform/test/fleet/fleet.ts (one copy, shared with the Effect 3
// edition), against a real redis-server that each scenario starts and stops.
// When redis-server is not installed the tests fail: CI installs it
// (apt-get install -y redis-server). This file supplies the members, the mock
// API and the member script in Effect 4.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Models from "@anthropic-effect/core/Models"
import * as RedisCatalog from "@anthropic-effect/platform/redis"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Scope from "effect/Scope"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as Fleet from "../../../../packages/platform/test/fleet/fleet.js"

const models = synthetic(Fleet.catalogue.size, { idPrefix: Fleet.catalogue.idPrefix })

/** One process of the fleet: its own runtime, memory and Redis connection; the Models calls counted together. */
const member = (service: Models.Service, port: number): Fleet.Member => {
  const warnings: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    if (logLevel === "Warn") warnings.push(Array.isArray(message) ? message.join(" ") : String(message))
  })
  const runtime = ManagedRuntime.make(
    ModelCatalog.layer({
      ttl: "1 second",
      // node-redis takes the address under `socket`, and has no key prefix: the store adds it.
      store: RedisCatalog.layerCatalogStore({ socket: { host: "127.0.0.1", port }, keyPrefix: "fleet-test:" })
    }).pipe(
      Layer.provide(Layer.succeed(Models.Models, service)),
      // Effect 4: Logger.layer replaces the loggers (Effect 3: Logger.replace).
      Layer.merge(Logger.layer([logger]))
    )
  )
  return {
    snapshot: () =>
      runtime.runPromise(Effect.map(ModelCatalog.snapshot, (snapshot) => ({
        fetchedAt: DateTime.toEpochMillis(snapshot.fetchedAt),
        models: snapshot.models.length
      }))),
    all: () => runtime.runPromise(Effect.map(ModelCatalog.all, (all) => all.length)),
    get: (id) => runtime.runPromise(Effect.asVoid(ModelCatalog.get(id))),
    warnings,
    dispose: () => runtime.dispose()
  }
}

const edition: Fleet.Edition = {
  fleet: ({ latencyMillis }) =>
    Effect.runPromise(
      Effect.map(ModelsTest.make(models, { latency: Duration.millis(latencyMillis) }), ([service, handle]) => ({
        member: (port: number) => member(service, port),
        listings: () =>
          Effect.runPromise(Effect.map(handle.calls, (calls) => calls.filter((call) => call._tag === "List").length))
      }))
    ),
  serveApi: () =>
    Effect.runPromise(Effect.gen(function*() {
      const scope = yield* Scope.make()
      const api = yield* Scope.provide(scope)(ModelsApiServer.serve({ models, apiKey: Fleet.fleetApiKey }))
      return {
        url: api.url,
        requests: () => Effect.runPromise(Effect.map(api.stats, (stats) => stats.requests)),
        close: () => Effect.runPromise(Scope.close(scope, Exit.void))
      }
    })),
  memberScript: Path.join(Path.dirname(fileURLToPath(import.meta.url)), "catalogRedisMember.ts")
}

describe("@anthropic-effect/platform/redis", () => {
  for (const scenario of Fleet.scenarios) {
    it.live(scenario.name, () => Effect.promise(() => scenario.run(edition)), { timeout: scenario.timeoutMillis })
  }
})
