/**
 * The hostile-server suite on the Effect 4 edition: every case of
 * packages/platform/test/hostile/cases.ts (one copy, shared with the Effect 3
 * edition) over real loopback HTTP, once on the undici layer
 * (`NodeModels.layerHttpClientUndici`) and once on a fetch layer
 * (`@anthropic-effect/platform/bun`, FetchHttpClient over the global fetch,
 * which under vitest is Node's own). This file only runs them: it starts the
 * servers, builds the layer, makes the case's call and hands the `Exit`, as
 * an `Outcome`, to the case's checks.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as BunModels from "@anthropic-effect/platform/bun"
import * as NodeModels from "@anthropic-effect/platform/node"
import { describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as H from "../../../../packages/platform/test/hostile/cases.js"
import * as S from "../../../../packages/platform/test/hostile/server.js"

const edition: H.Edition = {
  durationMillis: (u) => Duration.isDuration(u) ? Duration.toMillis(u) : undefined,
  formatDuration: (u) => Duration.isDuration(u) ? Duration.format(u) : String(u)
}

/** A server for the test's scope. */
const serve = (handler: S.Handler) =>
  Effect.acquireRelease(Effect.promise(() => S.start(handler)), (server) => Effect.promise(() => server.close()))

const toOptions = (options: H.CaseOptions, baseUrl: string): ModelsConfig.Options => {
  const { retries, ...rest } = options
  return { ...rest, ...(retries === undefined ? {} : { retrySchedule: Schedule.recurs(retries) }), baseUrl }
}

// The undici layer by name, whichever transport `layer()` picks by default.
const makeLayer = (layer: H.LayerName, options: ModelsConfig.Options) =>
  layer === "node"
    ? Models.layer.pipe(
      Layer.provide(ModelsConfig.layerConfig(ModelsConfig.fromEnvWith(options))),
      Layer.provide(NodeModels.layerHttpClientUndici)
    )
    : BunModels.layer(options)

const pretty = (error: unknown) => Cause.pretty(Cause.fail(error))

const perform = (call: H.Call): Effect.Effect<unknown, unknown, Models.Models> => {
  switch (call._tag) {
    case "List":
      return Models.list()
    case "Retrieve":
      return Models.retrieve(call.id)
    case "Stream":
      return Models.stream(call.params).pipe(Stream.map((model) => model.id), Stream.runCollect)
    case "RetrieveEach":
      return Effect.forEach(
        Array.from({ length: call.times }),
        () =>
          Effect.map(Effect.result(Models.retrieve(call.id)), (result): H.Settled =>
            Result.isSuccess(result)
              ? { _tag: "Value", value: result.success }
              : { _tag: "Failure", error: result.failure, pretty: pretty(result.failure) })
      )
  }
}

const toOutcome = (exit: Exit.Exit<unknown, unknown>): H.Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Value", value: exit.value }
  return Option.match(Cause.findErrorOption(exit.cause), {
    onNone: () => ({ _tag: "NoFailure", pretty: Cause.pretty(exit.cause) }),
    onSome: (error) => ({ _tag: "Failure", error, pretty: pretty(error), defect: Cause.hasDies(exit.cause) })
  })
}

const run = (c: H.Case, layer: H.LayerName) =>
  Effect.gen(function*() {
    const other = yield* serve(H.otherServer)
    const api = yield* serve(c.server({ other }))
    const options = toOptions(H.caseOptions(c.options), api.origin + c.basePath)
    const [elapsed, exit] = yield* Effect.timed(
      Effect.exit(Effect.provide(Effect.suspend(() => perform(c.call)), makeLayer(layer, options)))
    )
    c.verify({ layer, edition, api, other }, toOutcome(exit), Duration.toMillis(elapsed))
  })

describe("hostile server", () => {
  for (const [group, cases] of H.groups) {
    describe(group, () => {
      for (const c of cases) {
        for (const layer of H.layers) {
          it.live(`${layer}: ${c.name}`, () => run(c, layer))
        }
      }
    })
  }
})
