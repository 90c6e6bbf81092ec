/**
 * Bundle-size entry of the Effect 4 edition: stream every model in a browser
 * with `@anthropic-effect/platform/browser`. Built (never run) by
 * `packages/platform/scripts/bundle-size.ts --edition=4`, which compares it
 * with the same program on the official SDK (`packages/platform/scripts/bundle-size/sdk.ts`).
 */
import * as Models from "@anthropic-effect/core/Models"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

// A tool where each user types in their own key: the case the opt-in exists for.
const apiKey = window.prompt("Anthropic API key") ?? ""

const program = Models.stream().pipe(
  Stream.runForEach((model) => Effect.sync(() => console.log(model.id))),
  Effect.provide(BrowserModels.layer({ apiKey, dangerouslyAllowBrowser: true }))
)

Effect.runPromise(program).catch(console.error)
