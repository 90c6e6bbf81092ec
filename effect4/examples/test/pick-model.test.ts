// A user's own test: the code under test needs `Models`, and the test swaps
// in ModelsTest with a catalogue written for the case at hand.
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import { OverloadedError } from "@anthropic-effect/core/ModelsError"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { newestSupporting } from "../pick-model.js"

const model = (id: string, created_at: string, pdf: boolean): ModelInfoEncoded => ({
  id,
  type: "model",
  display_name: id,
  created_at,
  lifecycle: "active",
  capabilities: { pdf_input: { supported: pdf }, batch: { supported: true } }
})

const catalogue = [
  model("new-no-pdf", "2026-03-01T00:00:00Z", false),
  model("mid-pdf", "2026-02-01T00:00:00Z", true),
  model("old-pdf", "2026-01-01T00:00:00Z", true)
]

describe("newestSupporting", () => {
  it.effect("returns the newest model with the capability", () =>
    Effect.gen(function*() {
      const chosen = yield* newestSupporting("pdf_input")
      assert.strictEqual(Option.getOrThrow(chosen).id, "mid-pdf")
      const test = yield* ModelsTest.ModelsTest
      assert.strictEqual((yield* test.calls).length, 1)
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect("returns None when no model has it", () =>
    Effect.gen(function*() {
      assert.isTrue(Option.isNone(yield* newestSupporting("thinking")))
    }).pipe(Effect.provide(ModelsTest.layer(catalogue))))

  it.effect("passes an outage on as a typed error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(newestSupporting("pdf_input"))
      assert.strictEqual(error._tag, "OverloadedError")
    }).pipe(Effect.provide(ModelsTest.layer(catalogue, {
      failures: [{ onCall: 1, error: new OverloadedError({ status: 529, message: "Overloaded" }) }]
    }))))
})
