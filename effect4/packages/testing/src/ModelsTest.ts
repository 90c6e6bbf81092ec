/**
 * A `Models` service in memory, for testing code that lists models without
 * HTTP. It pages exactly as the API does (the same implementation as
 * `ModelsApiMock` and `ModelsApiServer`), validates parameters as the real
 * client does, can script failures and latency, and records every call.
 *
 * @since 1.0.0
 */
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import { ModelInfo, ModelsPage } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import { fromErrorType, MalformedResponseError, type ModelsError } from "@anthropic-effect/core/ModelsError"
import * as MockApi from "@anthropic-effect/protocol/MockApi"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"

/**
 * One call the service received, after validation.
 *
 * @since 1.0.0
 * @category models
 */
export type Call =
  | { readonly _tag: "List"; readonly number: number; readonly request: Models.PageRequest }
  | {
    readonly _tag: "Retrieve"
    readonly number: number
    readonly modelId: string
    readonly params: Models.RequestParams
  }

/**
 * A failure to inject. Calls are numbered from 1, list and retrieve together.
 *
 * @since 1.0.0
 * @category models
 */
export type Failure =
  | { readonly onCall: number; readonly error: ModelsError }
  | { readonly modelId: string; readonly error: ModelsError }
  | { readonly when: (call: Call) => boolean; readonly error: ModelsError }

/**
 * Options of `layer` and `make`: failures, latency and aliases.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** Failures to inject; the first that matches a call wins. */
  readonly failures?: ReadonlyArray<Failure> | undefined
  /** Time each call takes, on Effect's clock (so `TestClock` controls it). */
  readonly latency?: Duration.Input | undefined
  /** Aliases `retrieve` resolves. Default: none for a custom catalogue. */
  readonly aliases?: Readonly<Record<string, string>> | undefined
}

/**
 * What a test can read back.
 *
 * @since 1.0.0
 * @category models
 */
export interface TestHandle {
  /** Every call so far, in order. */
  readonly calls: Effect.Effect<ReadonlyArray<Call>>
}

/**
 * The tag of the read-back handle.
 *
 * @since 1.0.0
 * @category tags
 */
export class ModelsTest extends Context.Service<ModelsTest, TestHandle>()("@anthropic-effect/testing/ModelsTest") {}

const decodePage = Schema.decodeUnknownEffect(ModelsPage)
const decodeModel = Schema.decodeUnknownEffect(ModelInfo)

const formatIssue = SchemaIssue.makeFormatterDefault()

// The in-memory API checks credentials and the version header like the real one.
const headers = { [Wire.headers.apiKey]: "models-test", [Wire.headers.version]: ModelsConfig.defaultApiVersion }

// The host is never contacted; only the path and the query matter.
const origin = "http://models-test"

const fromAnswer = <A>(
  answer: MockApi.ApiAnswer,
  decode: (u: unknown) => Effect.Effect<A, Schema.SchemaError>
): Effect.Effect<A, ModelsError> =>
  answer._tag === "Ok"
    ? Effect.mapError(decode(answer.value), (error) =>
      new MalformedResponseError({
        status: 200,
        requestId: answer.requestId,
        reason: "schema",
        message: formatIssue(error.issue)
      }))
    : Effect.fail(
      fromErrorType(answer.type, { status: answer.status, message: answer.message, requestId: answer.requestId })
    )

const listUrl = (request: Models.PageRequest): URL => {
  const url = new URL(Wire.modelsPath, origin)
  if (request.limit !== undefined) url.searchParams.set(Wire.query.limit, String(request.limit))
  if (request.afterId !== undefined) url.searchParams.set(Wire.query.afterId, request.afterId)
  if (request.beforeId !== undefined) url.searchParams.set(Wire.query.beforeId, request.beforeId)
  for (const stage of request.lifecycle ?? []) url.searchParams.append(Wire.query.lifecycle, stage)
  return url
}

const matches = (failure: Failure, call: Call): boolean =>
  "onCall" in failure
    ? failure.onCall === call.number
    : "modelId" in failure
    ? call._tag === "Retrieve" && call.modelId === failure.modelId
    : failure.when(call)

/**
 * Builds the in-memory service and its read-back handle.
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (
  models: ReadonlyArray<ModelInfoEncoded>,
  options: Options = {}
): Effect.Effect<readonly [Models.Service, TestHandle]> =>
  Effect.sync(() => {
    const api = MockApi.make({ models, aliases: options.aliases ?? {} })
    const calls: Array<Call> = []
    const latency = options.latency

    const run = <A>(call: Call, answer: () => Effect.Effect<A, ModelsError>): Effect.Effect<A, ModelsError> => {
      const failure = options.failures?.find((candidate) => matches(candidate, call))
      const result = failure === undefined ? Effect.suspend(answer) : Effect.fail(failure.error)
      return latency === undefined ? result : Effect.andThen(Effect.sleep(latency), result)
    }

    const backend: Models.Backend = {
      listPage: (request) =>
        Effect.suspend(() => {
          const call: Call = { _tag: "List", number: calls.length + 1, request }
          calls.push(call)
          return run(call, () => fromAnswer(api.answer({ method: "GET", url: listUrl(request), headers }), decodePage))
        }),
      retrieve: (modelId, params) =>
        Effect.suspend(() => {
          const call: Call = { _tag: "Retrieve", number: calls.length + 1, modelId, params }
          calls.push(call)
          const url = new URL(Wire.modelPath(modelId), origin)
          return run(call, () => fromAnswer(api.answer({ method: "GET", url, headers }), decodeModel))
        })
    }
    return [Models.fromBackend(backend), { calls: Effect.sync(() => [...calls]) }] as const
  })

/**
 * Provides `Models` from a catalogue in memory (newest first, in the API's
 * JSON form), and `ModelsTest` to read back the calls. Parameters are
 * validated exactly as the real client does; no request is retried.
 *
 * @example
 * import { Models } from "@anthropic-effect/core"
 * import { Catalogue, ModelsTest } from "@anthropic-effect/testing"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const page = yield* Models.list({ limit: 2 })
 *   const test = yield* ModelsTest.ModelsTest
 *   return { ids: page.data.map((model) => model.id), calls: yield* test.calls }
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(ModelsTest.layer(Catalogue.claudeModels)))).then(({ calls, ids }) => {
 *   assert.strictEqual(ids.length, 2)
 *   assert.strictEqual(calls.length, 1)
 * })
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (
  models: ReadonlyArray<ModelInfoEncoded>,
  options: Options = {}
): Layer.Layer<Models.Models | ModelsTest> =>
  Layer.effectContext(
    Effect.map(make(models, options), ([service, handle]) =>
      Context.make(Models.Models, service).pipe(Context.add(ModelsTest, handle)))
  )
