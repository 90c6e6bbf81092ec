/**
 * The hostile-server suite on the Effect 3 edition: every case of
 * ./hostile/cases.ts (shared with the Effect 4 edition) over real loopback
 * HTTP, once on the undici layer (`@anthropic-effect/platform/node`) and once
 * on a fetch layer (`@anthropic-effect/platform/bun`, FetchHttpClient over the
 * global fetch, which under vitest is Node's own). This file only runs them:
 * it starts the servers, builds the layer, makes the case's call and hands
 * the `Exit`, as an `Outcome`, to the case's checks.
 */
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as BunModels from "@anthropic-effect/platform/bun"
import * as NodeModels from "@anthropic-effect/platform/node"
import { describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as H from "./hostile/cases.js"
import * as S from "./hostile/server.js"

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

const makeLayer = (layer: H.LayerName, options: ModelsConfig.Options) =>
  layer === "node" ? NodeModels.layer(options) : BunModels.layer(options)

const pretty = (error: unknown) => Cause.pretty(Cause.fail(error))

const perform = (call: H.Call): Effect.Effect<unknown, unknown, Models.Models> => {
  switch (call._tag) {
    case "List":
      return Models.list()
    case "Retrieve":
      return Models.retrieve(call.id)
    case "Stream":
      return Models.stream(call.params).pipe(
        Stream.map((model) => model.id),
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray)
      )
    case "RetrieveEach":
      return Effect.forEach(
        Array.from({ length: call.times }),
        () =>
          Effect.map(Effect.either(Models.retrieve(call.id)), (result): H.Settled =>
            Either.isRight(result)
              ? { _tag: "Value", value: result.right }
              : { _tag: "Failure", error: result.left, pretty: pretty(result.left) })
      )
  }
}

const toOutcome = (exit: Exit.Exit<unknown, unknown>): H.Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Value", value: exit.value }
  return Option.match(Cause.failureOption(exit.cause), {
    onNone: () => ({ _tag: "NoFailure", pretty: Cause.pretty(exit.cause) }),
    onSome: (error) => ({ _tag: "Failure", error, pretty: pretty(error), defect: Cause.isDie(exit.cause) })
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
          it.scopedLive(`${layer}: ${c.name}`, () => run(c, layer))
        }
      }
    })
  }
})
