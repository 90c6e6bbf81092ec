/**
 * The Models service in browsers, over `fetch`.
 *
 * Calling the API from a browser puts your API key in the page, where any
 * visitor can read it. The safe pattern is a backend (or edge function) that
 * holds the key and forwards `GET /v1/models`; point `baseUrl` at it. Direct
 * access is only for tools where the user types in their own key; it must be
 * asked for with `dangerouslyAllowBrowser: true`.
 *
 * @since 1.0.0
 */
import type * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as Models from "@anthropic-effect/core/Models"
import type * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as KeyValueStore from "effect/persistence/KeyValueStore"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { storeOr } from "./internal/catalogStore.js"
import * as Fetch from "./internal/fetch.js"
import { modelsLayer } from "./internal/layer.js"

/**
 * `fetch` without trace propagation headers: `traceparent` and `b3` are not
 * in the API's CORS allow-list, so sending them would fail the preflight.
 * Redirects are not followed: with `redirect: "manual"` a browser hides the
 * target, so every redirect is a `RedirectError` with status 0.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = Layer.effect(
  HttpClient.HttpClient,
  // Effect 4 reads propagation from a fiber reference at request time (there is
  // no withTracerPropagation), so every request this client runs sets it off.
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    return HttpClient.transform(
      client,
      (response) => Effect.provideService(response, HttpClient.TracerPropagationEnabled, false)
    )
  })
).pipe(Layer.provide(Fetch.layer))

/**
 * Options of `layer`. `dangerouslyAllowBrowser: true` is required: it states
 * that you understand the key is visible to anyone using the page.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options extends ModelsConfig.Options {
  readonly dangerouslyAllowBrowser: boolean
}

// Effect 4 has no ConfigError.InvalidData: the error wraps a SchemaError whose
// issue points at the option, as ModelsConfig's own errors do.
const refused = (): Config.ConfigError =>
  new Config.ConfigError(
    new Schema.SchemaError(
      new SchemaIssue.Pointer(
        ["dangerouslyAllowBrowser"],
        new SchemaIssue.InvalidValue({
          message: "Refusing to call the Anthropic API from a browser: the API key would be visible to anyone who " +
            "opens the page's source or network tab. Call the API from your backend and point baseUrl at it, or, " +
            "if every user supplies their own key, pass dangerouslyAllowBrowser: true."
        })
      )
    )
  )

/**
 * The full `Models` service in a browser. Sends
 * `anthropic-dangerous-direct-browser-access: true`, which the API requires
 * for cross-origin calls. Without `dangerouslyAllowBrowser: true` the layer
 * fails with a `ConfigError` that explains the risk.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<Models.Models, Config.ConfigError> => {
  if (options.dangerouslyAllowBrowser !== true) return Layer.effect(Models.Models, Effect.fail(refused()))
  const { dangerouslyAllowBrowser: _, ...config } = options
  return modelsLayer(layerHttpClient, {
    ...config,
    headers: { ...config.headers, "anthropic-dangerous-direct-browser-access": "true" }
  }, "options-only")
}

/**
 * A model catalogue store in `localStorage`, so that a reload reuses a
 * fresh snapshot: `ModelCatalog.layer({ store: BrowserModels.layerCatalogStore })`.
 * Where `localStorage` cannot be used (a private window that refuses it, a
 * worker), the snapshot stays in memory, after a warning.
 *
 * @since 1.1.0
 * @category layers
 */
export const layerCatalogStore: Layer.Layer<ModelCatalog.CatalogStore> = /* @__PURE__ */ Layer.suspend(() =>
  // Suspended and marked pure, so that a bundle which never uses the store drops it (and the
  // catalogue it pulls in): a plain call at module level would count as a side effect.
  storeOr(
    "localStorage",
    Layer.unwrap(
      Effect.map(
        Effect.try(() => {
          const storage = globalThis.localStorage
          // Touching it is what throws where it is refused.
          storage.getItem("anthropic-model-catalog-probe")
          return storage
        }),
        (storage) => KeyValueStore.layerStorage(() => storage)
      )
    )
  )
)
