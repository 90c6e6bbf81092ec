/**
 * The secrets-and-spans suite on the Effect 4 edition: the cases of
 * packages/core/test/shared/secretsCases.ts (shared with the Effect 3
 * edition), run through the public API over the fake HttpClient of
 * ./utils.ts, under a recording tracer and logger built the Effect 4 way.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as Tracer from "effect/Tracer"
import * as H from "../../../../packages/core/test/shared/modelsHarness.js"
import * as S from "../../../../packages/core/test/shared/secretsCases.js"
import type { ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import type { ModelsError } from "../src/ModelsError.js"
import * as Utils from "./utils.js"

type Reply = Effect.Effect<Response, Error>

const edition: S.Edition<ModelInfoEncoded, Reply> = {
  assert,
  fixtures: Utils,
  broken: (message) => Effect.fail(new Error(message)),
  never: () => Effect.as(Effect.never, Utils.json({})),
  // Effect 4 names the HttpClient's span after the method alone.
  clientSpanName: "GET",
  isClientSpan: (span) => span.kind === "client",
  clientSpanHeaders: "filtered",
  defaultTracer: "nativeTracer"
}

/** A case's recording tracer and logger, and how each `S.Around` but a parent span wraps its program. */
const recorders = () => {
  const spans: Array<Tracer.NativeSpan> = []
  // Effect 4: `span` takes one options object, and NativeSpan records attributes and events.
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const logs: Array<S.LogView> = []
  // Effect 4's Logger options carry the fiber; annotations and spans are read from it.
  const logger = Logger.make((options) => {
    const annotations = { ...options.fiber.getRef(References.CurrentLogAnnotations) }
    const logSpans = options.fiber.getRef(References.CurrentLogSpans)
    logs.push({
      message: options.message,
      annotations,
      text: JSON.stringify([options.message, annotations, logSpans, String(options.cause)])
    })
  })
  const wrappers: S.Wrappers<Effect.Effect<void>> = {
    recordingTracer: Effect.withTracer(tracer),
    recordingLogger: (self) =>
      self.pipe(Effect.provide(Logger.layer([logger])), Effect.provideService(References.MinimumLogLevel, "All")),
    // Effect 4's HttpClient span records headers only where TracerHeaderFilter
    // lets them through.
    allHeadersOnSpans: Effect.provideService(HttpClient.TracerHeaderFilter, () => true),
    parentSpan: (self, span) => Effect.withParentSpan(self, Tracer.externalSpan(span)),
    clock: (self, by) => Effect.forkChild(self).pipe(Effect.tap(() => TestClock.adjust(by)), Effect.flatMap(Fiber.join))
  }
  return { logs, spans, wrappers }
}

/** The call, a stream's failure logged as an application would. */
const perform = (call: S.Call): Effect.Effect<unknown, ModelsError, Models.Models> =>
  call._tag === "Stream"
    ? Effect.tapCause(Stream.runDrain(Models.stream()), (cause) => Effect.logError("listing failed", cause))
    : call._tag === "List"
    ? Models.list()
    : Effect.andThen(Models.list(), Effect.withSpan(Models.retrieve(call.id), call.span))

const run = (c: S.Case<Reply>) => {
  const { layer, requests } = Utils.modelsLayer(c.answers, c.options)
  const { logs, spans, wrappers } = recorders()
  const program = perform(c.call).pipe(
    Effect.provide(layer),
    Effect.matchCause({
      onFailure: (cause) => S.failed(Option.getOrThrow(Cause.findErrorOption(cause)), Cause.pretty(cause)),
      onSuccess: S.succeeded
    }),
    Effect.map((outcome) => c.check({ outcome, logs, spans, requests }))
  )
  return S.wrap(program, c, wrappers)
}

H.register(describe, S.groups(edition), (c) => it.effect(c.name, () => run(c)))
