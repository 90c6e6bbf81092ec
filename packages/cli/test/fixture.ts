// The catalogue the golden tests list: the Claude fixture, plus one model whose
// data has nested thinking types (none of the fixture's has them yet).
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import * as Catalogue from "@anthropic-effect/testing/Catalogue"
import * as DateTime from "effect/DateTime"

export const adaptive: ModelInfoEncoded = {
  ...Catalogue.claudeModels[0]!,
  id: "claude-test-adaptive-20260101",
  display_name: "Claude Test Adaptive (a name long enough to be cut in a narrow table)",
  created_at: "2026-01-01T00:00:00Z",
  max_input_tokens: 1_000_000,
  line: "test",
  capabilities: {
    ...Catalogue.claudeModels[0]!.capabilities,
    thinking: { supported: true, types: { enabled: { supported: true }, adaptive: { supported: true } } }
  }
}

export const models: ReadonlyArray<ModelInfoEncoded> = [adaptive, ...Catalogue.claudeModels]

/** The time the golden outputs are judged at. */
export const now = DateTime.unsafeMake("2026-06-01T00:00:00Z")

export const key = "sk-ant-test-golden-FAKE"
