/**
 * The README's side-by-side task with this library: every active model that
 * reads PDFs; when the API is still rate limiting after the retries, log the
 * request id and answer with an empty list.
 */
import type { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsError from "@anthropic-effect/core/ModelsError"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

export const pdfModels: Effect.Effect<
  Array<ModelInfo>,
  Exclude<ModelsError.ModelsError, ModelsError.RateLimitError>, // the compiler knows what is left
  Models.Models
> = Models.stream({ lifecycle: ["active"] }).pipe(
  Stream.filter((model) => model.capabilities?.pdf_input?.supported === true),
  Stream.runCollect,
  Effect.catchTag(
    "RateLimitError",
    (error) =>
      Effect.logWarning(`still rate limited after retries (${error.requestId})`).pipe(
        Effect.as<Array<ModelInfo>>([])
      )
  )
)

// const models = await Effect.runPromise(pdfModels.pipe(Effect.provide(NodeModels.layer({ timeout: "10 seconds" }))))
