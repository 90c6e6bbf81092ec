/**
 * Library code a user might write: choose a model by capability. It depends
 * only on the `Models` service, so tests can swap in `ModelsTest`
 * (see test/pick-model.test.ts).
 */
import type { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsError from "@anthropic-effect/core/ModelsError"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import * as Stream from "effect/Stream"

export type Capability = "pdf_input" | "image_input" | "thinking" | "citations" | "batch"

/**
 * The newest active model that supports `capability`. The API lists newest
 * first, so the stream stops at the first match: usually one request.
 */
export const newestSupporting = (
  capability: Capability
): Effect.Effect<Option.Option<ModelInfo>, ModelsError.ModelsError, Models.Models> =>
  Models.stream({ lifecycle: ["active"] }).pipe(
    Stream.filter((model) => model.capabilities?.[capability]?.supported === true),
    Stream.runHead
  )
