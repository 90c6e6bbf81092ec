/**
 * Browser entry of the Effect 4 edition's runtime acceptance, bundled by
 * `packages/platform/scripts/runtimes.ts --edition=4`
 * with esbuild (platform browser) and loaded by a page on one loopback port
 * while the API servers listen on others: every request is cross-origin, so
 * CORS preflights and the `anthropic-dangerous-direct-browser-access` header
 * are exercised for real. The URLs come from the page's query string
 * (`?apiUrl=…&retryUrl=…`, see `targetToQuery`); the result is written to
 * `<body data-status data-result>` for the driver to read. Redirects are
 * `opaque` here: the browser hides them from the client, which refuses them.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { AcceptanceError, API_KEY, type MakeLayer, run, TARGET_USAGE, targetFromQuery } from "./acceptance.js"

const target = targetFromQuery(new URL(window.location.href).searchParams)

const makeLayer: MakeLayer = (options) => BrowserModels.layer({ ...options, dangerouslyAllowBrowser: true })

/**
 * Without the opt-in the layer must refuse to build, with a ConfigError that
 * tells the developer why (the key would be visible) and what to do instead.
 */
const optIn = (baseUrl: string): Effect.Effect<string, AcceptanceError> =>
  Effect.flatMap(
    Effect.result(
      Effect.provide(Models.list(), BrowserModels.layer({ apiKey: API_KEY, baseUrl, dangerouslyAllowBrowser: false }))
    ),
    (result) => {
      if (Result.isSuccess(result)) {
        return Effect.fail(new AcceptanceError({ check: "optIn", message: "listed models without the opt-in" }))
      }
      const error = result.failure
      if (error._tag !== "ConfigError") {
        return Effect.fail(new AcceptanceError({ check: "optIn", message: `expected ConfigError, got ${error._tag}` }))
      }
      const text = error.message
      return text.includes("visible") && text.includes("dangerouslyAllowBrowser")
        ? Effect.succeed("optIn=ConfigError")
        : Effect.fail(new AcceptanceError({ check: "optIn", message: `unhelpful message: ${text}` }))
    }
  )

const report = (ok: boolean, line: string) => {
  console.log(line)
  document.body.dataset["result"] = line
  document.body.dataset["status"] = ok ? "ok" : "fail"
}

if (target === undefined) {
  report(false, `chromium: FAIL usage: index.html?… with ${TARGET_USAGE}`)
} else if (new URL(target.apiUrl).origin === window.location.origin) {
  // The point of the browser run is a cross-origin call; same-origin would skip CORS.
  report(false, `chromium: FAIL the page and the API share the origin ${window.location.origin}`)
} else {
  run("chromium", makeLayer, target, { redirects: "opaque", extra: optIn(target.apiUrl) }).then(
    (outcome) => report(outcome.ok, outcome.line),
    (error: unknown) => report(false, `chromium: FAIL ${String(error)}`)
  )
}
