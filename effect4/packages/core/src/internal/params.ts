import * as Checks from "@anthropic-effect/protocol/Checks"
import * as Effect from "effect/Effect"
import type { PageRequest, RequestParams } from "../Models.js"
import { InvalidParameterError } from "../ModelsError.js"

/** The protocol's checks, as the error channel's `InvalidParameterError`. */
const checked = <A>(failure: Checks.Failure | undefined, value: A): Effect.Effect<A, InvalidParameterError> =>
  failure === undefined
    ? Effect.succeed(value)
    : Effect.fail(new InvalidParameterError({ parameter: failure.path, message: failure.message }))

export const checkRequestOptions = (options: RequestParams): Effect.Effect<RequestParams, InvalidParameterError> =>
  checked(Checks.requestOptions(options), { betas: options.betas, workspaceId: options.workspaceId })

export const checkPageRequest = (params: PageRequest): Effect.Effect<PageRequest, InvalidParameterError> =>
  checked(Checks.pageRequest(params), {
    limit: params.limit,
    afterId: params.afterId,
    beforeId: params.beforeId,
    lifecycle: params.lifecycle,
    betas: params.betas,
    workspaceId: params.workspaceId
  })

export const checkPrefetch = (prefetch: number | undefined): Effect.Effect<number, InvalidParameterError> =>
  checked(Checks.prefetch(prefetch), prefetch ?? 0)

export const checkModelId = (modelId: string): Effect.Effect<string, InvalidParameterError> =>
  checked(Checks.modelId(modelId), modelId)
