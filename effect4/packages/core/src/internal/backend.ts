import { makeScrub } from "@anthropic-effect/protocol/Secrets"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as HttpClient from "effect/http/HttpClient"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"
import type { Backend } from "../Models.js"
import type { ResolvedConfig } from "../ModelsConfig.js"
import type { ModelsError } from "../ModelsError.js"
import { makeAttempt } from "./attempt.js"
import * as Decode from "./decode.js"
import { makeRequests } from "./request.js"
import { makeRetry } from "./retry.js"

type HeaderFilter = (name: string, phase: "request" | "response") => boolean

const widened = new WeakMap<HeaderFilter, HeaderFilter>()

const withRequestId = (allowed: HeaderFilter): HeaderFilter => {
  let filter = widened.get(allowed)
  if (filter === undefined) {
    filter = (name, phase) => (phase === "response" && name === Wire.headers.requestId) || allowed(name, phase)
    widened.set(allowed, filter)
    // Widening twice (a call inside a call) gives the same filter.
    widened.set(filter, filter)
  }
  return filter
}

const fromOutside = (span: Tracer.AnySpan): boolean => {
  let current: Tracer.AnySpan = span
  while (current._tag === "Span") {
    if (Option.isNone(current.parent)) return false
    current = current.parent.value
  }
  return true
}

/**
 * Whether anything could see this call's spans. Effect's `nativeTracer`
 * keeps spans in memory only (its documentation invites this comparison), so
 * under it the spans would reach nobody but the `traceparent` header, and
 * that header means something only when the trace began outside the process
 * (an `ExternalSpan` at the root). In every other case the call makes no span
 * and asks the HttpClient for none: the two spans of a retrieve were more
 * than a quarter of its CPU over Node's `fetch`.
 */
const isTraced = (fiber: Fiber.Fiber<unknown, unknown>): boolean => {
  if (fiber.getRef(Tracer.Tracer) !== Tracer.nativeTracer) return true
  const parent = Context.getOption(fiber.context, Tracer.ParentSpan)
  return Option.isSome(parent) && fromOutside(parent.value)
}

const untraced = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.provideService(effect, HttpClient.TracerDisabledWhen, () => true)

const noAnnotation = () => Effect.void

/**
 * The HTTP backend: each call is one span over its requests (when anything
 * could see it: `isTraced`), each request retried on its own, each attempt
 * sent, read and classified.
 */
export const makeHttpBackend = (config: ResolvedConfig, httpClient: HttpClient.HttpClient): Backend => {
  const requests = makeRequests(config)
  const retry = makeRetry(config)
  const attempt = makeAttempt(
    config,
    httpClient,
    // The credential is looked for in everything the server sends back.
    makeScrub(
      [config.apiKey, config.authToken].flatMap((secret) => Option.isSome(secret) ? [Redacted.value(secret.value)] : [])
    )
  )

  const logRetryable = (path: string) => (error: { readonly _tag: string }, attemptNumber: number) =>
    Effect.logDebug("Models API request failed with a retryable error").pipe(
      Effect.annotateLogs({
        path,
        attempt: attemptNumber,
        error: error._tag,
        requestId: ("requestId" in error && typeof error.requestId === "string" ? error.requestId : undefined) ?? ""
      })
    )

  const annotateAttempt = (attemptNumber: number) => Effect.annotateCurrentSpan("anthropic.attempts", attemptNumber)

  // Effect 4's HttpClient span records no header unless `TracerHeaderFilter`
  // lets it through. The request id is what Anthropic's support asks for, so it
  // is let through on top of whatever the application allows. The widened
  // filter is made once per filter the application provides, not per request.
  const requestIdOnSpans = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.updateService(effect, HttpClient.TracerHeaderFilter, withRequestId)

  // Spans are made with `captureStackTrace: false`: Effect 4 would otherwise
  // build an Error per call for a stack that points into this file, never at
  // the caller (2 % of the time of 1,000 concurrent retrieves).
  const call = <A>(
    name: string,
    path: string,
    attributes: Record<string, unknown>,
    send: Effect.Effect<A, ModelsError>
  ): Effect.Effect<A, ModelsError> =>
    Effect.withFiber((fiber) =>
      isTraced(fiber)
        ? Effect.withSpan(retry(requestIdOnSpans(send), logRetryable(path), annotateAttempt), name, {
          attributes: { "url.path": path, ...attributes, "anthropic.attempts": 1 },
          captureStackTrace: false
        })
        : untraced(retry(send, logRetryable(path), noAnnotation))
    )

  return {
    listPage: (params) =>
      call("Models.list", Wire.modelsPath, {}, attempt(requests.list(params), Wire.modelsPath, Decode.decodePage)),
    retrieve: (modelId, options) => {
      const path = Wire.modelPath(modelId)
      return call(
        "Models.retrieve",
        path,
        { "anthropic.model_id": modelId },
        attempt(requests.retrieve(modelId, options), path, Decode.decodeModel)
      )
    }
  }
}
