import * as Models from "@anthropic-effect/core/Models"
import { claudeAliases, claudeModels } from "@anthropic-effect/testing/Catalogue"
import * as ModelsTest from "@anthropic-effect/testing/ModelsTest"
import { assert, it } from "@effect/vitest"
import { Effect } from "effect"

it.effect("finds an alias", () =>
  Models.retrieve("claude-sonnet-4-5").pipe(
    Effect.map((model) => assert.strictEqual(model.display_name, "Claude Sonnet 4.5")),
    Effect.provide(ModelsTest.layer(claudeModels, { aliases: claudeAliases }))
  ))
