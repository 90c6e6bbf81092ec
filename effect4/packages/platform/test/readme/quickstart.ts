import * as Models from "@anthropic-effect/core/Models"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import * as BunModels from "@anthropic-effect/platform/bun"
import * as DenoModels from "@anthropic-effect/platform/deno"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// One program: it needs the Models service, and each runtime's layer provides it.
const program = Models.stream().pipe(
  Stream.runForEach((model) => Effect.log(model.id, model.display_name))
)

// Node 22.19+: ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL) from the environment,
// unless the options set a credential or a base URL.
export const onNode = program.pipe(Effect.provide(NodeModels.layer({ timeout: "30 seconds" })))

// Bun: the same rules, over Bun's fetch.
export const onBun = program.pipe(Effect.provide(BunModels.layer()))

// Deno: with options it reads no environment, so it needs no --allow-env.
export const onDeno = (apiKey: string) => program.pipe(Effect.provide(DenoModels.layer({ apiKey })))

// A browser, where each user types in their own key: the opt-in is required.
export const inBrowser = (userKey: string) =>
  program.pipe(Effect.provide(BrowserModels.layer({ apiKey: userKey, dangerouslyAllowBrowser: true })))
