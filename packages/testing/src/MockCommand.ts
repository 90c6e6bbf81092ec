/**
 * The mock server as an `@effect/cli` command: its options and what it runs.
 * `anthropic-models-mock` (this package's bin) and `anthropic-models mock`
 * (@anthropic-effect/cli) are both built from it, so the two parse, refuse
 * and serve alike.
 *
 * @since 0.3.0
 */
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { synthetic } from "./Catalogue.js"
import * as ModelsApiServer from "./ModelsApiServer.js"

const maxPort = 65_535

const within = (min: number, max: number) => (value: number): Option.Option<number> =>
  value >= min && value <= max ? Option.some(value) : Option.none()

const defaultPort = 4010

/**
 * The command's options: `--port`, `--models`, `--api-key`, `--fault-rate`
 * and `--seed`, each refusing bad values with a line naming the flag.
 *
 * @since 0.3.0
 * @category options
 */
export const options = {
  port: Options.integer("port").pipe(
    Options.filterMap(within(0, maxPort), `--port must be a whole number from 0 to ${maxPort}`),
    Options.withDefault(defaultPort),
    Options.withDescription(`the port on 127.0.0.1 (default ${defaultPort}; 0 picks a free one)`)
  ),
  models: Options.integer("models").pipe(
    Options.filterMap(within(0, Number.MAX_SAFE_INTEGER), "--models must be a whole number of 0 or more"),
    Options.optional,
    Options.withDescription("serve N synthetic models instead of the Claude catalogue")
  ),
  apiKey: Options.text("api-key").pipe(
    Options.filterMap((key) => key === "" ? Option.none() : Option.some(key), "--api-key must not be empty"),
    Options.optional,
    Options.withDescription("accept only this x-api-key (default: any non-empty key)")
  ),
  faultRate: Options.float("fault-rate").pipe(
    Options.filterMap(within(0, 1), "--fault-rate must be a number from 0 to 1"),
    Options.optional,
    Options.withDescription(
      "inject random faults (429, 500, 529, HTML 503, resets, slow, truncated JSON) at this rate, from 0 to 1"
    )
  ),
  seed: Options.integer("seed").pipe(
    Options.withDefault(1),
    Options.withDescription("seed for the fault schedule (default 1)")
  )
}

/**
 * What the options parse to.
 *
 * @since 0.3.0
 * @category models
 */
export interface Config {
  readonly port: number
  readonly models: Option.Option<number>
  readonly apiKey: Option.Option<string>
  readonly faultRate: Option.Option<number>
  readonly seed: number
}

/**
 * Serves the mock API on 127.0.0.1 as configured, prints where, and runs until
 * interrupted (Ctrl-C).
 *
 * @since 0.3.0
 * @category commands
 */
export const serve = (config: Config) =>
  Effect.gen(function*() {
    const rate = Option.getOrElse(config.faultRate, () => 0)
    const server = yield* ModelsApiServer.serve({
      port: config.port,
      models: Option.getOrUndefined(Option.map(config.models, (size) => synthetic(size))),
      apiKey: Option.getOrUndefined(config.apiKey),
      faults: rate > 0 ? { random: { seed: config.seed, rate } } : undefined
    })
    yield* Console.log(`Models API mock listening on ${server.url} (Ctrl-C to stop)`)
    yield* Console.log(
      `  curl ${server.url}${Wire.modelsPath} -H "${Wire.headers.apiKey}: any" ` +
        `-H "${Wire.headers.version}: ${Wire.defaultApiVersion}"`
    )
    return yield* Effect.never
  }).pipe(Effect.scoped)

/**
 * The command under `name`.
 *
 * @since 0.3.0
 * @category commands
 */
export const make = (name: string, description: string) =>
  Command.make(name, options, serve).pipe(Command.withDescription(description))

/**
 * What the command serves, for its help text.
 *
 * @since 0.3.0
 * @category commands
 */
export const summary = `Serves GET ${Wire.modelsPath} and GET ${Wire.modelsPath}/{id} on 127.0.0.1`
