import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeModels from "@anthropic-effect/platform/node"
import { DateTime, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  // 1. Which models read PDFs and take at least 200k tokens of input? Newest first, never a retired one.
  const pdf = yield* ModelCatalog.select({ capabilities: ["pdf_input"], minInputTokens: 200_000 })
  console.log("PDF, 200k+:", pdf.map((model) => model.id).join(", "))

  // 2. What does an alias resolve to today? (One request per TTL: aliases are not in the listing.)
  const { model } = yield* ModelCatalog.resolve("claude-sonnet-4-5")
  console.log("claude-sonnet-4-5 ->", model.id)

  // 3. Is the model I pinned being retired? Using it logs one warning naming the date and a replacement.
  const catalog = yield* ModelCatalog.ModelCatalog
  const pinned = yield* ModelCatalog.get("claude-3-7-sonnet-20250219")
  const status = yield* catalog.status(pinned)
  const retires = pinned.retires_at == null ? "no date" : DateTime.formatIso(pinned.retires_at)
  console.log(`${pinned.id}: ${status}, retires ${retires}`)

  // max_tokens from the data, not a hard-coded 4,096
  console.log("max_tokens:", yield* ModelCatalog.maxTokensFor(model.id))
})

// Cached for 10 minutes: a second run of `program` in this process sends nothing.
const CatalogLive = ModelCatalog.layer().pipe(Layer.provide(NodeModels.layer())) // ANTHROPIC_API_KEY

Effect.runPromise(program.pipe(Effect.provide(CatalogLive)))
