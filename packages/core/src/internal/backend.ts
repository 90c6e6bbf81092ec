import { makeScrub } from "@anthropic-effect/protocol/Secrets"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
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

// Effect 3 does not export its default tracer (Effect 4 exports it as
// `Tracer.nativeTracer`); it is the one a runtime without layers has.
let nativeTracer: Tracer.Tracer | undefined
const defaultTracer = (): Tracer.Tracer => nativeTracer ??= Effect.runSync(Effect.tracer)

const fromOutside = (span: Tracer.AnySpan): boolean => {
  let current: Tracer.AnySpan = span
  while (current._tag === "Span") {
    if (Option.isNone(current.parent)) return false
    current = current.parent.value
  }
  return true
}

/**
 * Whether anything could see this call's spans. Effect's default tracer
 * keeps spans in memory only, so under it the spans would reach nobody but
 * the `traceparent` header, and that header means something only when the
 * trace began outside the process (an `ExternalSpan` at the root). In every
 * other case the call makes no span and asks the HttpClient for none, as the
 * Effect 4 edition does.
 */
const isTraced: Effect.Effect<boolean> = Effect.flatMap(Effect.tracer, (tracer) =>
  tracer !== defaultTracer()
    ? Effect.succeed(true)
    : Effect.map(
      Effect.serviceOption(Tracer.ParentSpan),
      (parent) => Option.isSome(parent) && fromOutside(parent.value)
    ))

const untraced = <A, E>(effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
  Effect.locally(effect, HttpClient.currentTracerDisabledWhen, () => true)

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

  const call = <A>(
    name: string,
    path: string,
    attributes: Record<string, unknown>,
    send: Effect.Effect<A, ModelsError>
  ): Effect.Effect<A, ModelsError> =>
    Effect.flatMap(isTraced, (traced) =>
      traced
        ? Effect.withSpan(retry(send, logRetryable(path), annotateAttempt), name, {
          attributes: { "url.path": path, ...attributes, "anthropic.attempts": 1 }
        })
        : untraced(retry(send, logRetryable(path), noAnnotation)))

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
