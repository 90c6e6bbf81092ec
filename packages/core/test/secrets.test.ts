/**
 * The secrets-and-spans suite on the Effect 3 edition: the cases of
 * ./shared/secretsCases.ts (shared with the Effect 4 edition), run through
 * the public API over the fake HttpClient of ./utils.ts, under a recording
 * tracer and logger built the Effect 3 way.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HashMap from "effect/HashMap"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import type { ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import type { ModelsError } from "../src/ModelsError.js"
import * as H from "./shared/modelsHarness.js"
import * as S from "./shared/secretsCases.js"
import * as Utils from "./utils.js"

type Reply = Effect.Effect<Response, Error>

const edition: S.Edition<ModelInfoEncoded, Reply> = {
  assert,
  fixtures: Utils,
  broken: (message) => Effect.fail(new Error(message)),
  never: () => Effect.as(Effect.never, Utils.json({})),
  clientSpanName: "http.client GET",
  isClientSpan: (span) => span.name.startsWith("http.client"),
  clientSpanHeaders: "all",
  defaultTracer: "default tracer"
}

/** A case's recording tracer and logger, and how each `S.Around` but a parent span wraps its program. */
const recorders = () => {
  const spans: Array<S.SpanView & { readonly attributes: Map<string, unknown>; readonly events: Array<unknown> }> = []
  const tracer = Tracer.make({
    span(name, parent, context, links, startTime, kind) {
      const attributes = new Map<string, unknown>()
      const events: Array<unknown> = []
      const spanId = `span${spans.length + 1}`
      spans.push({ name, kind, traceId: "trace1", spanId, attributes, events })
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace1",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links: [...links],
        sampled: true,
        kind,
        end() {},
        attribute(key, value) {
          attributes.set(key, value)
        },
        event(eventName, _time, eventAttributes) {
          events.push([eventName, eventAttributes])
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  const logs: Array<S.LogView> = []
  const logger = Logger.make((options) => {
    logs.push({
      message: options.message,
      annotations: Object.fromEntries(HashMap.toEntries(options.annotations)),
      text: JSON.stringify([options.message, options.annotations, options.spans, String(options.cause)])
    })
  })
  const wrappers: S.Wrappers<Effect.Effect<void>> = {
    recordingTracer: Effect.withTracer(tracer),
    recordingLogger: (self) =>
      self.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)), Logger.withMinimumLogLevel(LogLevel.All)),
    // Effect 3's HttpClient span records every request header unasked.
    allHeadersOnSpans: (self) => self,
    parentSpan: (self, span) => Effect.withParentSpan(self, Tracer.externalSpan(span)),
    clock: (self, by) => Effect.fork(self).pipe(Effect.tap(() => TestClock.adjust(by)), Effect.flatMap(Fiber.join))
  }
  return { logs, spans, wrappers }
}

/** The call, a stream's failure logged as an application would. */
const perform = (call: S.Call): Effect.Effect<unknown, ModelsError, Models.Models> =>
  call._tag === "Stream"
    ? Effect.tapErrorCause(Stream.runDrain(Models.stream()), (cause) => Effect.logError("listing failed", cause))
    : call._tag === "List"
    ? Models.list()
    : Effect.zipRight(Models.list(), Effect.withSpan(Models.retrieve(call.id), call.span))

const run = (c: S.Case<Reply>) => {
  const { layer, requests } = Utils.modelsLayer(c.answers, c.options)
  const { logs, spans, wrappers } = recorders()
  const program = perform(c.call).pipe(
    Effect.provide(layer),
    Effect.matchCause({
      onFailure: (cause) => S.failed(Option.getOrThrow(Cause.failureOption(cause)), Cause.pretty(cause)),
      onSuccess: S.succeeded
    }),
    Effect.map((outcome) => c.check({ outcome, logs, spans, requests }))
  )
  return S.wrap(program, c, wrappers)
}

H.register(describe, S.groups(edition), (c) => it.effect(c.name, () => run(c)))
