/**
 * ModelCatalog on the Effect 3 edition: the cases of ./shared/catalogCases.ts
 * (shared with the Effect 4 edition), each a script of steps this file
 * performs under the TestClock, over the fake Models API of ./utils.ts; and
 * the checks of the types `supports` and `select` take.
 */
import * as Catalog from "@anthropic-effect/protocol/Catalog"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as ModelCatalog from "../src/ModelCatalog.js"
import { ModelInfo } from "../src/ModelInfo.js"
import type * as Models from "../src/Models.js"
import * as C from "./shared/catalogCases.js"
import * as Utils from "./utils.js"

const decodeAll = Schema.decodeUnknownSync(Schema.Array(ModelInfo))

/** The fake Models API (no retries) answering from `state`, each answer `state.latencyMillis` late. */
const fakeModels = (state: C.ApiState) =>
  Utils.modelsLayer((request) => {
    const response = C.answer(Utils, state, request)
    return state.latencyMillis === 0 ? response : Effect.as(Effect.sleep(state.latencyMillis), response)
  }, { maxRetries: 0 })

/**
 * The case's catalogue: one for the whole script (built here), or for the
 * store case a new one on each call, all on one store.
 */
const catalogOf = (setup: C.Setup, models: Layer.Layer<Models.Models>) => {
  if (setup._tag === "Store") {
    return Effect.map(
      Layer.memoize(ModelCatalog.layerStoreMemory),
      (store) => ModelCatalog.layer({ store }).pipe(Layer.provide(models))
    )
  }
  const layer = setup._tag === "Snapshot"
    ? ModelCatalog.layerSnapshot(decodeAll(setup.models), setup.fetchedAt, { policy: setup.policy })
    : ModelCatalog.layer(C.layerOptions(setup.options ?? {}, Schedule.spaced)).pipe(Layer.provide(models))
  return Effect.map(Layer.build(layer), Layer.succeedContext)
}

type Failure = ModelCatalog.LookupError | ModelCatalog.ModelLimitUnknownError

const judge = (query: ModelCatalog.Query) =>
  Effect.flatMap(
    ModelCatalog.ModelCatalog,
    (catalog) =>
      Effect.flatMap(catalog.select(query), (models) =>
        Effect.forEach(models, (model) => Effect.map(catalog.status(model), (status) => ({ model, status }))))
  )

const ops: C.Ops<Effect.Effect<C.Answer, Failure, ModelCatalog.ModelCatalog>> = {
  all: Effect.map(ModelCatalog.all, C.answers.models),
  select: (query) => Effect.map(ModelCatalog.select(query), C.answers.models),
  get: (name) => Effect.map(ModelCatalog.get(name), C.answers.model),
  resolve: (name) => Effect.map(ModelCatalog.resolve(name), C.answers.resolved),
  maxTokensFor: (name) => Effect.map(ModelCatalog.maxTokensFor(name), C.answers.tokens),
  latest: (line) => Effect.map(ModelCatalog.latest(line), (model) => C.answers.latest(Option.getOrUndefined(model))),
  snapshot: Effect.map(ModelCatalog.snapshot, C.answers.snapshot(Catalog.millisOf)),
  refresh: Effect.map(ModelCatalog.refresh, C.answers.snapshot(Catalog.millisOf)),
  spanOfGet: (name) =>
    ModelCatalog.get(name).pipe(
      Effect.zipRight(Effect.orDie(Effect.currentSpan)),
      Effect.map(C.answers.attributes),
      Effect.withSpan("caller")
    ),
  changes: (take) =>
    Effect.map(
      Stream.runCollect(Stream.take(ModelCatalog.changes, take)),
      (changes) => C.answers.changes(Chunk.toReadonlyArray(changes))
    ),
  judge: (query) => Effect.map(judge(query), C.answers.judged)
}

/** Captures every log line, with the annotations it was logged with. */
const captureLogs = (lines: Array<C.Line>) =>
  Logger.add(Logger.make(({ annotations, logLevel, message }) => {
    lines.push({
      warn: logLevel.label === "WARN",
      message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
      annotations: Object.fromEntries(HashMap.toEntries(annotations))
    })
  }))

// Background refreshes go through real promises (the response body); let them finish.
const settle = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 25)))

const matched = { onFailure: C.failed, onSuccess: C.succeeded }

const run = (script: C.Script) => {
  const lines: Array<C.Line> = []
  return Effect.gen(function*() {
    const api = C.apiState(script.setup)
    const fake = fakeModels(api)
    const catalog = yield* catalogOf(script.setup, fake.layer)
    const session = C.session<Fiber.RuntimeFiber<ReadonlyArray<C.Outcome>>>(assert, api, fake.requests, lines)
    const callers = (call: C.Call, times: number, concurrency: 1 | "unbounded") =>
      Effect.provide(
        Effect.all(Array.from({ length: times }, () => Effect.match(C.perform(ops, call), matched)), {
          concurrency
        }),
        catalog
      )
    const handlers: C.Handlers<Effect.Effect<void>> = {
      call: (call, times, sequential) =>
        Effect.map(callers(call, times, sequential ? 1 : "unbounded"), session.settled),
      join: (name) => Effect.map(Fiber.join(session.fiber(name)), session.settled),
      interrupt: (name) => Fiber.interrupt(session.fiber(name)),
      adjust: (millis) => TestClock.adjust(millis),
      setTime: TestClock.setTime,
      settle,
      sync: Effect.sync,
      fork: (name, call, times) => Effect.map(Effect.fork(callers(call, times, "unbounded")), session.keep(name))
    }
    yield* Effect.forEach(script.steps, (step) => C.stepOf(handlers, session.run, step), { discard: true })
  }).pipe(Effect.scoped, Effect.provide(captureLogs(lines)))
}

C.register(describe, C.groups({ assert, fixtures: Utils }), {
  scripts: (name, scripts) => it.effect(name, () => Effect.forEach(scripts, run, { discard: true })),
  plain: (name, body) => it(name, body),
  bodies: {
    supports: () => {
      const [model] = decodeAll([C.supportsModel])
      C.checkSupports(
        assert,
        (path) => ModelCatalog.supports(model!, path),
        (path) => ModelCatalog.supports(path)(model!)
      )
      // @ts-expect-error a misspelt capability does not compile
      ModelCatalog.supports(model!, "pdf_inptu")
      // @ts-expect-error "thinking.types" is not a capability (it has no `supported`)
      ModelCatalog.supports(model!, "thinking.types")
      // @ts-expect-error select's capabilities are typed as well
      ModelCatalog.select({ capabilities: ["vision"] })
    },
    diff: () => C.checkDiff(assert, (before, after) => ModelCatalog.diff(decodeAll(before), decodeAll(after)))
  }
})
