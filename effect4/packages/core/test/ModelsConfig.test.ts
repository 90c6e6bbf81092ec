import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as ModelsConfig from "../src/ModelsConfig.js"
import { FAKE_KEY } from "./utils.js"

// Effect 4 has no ConfigError module: a ConfigError is one class whose cause is
// a SchemaError (or a SourceError), and "missing" is a MissingKey issue.
const isConfigError = (u: unknown): u is Config.ConfigError => u instanceof Config.ConfigError

const isMissingData = (u: unknown): boolean => {
  if (!isConfigError(u) || !Schema.isSchemaError(u.cause)) return false
  let issue = u.cause.issue
  while (issue._tag === "Pointer") issue = issue.issue
  return issue._tag === "MissingKey"
}

const withEnv = (env: Record<string, string>) =>
  Effect.provideService(ConfigProvider.ConfigProvider, ConfigProvider.fromEnvRecord(env))

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function*() {
    const options = yield* ModelsConfig.fromEnv
    return yield* ModelsConfig.make(options)
  }).pipe(withEnv(env))

describe("ModelsConfig", () => {
  it.effect("reads ANTHROPIC_API_KEY as Redacted and defaults the rest", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ ANTHROPIC_API_KEY: FAKE_KEY })
      assert.isTrue(Option.isSome(config.apiKey))
      assert.isTrue(Redacted.isRedacted(Option.getOrThrow(config.apiKey)))
      assert.notInclude(String(Option.getOrThrow(config.apiKey)), FAKE_KEY)
      assert.strictEqual(config.baseUrl, "https://api.anthropic.com")
      assert.strictEqual(config.apiVersion, "2023-06-01")
      assert.strictEqual(config.maxRetries, 2)
      assert.isTrue(Duration.equals(config.maxRetryAfter, Duration.seconds(60)))
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(60)))
      assert.strictEqual(config.maxResponseBytes, 32 * 1024 * 1024)
      assert.strictEqual(ModelsConfig.defaultMaxResponseBytes, 32 * 1024 * 1024)
    }))

  it.effect("reads ANTHROPIC_AUTH_TOKEN and ANTHROPIC_BASE_URL; a trailing slash is fine", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({ ANTHROPIC_AUTH_TOKEN: "tok", ANTHROPIC_BASE_URL: "https://gw.example.com/v/" })
      assert.isTrue(Option.isNone(config.apiKey))
      assert.isTrue(Option.isSome(config.authToken))
      assert.strictEqual(config.baseUrl, "https://gw.example.com/v")
    }))

  it.effect("a missing key is a ConfigError that names ANTHROPIC_API_KEY", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fromEnv({}))
      assert.isTrue(isConfigError(error))
      assert.include(String(error), "ANTHROPIC_API_KEY")
      assert.isTrue(isMissingData(error))
    }))

  /** Resolves `fromEnvWith(options)` against `env`, recording every variable it looks up. */
  const fromEnvWith = (options: ModelsConfig.Options, env: Record<string, string>) =>
    Effect.gen(function*() {
      const lookedUp: Array<string> = []
      const provider = ConfigProvider.fromEnvRecord(env).pipe(
        ConfigProvider.mapInput((path) => {
          lookedUp.push(path.join("."))
          return path
        })
      )
      const config = yield* Effect.flatMap(ModelsConfig.fromEnvWith(options), ModelsConfig.make).pipe(
        Effect.provideService(ConfigProvider.ConfigProvider, provider)
      )
      return { config, lookedUp }
    })

  it.effect("fromEnvWith completes options from the environment, reading only what they lack", () =>
    Effect.gen(function*() {
      const env = { ANTHROPIC_API_KEY: FAKE_KEY, ANTHROPIC_BASE_URL: "https://gw.example.com" }
      const completed = yield* fromEnvWith({ timeout: "10 seconds", maxRetries: 5 }, env)
      assert.isTrue(Option.isSome(completed.config.apiKey))
      assert.strictEqual(completed.config.baseUrl, "https://gw.example.com")
      assert.isTrue(Duration.equals(completed.config.timeout, Duration.seconds(10)))
      assert.strictEqual(completed.config.maxRetries, 5)

      // A credential in the options is never mixed with one from the environment.
      const own = yield* fromEnvWith(
        { authToken: "tok-FAKE", baseUrl: "https://api.example.com" },
        { ...env, ANTHROPIC_AUTH_TOKEN: "other" }
      )
      assert.isTrue(Option.isNone(own.config.apiKey))
      assert.strictEqual(Redacted.value(Option.getOrThrow(own.config.authToken)), "tok-FAKE")
      assert.strictEqual(own.config.baseUrl, "https://api.example.com")
      assert.deepStrictEqual(own.lookedUp, [])

      const keyOnly = yield* fromEnvWith({ apiKey: FAKE_KEY }, {})
      assert.deepStrictEqual(keyOnly.lookedUp, ["ANTHROPIC_BASE_URL"])
      assert.strictEqual(keyOnly.config.baseUrl, "https://api.anthropic.com")

      const error = yield* Effect.flip(fromEnvWith({ timeout: "10 seconds" }, {}))
      assert.isTrue(isMissingData(error))
      assert.include(String(error), "ANTHROPIC_API_KEY")
    }))

  it.effect("fromEnvWith trims the environment and treats empty values as unset", () =>
    Effect.gen(function*() {
      // An exported but empty ANTHROPIC_BASE_URL must not break a layer given its key in code.
      const emptyUrl = yield* fromEnvWith({ apiKey: FAKE_KEY }, { ANTHROPIC_BASE_URL: "" })
      assert.strictEqual(emptyUrl.config.baseUrl, "https://api.anthropic.com")
      const blankKey = yield* fromEnvWith({}, { ANTHROPIC_API_KEY: "  ", ANTHROPIC_AUTH_TOKEN: " tok-FAKE\n" })
      assert.isTrue(Option.isNone(blankKey.config.apiKey))
      assert.strictEqual(Redacted.value(Option.getOrThrow(blankKey.config.authToken)), "tok-FAKE")
      const spaced = yield* fromEnvWith({}, {
        ANTHROPIC_API_KEY: ` ${FAKE_KEY} `,
        ANTHROPIC_BASE_URL: " https://gw.example.com "
      })
      assert.strictEqual(Redacted.value(Option.getOrThrow(spaced.config.apiKey)), FAKE_KEY)
      assert.strictEqual(spaced.config.baseUrl, "https://gw.example.com")
      const error = yield* Effect.flip(fromEnvWith({}, { ANTHROPIC_API_KEY: "" }))
      assert.isTrue(isMissingData(error))
      assert.include(String(error), "ANTHROPIC_API_KEY")
    }))

  const refused: ReadonlyArray<readonly [string, ModelsConfig.Options, string]> = [
    ["an empty key", { apiKey: "" }, "apiKey is empty"],
    ["a key with a newline", { apiKey: `${FAKE_KEY}\nx-evil: 1` }, "control character"],
    ["a base URL that is not a URL", { apiKey: FAKE_KEY, baseUrl: "not a url" }, "not an absolute URL"],
    ["plain http to a remote host", { apiKey: FAKE_KEY, baseUrl: "http://api.example.com" }, "clear text"],
    ["a base URL with a query", { apiKey: FAKE_KEY, baseUrl: "https://a.test/?x=1" }, "query"],
    ["a beta with a newline", { apiKey: FAKE_KEY, betas: ["a\r\nb"] }, "control characters"],
    ["no credential at all", {}, "required"],
    ["a negative maxRetries", { apiKey: FAKE_KEY, maxRetries: -1 }, "maxRetries"],
    ["a zero timeout", { apiKey: FAKE_KEY, timeout: 0 }, "timeout"]
  ]
  for (const [name, options, expected] of refused) {
    it.effect(`refuses ${name} with a ConfigError that never shows the key`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(ModelsConfig.make(options))
        assert.isTrue(isConfigError(error))
        assert.include(String(error), expected)
        assert.notInclude(String(error), FAKE_KEY)
      }))
  }

  it.effect("allows plain http to localhost, and to a remote host when asked", () =>
    Effect.gen(function*() {
      const local = yield* ModelsConfig.make({ apiKey: FAKE_KEY, baseUrl: "http://127.0.0.1:4010" })
      assert.strictEqual(local.baseUrl, "http://127.0.0.1:4010")
      const remote = yield* ModelsConfig.make({
        apiKey: FAKE_KEY,
        baseUrl: "http://gateway.internal/anthropic",
        allowInsecureHttp: true
      })
      assert.strictEqual(remote.baseUrl, "http://gateway.internal/anthropic")
    }))
})

describe("ModelsConfig layers", () => {
  it.effect("layer provides the validated config; layerConfig reads the environment", () =>
    Effect.gen(function*() {
      const fromCode = yield* Effect.provide(
        ModelsConfig.ModelsConfig,
        ModelsConfig.layer({ apiKey: FAKE_KEY, maxRetries: 5 })
      )
      assert.strictEqual(fromCode.maxRetries, 5)
      const fromEnvLayer = yield* Effect.provide(ModelsConfig.ModelsConfig, ModelsConfig.layerConfig()).pipe(
        withEnv({ ANTHROPIC_API_KEY: FAKE_KEY, ANTHROPIC_BASE_URL: "https://gw.example.com" })
      )
      assert.strictEqual(fromEnvLayer.baseUrl, "https://gw.example.com")
      const refused = yield* Effect.flip(
        Effect.provide(ModelsConfig.ModelsConfig, ModelsConfig.layerConfig()).pipe(withEnv({}))
      )
      assert.isTrue(isMissingData(refused))
    }))
})
