import { makeScrub } from "@anthropic-effect/protocol/Secrets"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { Backend } from "../Models.js"
import type { ResolvedConfig } from "../ModelsConfig.js"
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

/**
 * The HTTP backend: each call is one span over its requests, each request
 * retried on its own, each attempt sent, read and classified.
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
  return {
    listPage: (params) =>
      Effect.withSpan(
        retry(
          requestIdOnSpans(attempt(requests.list(params), Wire.modelsPath, Decode.decodePage)),
          logRetryable(Wire.modelsPath),
          annotateAttempt
        ),
        "Models.list",
        { attributes: { "url.path": Wire.modelsPath, "anthropic.attempts": 1 }, captureStackTrace: false }
      ),
    retrieve: (modelId, options) => {
      const path = Wire.modelPath(modelId)
      return Effect.withSpan(
        retry(
          requestIdOnSpans(attempt(requests.retrieve(modelId, options), path, Decode.decodeModel)),
          logRetryable(path),
          annotateAttempt
        ),
        "Models.retrieve",
        {
          attributes: { "url.path": path, "anthropic.model_id": modelId, "anthropic.attempts": 1 },
          captureStackTrace: false
        }
      )
    }
  }
}
