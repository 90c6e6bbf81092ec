/**
 * A library example: every model the API lists by default, as a table, with
 * `Models.stream` (pages fetched as the stream is read). It takes no flags:
 * the command line tool, with filters and formats, is `anthropic-models`
 * (the cli package, on the Effect 3 edition).
 *
 * With ANTHROPIC_API_KEY set it calls the real API (ANTHROPIC_BASE_URL
 * overrides the host); without it, the embedded mock API.
 */
import type { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsError from "@anthropic-effect/core/ModelsError"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { ModelsLive } from "./environment.js"

const day = (model: ModelInfo) => DateTime.formatIso(model.created_at).slice(0, 10)
const tokens = (value: number | null | undefined) => value == null ? "-" : value.toLocaleString("en-US")

const table = (models: ReadonlyArray<ModelInfo>): string => {
  const rows = [
    ["ID", "NAME", "RELEASED", "LIFECYCLE", "CONTEXT", "MAX OUTPUT"],
    ...models.map((
      m
    ) => [m.id, m.display_name, day(m), m.lifecycle ?? "-", tokens(m.max_input_tokens), tokens(m.max_tokens)])
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n")
}

const program = Effect.gen(function*() {
  // Effect 4's Stream.runCollect gives an array (Effect 3: a Chunk).
  const models = yield* Stream.runCollect(Models.stream())
  yield* Console.log(table(models))
  yield* Console.log(`\n${models.length} model${models.length === 1 ? "" : "s"}`)
})

const main = program.pipe(
  Effect.provide(ModelsLive()),
  // Effect 4's Effect.catch is Effect 3's Effect.catchAll.
  Effect.catch((error) =>
    Console.error(`error: ${ModelsError.isModelsError(error) ? ModelsError.describe(error) : String(error)}`).pipe(
      Effect.andThen(Effect.sync(() => {
        process.exitCode = 1
      }))
    )
  )
)

NodeRuntime.runMain(main, { disableErrorReporting: false })
