/**
 * The main job: list Claude models as a table (or JSON with --json).
 *
 *   pnpm list-models                       every model the API lists by default
 *   pnpm list-models --lifecycle active,retired --newest 5
 *   pnpm list-models --json --limit 100    page size 100, JSON output
 *   pnpm list-models --before ID | --after ID
 *
 * With ANTHROPIC_API_KEY set it calls the real API (ANTHROPIC_BASE_URL
 * overrides the host); without it, the embedded mock API.
 */
import { Lifecycle, type ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsError from "@anthropic-effect/core/ModelsError"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { parseArgs } from "node:util"
import { ModelsLive } from "./environment.js"

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    json: { type: "boolean", default: false },
    lifecycle: { type: "string" },
    limit: { type: "string" },
    before: { type: "string" },
    after: { type: "string" },
    newest: { type: "string" }
  }
})

const parseLifecycle = (text: string | undefined) =>
  text === undefined
    ? Effect.succeed(undefined)
    : Schema.decodeUnknownEffect(Schema.Array(Lifecycle))(text.split(",").map((stage) => stage.trim())).pipe(
      Effect.mapError(() =>
        `--lifecycle takes a comma-separated list of ${Lifecycle.literals.join(", ")} (got ${text})`
      )
    )

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
  const newest = values.newest === undefined ? undefined : Number(values.newest)
  if (newest !== undefined && !(Number.isInteger(newest) && newest > 0)) {
    return yield* Effect.fail(`--newest must be a positive whole number (got ${values.newest})`)
  }
  // Numbers and ids go to the client as they are: it validates them and
  // answers bad ones with InvalidParameterError before sending anything.
  const stream = Models.stream({
    limit: values.limit === undefined ? undefined : Number(values.limit),
    beforeId: values.before,
    afterId: values.after,
    lifecycle: yield* parseLifecycle(values.lifecycle)
  })
  const models = yield* Stream.runCollect(newest === undefined ? stream : Stream.take(stream, newest))
  if (values.json) {
    yield* Console.log(
      JSON.stringify(models.map((m) => ({ ...m, created_at: DateTime.formatIso(m.created_at) })), null, 2)
    )
  } else {
    yield* Console.log(table(models))
    yield* Console.log(`\n${models.length} model${models.length === 1 ? "" : "s"}`)
  }
})

const main = program.pipe(
  Effect.provide(ModelsLive()),
  // Effect 4's Effect.catch is Effect 3's Effect.catchAll.
  Effect.catch((error) =>
    Console.error(
      typeof error === "string"
        ? `error: ${error}`
        : ModelsError.isModelsError(error)
        ? `error: ${ModelsError.describe(error)}`
        : `error: ${String(error)}`
    ).pipe(Effect.andThen(Effect.sync(() => {
      process.exitCode = 1
    })))
  )
)

NodeRuntime.runMain(main, { disableErrorReporting: false })
