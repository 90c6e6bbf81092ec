import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

/**
 * The real client over undici with this key, for a server's URL. (The platform
 * package's `NodeModels.layer` would do, but platform's tests use this package,
 * and TypeScript project references may not form a cycle.)
 */
export const clientWithKey = (apiKey: string) => (url: string, options: Partial<ModelsConfig.Options> = {}) =>
  Models.layer.pipe(
    Layer.provide(ModelsConfig.layer({ apiKey, baseUrl: url, ...options })),
    Layer.provide(NodeHttpClient.layerUndici),
    Layer.orDie
  )

/** Runs the stream to its end, checking order against `expected` on the fly, and reports what arrived. */
export const drainInOrder = <E, R>(
  stream: Stream.Stream<{ readonly id: string }, E, R>,
  expected: ReadonlyArray<{ readonly id: string }>
) =>
  Effect.gen(function*() {
    let index = 0
    let wrong = 0
    const exit = yield* Effect.exit(Stream.runForEach(stream, (model) =>
      Effect.sync(() => {
        if (model.id !== expected[index]?.id) wrong++
        index++
      })))
    return { exit, received: index, wrong }
  })
