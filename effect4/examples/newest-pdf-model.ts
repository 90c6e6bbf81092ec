/**
 * Composing model listing with other Effects: pick the newest model that
 * reads PDFs, look up an alias at the same time, and fall back to a default
 * when nothing matches or the lookup fails with NotFoundError.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ModelsLive } from "./environment.js"
import { newestSupporting } from "./pick-model.js"

const program = Effect.gen(function*() {
  const [pdfModel, alias] = yield* Effect.all([
    newestSupporting("pdf_input"),
    Models.retrieve("claude-sonnet-4-5").pipe(
      Effect.map((model) => model.id),
      Effect.catchTag("NotFoundError", () => Effect.succeed("(alias not found)"))
    )
  ], { concurrency: 2 })
  const chosen = Option.match(pdfModel, {
    onNone: () => "claude-sonnet-4-5 (default: no model listed PDF input)",
    onSome: (model) => `${model.id} (${model.display_name})`
  })
  yield* Console.log(`Newest model with PDF input: ${chosen}`)
  yield* Console.log(`claude-sonnet-4-5 resolves to: ${alias}`)
})

NodeRuntime.runMain(program.pipe(Effect.provide(ModelsLive())))
