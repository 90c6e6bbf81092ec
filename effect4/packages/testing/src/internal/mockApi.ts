import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import type * as Faults from "@anthropic-effect/protocol/Faults"
import * as MockApi from "@anthropic-effect/protocol/MockApi"
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

/** The protocol's fault options, with the slow delay as an Effect duration. */
export interface FaultOptions {
  /** Faults by request number, counted from 1 across all requests. */
  readonly script?: Readonly<Record<number, Faults.Kind>> | undefined
  /** Faults drawn at random for each request, reproducibly from `seed`. */
  readonly random?: Faults.RandomOptions | undefined
  /** How long a `slow` response stalls. Default 30 seconds. */
  readonly slowDelay?: Duration.Input | undefined
  /** The `retry-after-ms` of a `rate-limit` fault. Default 20. */
  readonly retryAfterMs?: number | undefined
}

/** The protocol's mock options, in core's and Effect's types. */
export interface ApiOptions {
  /** The catalogue, newest first. Default: the Claude fixture. */
  readonly models?: ReadonlyArray<ModelInfoEncoded> | undefined
  /** Aliases `retrieve` resolves. Default: the Claude aliases. */
  readonly aliases?: Readonly<Record<string, string>> | undefined
  /** The only key accepted. Default: any non-empty key or bearer token. */
  readonly apiKey?: string | undefined
  readonly faults?: FaultOptions | undefined
}

// `Duration.fromInput` rather than the throwing `fromInputUnsafe`: a delay
// Effect cannot read leaves the protocol's default, it never throws.
const toMillis = (input: Duration.Input | undefined): number | undefined =>
  input === undefined ? undefined : Option.getOrUndefined(Option.map(Duration.fromInput(input), Duration.toMillis))

const toFaults = (faults: FaultOptions): Faults.Options => ({
  script: faults.script,
  random: faults.random,
  slowDelayMillis: toMillis(faults.slowDelay),
  retryAfterMs: faults.retryAfterMs
})

/** The protocol's mock API, one per mock or server. */
export const makeMockApi = (options: ApiOptions): MockApi.MockApi =>
  MockApi.make({
    models: options.models,
    aliases: options.aliases,
    apiKey: options.apiKey,
    faults: options.faults === undefined ? undefined : toFaults(options.faults)
  })
