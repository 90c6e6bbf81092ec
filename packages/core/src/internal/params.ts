import * as Effect from "effect/Effect"
import { Lifecycle } from "../ModelInfo.js"
import type { PageRequest, RequestParams } from "../Models.js"
import { InvalidParameterError } from "../ModelsError.js"

const refuse = (parameter: string, message: string) => Effect.fail(new InvalidParameterError({ parameter, message }))

const lifecycleValues: ReadonlySet<unknown> = new Set(Lifecycle.literals)

// Model ids in the real catalogue are under 100 characters. Anything this long
// is a bug in the caller and would only earn an HTML 414 from a proxy.
const maxIdLength = 2048

/** Any control character would let a value end a header line and start another. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
export const hasControlCharacter = (value: string): boolean => /[\u0000-\u001f\u007f]/.test(value)

/** What is wrong with an id, or undefined: the rule for model ids and for cursors. */
const idProblem = (name: string, value: string): string | undefined =>
  value.length === 0
    ? `${name} must not be empty`
    : value.length > maxIdLength
    ? `${name} is ${value.length} characters long; the limit is ${maxIdLength}`
    : undefined

/**
 * What is wrong with a cursor, the caller's or the server's, or undefined. A
 * cursor goes back into the query string, so it gets the id rule and no
 * control characters.
 */
export const cursorProblem = (name: string, value: string): string | undefined =>
  idProblem(name, value) ?? (hasControlCharacter(value) ? `${name} contains a control character` : undefined)

/**
 * Checks values that come from callers at run time, so a `string` smuggled
 * in as a number through a cast is refused here rather than sent.
 */
const checkId = (
  parameter: string,
  value: unknown,
  problem: (name: string, value: string) => string | undefined = idProblem
): Effect.Effect<string | undefined, InvalidParameterError> => {
  if (value === undefined) return Effect.succeed(undefined)
  if (typeof value !== "string") return refuse(parameter, `${parameter} must be a string (got ${typeof value})`)
  const found = problem(parameter, value)
  return found === undefined ? Effect.succeed(value) : refuse(parameter, found)
}

export const checkRequestOptions = (
  options: RequestParams
): Effect.Effect<RequestParams, InvalidParameterError> =>
  Effect.gen(function*() {
    const { betas, workspaceId } = options
    if (betas !== undefined) {
      if (!Array.isArray(betas)) return yield* refuse("betas", "betas must be an array of strings")
      for (const beta of betas) {
        if (typeof beta !== "string" || beta.length === 0 || hasControlCharacter(beta)) {
          return yield* refuse("betas", "every beta must be a non-empty string without control characters")
        }
      }
    }
    if (workspaceId !== undefined && (typeof workspaceId !== "string" || hasControlCharacter(workspaceId))) {
      return yield* refuse("workspaceId", "workspaceId must be a string without control characters")
    }
    return { betas, workspaceId }
  })

export const checkPageRequest = (params: PageRequest): Effect.Effect<PageRequest, InvalidParameterError> =>
  Effect.gen(function*() {
    const { lifecycle, limit } = params
    if (limit !== undefined) {
      if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return yield* refuse("limit", `limit must be a whole number from 1 to 1000 (got ${String(limit)})`)
      }
    }
    const afterId = yield* checkId("afterId", params.afterId, cursorProblem)
    const beforeId = yield* checkId("beforeId", params.beforeId, cursorProblem)
    if (afterId !== undefined && beforeId !== undefined) {
      return yield* refuse("afterId", "afterId and beforeId cannot be used together: choose one direction")
    }
    if (lifecycle !== undefined) {
      if (!Array.isArray(lifecycle)) return yield* refuse("lifecycle", "lifecycle must be an array")
      if (lifecycle.length > 3) {
        return yield* refuse("lifecycle", `lifecycle takes at most 3 values (got ${lifecycle.length})`)
      }
      for (const stage of lifecycle) {
        if (!lifecycleValues.has(stage)) {
          return yield* refuse(
            "lifecycle",
            `lifecycle values must be one of ${Lifecycle.literals.join(", ")} (got ${JSON.stringify(stage)})`
          )
        }
      }
    }
    const options = yield* checkRequestOptions(params)
    return { limit, afterId, beforeId, lifecycle, ...options }
  })

export const checkPrefetch = (prefetch: unknown): Effect.Effect<number, InvalidParameterError> =>
  prefetch === undefined
    ? Effect.succeed(0)
    : typeof prefetch === "number" && Number.isInteger(prefetch) && prefetch >= 0 && prefetch <= 64
    ? Effect.succeed(prefetch)
    : refuse("prefetch", `prefetch must be a whole number from 0 to 64 (got ${String(prefetch)})`)

export const checkModelId = (modelId: unknown): Effect.Effect<string, InvalidParameterError> =>
  Effect.flatMap(checkId("modelId", modelId), (id) => {
    if (id === undefined) return refuse("modelId", "modelId is required")
    // URLs resolve "." and ".." (even percent-encoded) as path steps, so such an
    // id would silently request a different resource.
    if (id === "." || id === "..") return refuse("modelId", `modelId cannot be ${JSON.stringify(id)}`)
    return Effect.succeed(id)
  })
