/**
 * How the client reaches the API: credentials, base URL, API version, default
 * headers, timeout and retry policy. Provided as a Layer, from code
 * (`layer`) or from the environment (`layerConfig`).
 *
 * @since 1.0.0
 */
import * as Checks from "@anthropic-effect/protocol/Checks"
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import type { ModelsError } from "./ModelsError.js"

/**
 * What a caller may set. Only a credential is required.
 *
 * @since 1.0.0
 * @category models
 */
export interface Options {
  /** Sent as `x-api-key`. A plain string is wrapped in `Redacted` at once. */
  readonly apiKey?: Redacted.Redacted | string | undefined
  /** Sent as `Authorization: Bearer …`, for OAuth tokens and gateways. */
  readonly authToken?: Redacted.Redacted | string | undefined
  /** Default `https://api.anthropic.com`. A path prefix is kept; a trailing slash is fine. */
  readonly baseUrl?: string | URL | undefined
  /** The `anthropic-version` header. Default `2023-06-01`. */
  readonly apiVersion?: string | undefined
  /** Default `anthropic-beta` values, joined with commas. */
  readonly betas?: ReadonlyArray<string> | undefined
  /** Default `anthropic-workspace-id`. */
  readonly workspaceId?: string | undefined
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** The limit for one attempt, body included. Default 60 seconds. */
  readonly timeout?: Duration.Input | undefined
  /** How many times a failed request is retried. Default 2. */
  readonly maxRetries?: number | undefined
  /**
   * Replaces the default backoff (exponential from 500 ms, jittered, at most
   * 8 s between attempts) and `maxRetries`. Only retryable errors reach it,
   * and a server's `retry-after` still sets the delay.
   */
  readonly retrySchedule?: Schedule.Schedule<unknown, ModelsError> | undefined
  /**
   * The longest `retry-after` the client will wait. Default 60 seconds. When
   * the server asks for longer, the retries end at once and the error keeps
   * the server's `retryAfter`, so the caller can decide whether to wait.
   */
  readonly maxRetryAfter?: Duration.Input | undefined
  /**
   * The largest response body the client reads, in bytes after decompression.
   * Default 32 MiB, about 20 times a page of 1,000 models. A larger body fails
   * with `ResponseTooLargeError` without the rest being read.
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * Plain `http://` is refused for any host but localhost, because the key
   * would cross the network in clear text. Set this to allow it anyway.
   */
  readonly allowInsecureHttp?: boolean | undefined
}

/**
 * The validated configuration that the `Models` service reads.
 *
 * @since 1.0.0
 * @category models
 */
export interface ResolvedConfig {
  readonly apiKey: Option.Option<Redacted.Redacted>
  readonly authToken: Option.Option<Redacted.Redacted>
  /** Absolute, without a trailing slash. */
  readonly baseUrl: string
  readonly apiVersion: string
  readonly betas: ReadonlyArray<string>
  readonly workspaceId: Option.Option<string>
  readonly headers: Readonly<Record<string, string>>
  readonly timeout: Duration.Duration
  readonly maxRetries: number
  readonly retrySchedule: Option.Option<Schedule.Schedule<unknown, ModelsError>>
  readonly maxRetryAfter: Duration.Duration
  readonly maxResponseBytes: number
}

/**
 * The service tag for the configuration.
 *
 * @since 1.0.0
 * @category tags
 */
export class ModelsConfig extends Context.Service<ModelsConfig, ResolvedConfig>()(
  "@anthropic-effect/core/ModelsConfig"
) {}

/**
 * @since 1.0.0
 * @category defaults
 */
export const defaultBaseUrl: string = Wire.defaultBaseUrl

/**
 * @since 1.0.0
 * @category defaults
 */
export const defaultApiVersion: string = Wire.defaultApiVersion

/**
 * @since 1.0.0
 * @category defaults
 */
export const defaultMaxResponseBytes = 32 * 1024 * 1024

// Effect 4 has no ConfigError constructors (v3's InvalidData, MissingData): a
// ConfigError wraps a SchemaError, whose issue points at the option.
const invalid = (path: string, message: string): Config.ConfigError =>
  new Config.ConfigError(
    new Schema.SchemaError(new SchemaIssue.Pointer([path], new SchemaIssue.InvalidValue({ message })))
  )

const missing = (path: string, message: string): Config.ConfigError =>
  new Config.ConfigError(
    new Schema.SchemaError(new SchemaIssue.Pointer([path], new SchemaIssue.MissingKey({ messageMissingKey: message })))
  )

/** The protocol's checks, as a `ConfigError`. */
const checked = <A>(failure: Checks.Failure | undefined, value: A): Result.Result<A, Config.ConfigError> =>
  failure === undefined ? Result.succeed(value) : Result.fail(invalid(failure.path, failure.message))

const checkSecret = (
  path: string,
  secret: Redacted.Redacted | string | undefined
): Result.Result<Option.Option<Redacted.Redacted>, Config.ConfigError> => {
  if (secret === undefined) return Result.succeed(Option.none())
  const redacted = typeof secret === "string" ? Redacted.make(secret) : secret
  return checked(Checks.secret(path, Redacted.value(redacted)), Option.some(redacted))
}

const checkBaseUrl = (
  path: string,
  input: string | URL,
  allowInsecureHttp: boolean
): Result.Result<string, Config.ConfigError> => {
  const result = Checks.baseUrl(path, String(input), allowInsecureHttp)
  return "url" in result
    ? Result.succeed(result.url)
    : Result.fail(invalid(result.failure.path, result.failure.message))
}

const checkHeader = (path: string, value: string) => checked(Checks.headerValue(path, value), value)

const checkNumber = (
  check: (path: string, value: number) => Checks.Failure | undefined,
  path: string,
  value: number
): Result.Result<number, Config.ConfigError> => checked(check(path, value), value)

const checkDuration = (
  path: string,
  input: Duration.Input
): Result.Result<Duration.Duration, Config.ConfigError> =>
  Option.match(Duration.fromInput(input), {
    onNone: () => Result.fail(invalid(path, `${path} is not a duration`)),
    onSome: (duration) =>
      Duration.isGreaterThan(duration, Duration.zero)
        ? Result.succeed(duration)
        : Result.fail(invalid(path, `${path} must be longer than zero`))
  })

/**
 * Validates options into a `ResolvedConfig`. Values that would break a header
 * (a newline in the key), a URL that is not one, and plain `http://` to a
 * remote host fail with a `ConfigError` naming the option; messages never
 * contain a secret.
 *
 * @since 1.0.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<ResolvedConfig, Config.ConfigError> =>
  Effect.gen(function*() {
    // A Result is not yieldable in Effect 4 (an Either was in 3).
    const check = Effect.fromResult
    const apiKey = yield* check(checkSecret("apiKey", options.apiKey))
    const authToken = yield* check(checkSecret("authToken", options.authToken))
    if (Option.isNone(apiKey) && Option.isNone(authToken)) {
      return yield* Effect.fail(missing("apiKey", "An API key (apiKey) or an auth token (authToken) is required"))
    }
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers[name.toLowerCase()] = yield* check(checkHeader(`headers.${name}`, value))
    }
    const betas: Array<string> = []
    for (const beta of options.betas ?? []) betas.push(yield* check(checkHeader("betas", beta)))
    return {
      apiKey,
      authToken,
      baseUrl: yield* check(
        checkBaseUrl("baseUrl", options.baseUrl ?? defaultBaseUrl, options.allowInsecureHttp ?? false)
      ),
      apiVersion: yield* check(checkHeader("apiVersion", options.apiVersion ?? defaultApiVersion)),
      betas,
      workspaceId: options.workspaceId === undefined
        ? Option.none()
        : Option.some(yield* check(checkHeader("workspaceId", options.workspaceId))),
      headers,
      timeout: yield* check(checkDuration("timeout", options.timeout ?? Duration.seconds(60))),
      maxRetries: yield* check(checkNumber(Checks.count, "maxRetries", options.maxRetries ?? 2)),
      retrySchedule: Option.fromNullishOr(options.retrySchedule),
      maxRetryAfter: yield* check(checkDuration("maxRetryAfter", options.maxRetryAfter ?? Duration.seconds(60))),
      maxResponseBytes: yield* check(checkNumber(
        Checks.byteCount,
        "maxResponseBytes",
        options.maxResponseBytes ?? defaultMaxResponseBytes
      ))
    }
  })

/**
 * Reads the standard environment variables: `ANTHROPIC_API_KEY` (as
 * `Redacted`), `ANTHROPIC_AUTH_TOKEN` and `ANTHROPIC_BASE_URL`. With neither
 * credential set it fails with a `ConfigError` that names
 * `ANTHROPIC_API_KEY`. Map over it to add options:
 * `Config.map(ModelsConfig.fromEnv, (o) => ({ ...o, maxRetries: 5 }))`.
 *
 * @since 1.0.0
 * @category config
 */
export const fromEnv: Config.Config<Options> = /* @__PURE__ */ Config.flatMap(
  // Effect 4 has no Config.suspend; a flatMap over nothing defers the same way.
  Config.succeed(undefined),
  () => fromEnvWith({})
)

// As in the official SDK, environment values are trimmed and an empty one
// (`ANTHROPIC_BASE_URL=`) means "not set".
const nonBlank = (value: Option.Option<string>): Option.Option<string> =>
  Option.filter(Option.map(value, (text) => text.trim()), (text) => text !== "")

// The value is wrapped at once, so it is never held as a plain string.
const nonBlankSecret = (value: Option.Option<string>): Option.Option<Redacted.Redacted> =>
  Option.map(nonBlank(value), (text) => Redacted.make(text))

/**
 * Options given in code, completed from the environment much as the official
 * SDK's constructor does: `ANTHROPIC_API_KEY` and `ANTHROPIC_AUTH_TOKEN` when the
 * options carry neither credential, `ANTHROPIC_BASE_URL` when they have no
 * `baseUrl`. A credential in the options is never mixed with one from the
 * environment, only the variables the options lack are read, and values are
 * trimmed, so a variable that is empty or blank counts as unset. The `/node`
 * and `/bun` layers use it, so `NodeModels.layer({ timeout: "10 seconds" })`
 * still finds the key.
 *
 * @example
 * import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
 *
 * // the key from ANTHROPIC_API_KEY, a shorter timeout from code
 * const config = ModelsConfig.layerConfig(ModelsConfig.fromEnvWith({ timeout: "10 seconds" }))
 *
 * @since 1.0.0
 * @category config
 */
export const fromEnvWith = (options: Options): Config.Config<Options> => {
  // Only what the options lack is read: a variable that would go unused is never
  // looked up, so a custom ConfigProvider sees only real questions.
  const credentials: Config.Config<Pick<Options, "apiKey" | "authToken">> =
    options.apiKey !== undefined || options.authToken !== undefined
      ? Config.succeed({ apiKey: options.apiKey, authToken: options.authToken })
      : Config.all({
        apiKey: Config.map(Config.option(Config.String("ANTHROPIC_API_KEY")), nonBlankSecret),
        authToken: Config.map(Config.option(Config.String("ANTHROPIC_AUTH_TOKEN")), nonBlankSecret)
      }).pipe(
        Config.mapEffect(({ apiKey, authToken }) =>
          Option.isNone(apiKey) && Option.isNone(authToken)
            ? Effect.fail(
              missing(
                "ANTHROPIC_API_KEY",
                "ANTHROPIC_API_KEY is not set (nor ANTHROPIC_AUTH_TOKEN): set it to your Anthropic API key"
              )
            )
            : Effect.succeed({ apiKey: Option.getOrUndefined(apiKey), authToken: Option.getOrUndefined(authToken) })
        )
      )
  const baseUrl: Config.Config<string | URL | undefined> = options.baseUrl !== undefined
    ? Config.succeed(options.baseUrl)
    : Config.map(Config.option(Config.String("ANTHROPIC_BASE_URL")), (url) => Option.getOrUndefined(nonBlank(url)))
  return Config.map(Config.all([credentials, baseUrl]), ([credential, url]) => ({
    ...options,
    ...credential,
    baseUrl: url
  }))
}

/**
 * Provides `ModelsConfig` from options given in code.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<ModelsConfig, Config.ConfigError> =>
  Layer.effect(ModelsConfig, make(options))

/**
 * Provides `ModelsConfig` from a `Config`, by default `fromEnv`.
 *
 * @since 1.0.0
 * @category layers
 */
export const layerConfig = (
  config: Config.Config<Options> = fromEnv
): Layer.Layer<ModelsConfig, Config.ConfigError> => Layer.effect(ModelsConfig, Effect.flatMap(config, make))
