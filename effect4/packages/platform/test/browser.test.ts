import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as BrowserModels from "@anthropic-effect/platform/browser"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

// Node 22's fetch stands in for the browser's here; the acceptance runs use Chromium.
const KEY = "sk-ant-platform-browser-FAKE"
const models = synthetic(1500)

/** A `fetch` that records the headers of every request, then sends it. */
const recordingFetch = () => {
  const headers: Array<Headers> = []
  const recording: typeof globalThis.fetch = (input, init) => {
    headers.push(new Headers(init?.headers))
    return globalThis.fetch(input, init)
  }
  return { headers, recording }
}

describe("@anthropic-effect/platform/browser", () => {
  it.effect("without dangerouslyAllowBrowser the layer fails with a ConfigError that explains the risk", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Models.list().pipe(
          Effect.provide(
            BrowserModels.layer({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", dangerouslyAllowBrowser: false })
          )
        )
      )
      // Effect 4: one ConfigError class, whose SchemaError points at the option.
      if (!(error instanceof Config.ConfigError) || !Schema.isSchemaError(error.cause)) {
        return assert.fail(`expected a ConfigError over a SchemaError, got ${String(error)}`)
      }
      const issue = error.cause.issue
      assert.strictEqual(issue._tag, "Pointer")
      if (issue._tag === "Pointer") {
        assert.deepStrictEqual(issue.path, ["dangerouslyAllowBrowser"])
        assert.strictEqual(issue.issue._tag, "InvalidValue")
      }
      assert.include(error.message, "API key would be visible")
      assert.include(error.message, "backend")
      assert.notInclude(error.message, KEY)
    }))

  it.live("with the opt-in it sends anthropic-dangerous-direct-browser-access and no trace headers", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const { headers, recording } = recordingFetch()
      const count = yield* Models.stream({ limit: 500 }).pipe(
        Stream.runCount,
        Effect.tap(() => Models.retrieve(models[7]!.id)),
        Effect.provide(BrowserModels.layer({ apiKey: KEY, baseUrl: server.url, dangerouslyAllowBrowser: true })),
        Effect.provideService(FetchHttpClient.Fetch, recording)
      )
      assert.strictEqual(count, 1500)
      assert.strictEqual(headers.length, 4)
      for (const sent of headers) {
        assert.strictEqual(sent.get("anthropic-dangerous-direct-browser-access"), "true")
        assert.strictEqual(sent.get("x-api-key"), KEY)
        // Not in the API's CORS allow-list: a browser would fail the preflight.
        assert.isNull(sent.get("traceparent"))
        assert.isNull(sent.get("b3"))
      }
    }))

  it.live("backend-proxy pattern: Models.layer over layerHttpClient needs no opt-in and sends no Anthropic key", () =>
    Effect.gen(function*() {
      // The server stands in for the app's backend, which checks the session token
      // and forwards the request to the API with the key it holds.
      const session = "app-session-token-FAKE"
      const server = yield* ModelsApiServer.serve({ models, apiKey: session })
      const { headers, recording } = recordingFetch()
      const ProxiedModels = Models.layer.pipe(
        Layer.provide(ModelsConfig.layer({ authToken: session, baseUrl: `${server.url}/` })),
        Layer.provide(BrowserModels.layerHttpClient)
      )
      const page = yield* Models.list({ limit: 5 }).pipe(
        Effect.provide(ProxiedModels),
        Effect.provideService(FetchHttpClient.Fetch, recording)
      )
      assert.strictEqual(page.data.length, 5)
      assert.strictEqual(headers.length, 1)
      assert.strictEqual(headers[0]!.get("authorization"), `Bearer ${session}`)
      assert.isNull(headers[0]!.get("x-api-key"))
      assert.isNull(headers[0]!.get("anthropic-dangerous-direct-browser-access"))
      assert.isNull(headers[0]!.get("traceparent"))
    }))

  it.live("control: a plain FetchHttpClient does send traceparent and b3, so the check above can fail", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({ models, apiKey: KEY })
      const { headers, recording } = recordingFetch()
      yield* HttpClient.get(`${server.url}/v1/models`).pipe(
        Effect.provide(FetchHttpClient.layer),
        Effect.provideService(FetchHttpClient.Fetch, recording)
      )
      assert.strictEqual(headers.length, 1)
      assert.isNotNull(headers[0]!.get("traceparent"))
      assert.isNotNull(headers[0]!.get("b3"))
    }))
})
