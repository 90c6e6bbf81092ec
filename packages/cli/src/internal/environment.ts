// The services a command runs on: Models (the API, or the embedded mock when no
// credential is set) and the catalogue over it, with its snapshot in the cache
// directory unless --no-cache.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import type * as Models from "@anthropic-effect/core/Models"
import * as CatalogStore from "@anthropic-effect/platform/catalog"
import * as NodeModels from "@anthropic-effect/platform/node"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import type * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"

/** The global options, as parsed. */
export interface Global {
  readonly apiKey: Option.Option<Redacted.Redacted>
  readonly authToken: Option.Option<Redacted.Redacted>
  readonly baseUrl: Option.Option<string>
  readonly betas: ReadonlyArray<string>
  readonly workspace: Option.Option<string>
  readonly noCache: boolean
  readonly cacheDir: Option.Option<string>
}

export type SetupError = ConfigError.ConfigError | HttpServerError.ServeError

const present = (secret: Option.Option<Redacted.Redacted>): Option.Option<Redacted.Redacted> =>
  Option.filter(secret, (value) => Redacted.value(value).trim() !== "")

/** The key a request to the embedded mock carries: any key will do, and this one is no secret. */
export const mockKey = "sk-ant-local-demo"

interface Resolved {
  readonly models: Layer.Layer<Models.Models, ConfigError.ConfigError>
  /** Where the snapshot is kept apart from other APIs' in the cache; none for the embedded mock. */
  readonly namespace: Option.Option<string>
}

const resolve = (global: Global): Effect.Effect<Resolved, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const apiKey = present(global.apiKey)
    const authToken = present(global.authToken)
    const request = {
      betas: global.betas.length === 0 ? undefined : global.betas,
      workspaceId: Option.getOrUndefined(global.workspace)
    }
    if (Option.isSome(apiKey) || Option.isSome(authToken)) {
      const baseUrl = Option.getOrUndefined(global.baseUrl)
      return {
        models: NodeModels.layer({
          ...request,
          apiKey: Option.getOrUndefined(apiKey),
          authToken: Option.getOrUndefined(authToken),
          baseUrl
        }),
        namespace: Option.some(baseUrl ?? "https://api.anthropic.com")
      }
    }
    // Loaded only when used: the HTTP server it brings is a good part of the CLI's start-up time.
    const ModelsApiServer = yield* Effect.promise(() => import("@anthropic-effect/testing/ModelsApiServer"))
    const server = yield* ModelsApiServer.serve()
    yield* Console.error(`No ANTHROPIC_API_KEY set: using the built-in mock Models API at ${server.url}`)
    return {
      models: NodeModels.layer({ ...request, apiKey: mockKey, baseUrl: server.url }),
      namespace: Option.none()
    }
  })

/** The catalogue for a command: `ttl` keeps a snapshot fresh, `maxStale` lets an old one be read (diff). */
export const catalog = (
  global: Global,
  options: { readonly ttl: Duration.DurationInput; readonly maxStale?: Duration.DurationInput | undefined }
): Layer.Layer<ModelCatalog.ModelCatalog, SetupError> =>
  Layer.unwrapScoped(Effect.map(resolve(global), ({ models, namespace }) => {
    const settings = {
      ttl: options.ttl,
      maxStale: options.maxStale,
      policy: "off" as const,
      betas: global.betas.length === 0 ? undefined : global.betas,
      workspaceId: Option.getOrUndefined(global.workspace)
    }
    const layer = Option.isNone(namespace) || global.noCache
      ? ModelCatalog.layer(settings)
      : ModelCatalog.layer({
        ...settings,
        namespace: namespace.value,
        store: CatalogStore.layerFileSystem({ directory: Option.getOrUndefined(global.cacheDir) })
      })
    return Layer.provide(layer, models)
  }))

/** Whether the snapshot of this run can come from, and go to, the cache. */
export const cached = (global: Global): boolean =>
  !global.noCache && (Option.isSome(present(global.apiKey)) || Option.isSome(present(global.authToken)))
