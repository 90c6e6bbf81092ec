import * as Wire from "@anthropic-effect/protocol/Wire"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as Options from "@effect/cli/Options"
import * as Usage from "@effect/cli/Usage"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { synthetic } from "../Catalogue.js"
import * as ModelsApiServer from "../ModelsApiServer.js"

/** The program's name, as installed. */
export const name = "anthropic-models-mock"

/** The exit status for bad usage, as getopt-style tools use. */
export const usageExitCode = 2

const maxPort = 65_535

const within = (min: number, max: number) => (value: number): Option.Option<number> =>
  value >= min && value <= max ? Option.some(value) : Option.none()

const defaultPort = 4010

const port = Options.integer("port").pipe(
  Options.filterMap(within(0, maxPort), `--port must be a whole number from 0 to ${maxPort}`),
  Options.withDefault(defaultPort),
  Options.withDescription(`the port on 127.0.0.1 (default ${defaultPort}; 0 picks a free one)`)
)

const models = Options.integer("models").pipe(
  Options.filterMap(within(0, Number.MAX_SAFE_INTEGER), "--models must be a whole number of 0 or more"),
  Options.optional,
  Options.withDescription("serve N synthetic models instead of the Claude catalogue")
)

const apiKey = Options.text("api-key").pipe(
  Options.filterMap((key) => key === "" ? Option.none() : Option.some(key), "--api-key must not be empty"),
  Options.optional,
  Options.withDescription("accept only this x-api-key (default: any non-empty key)")
)

const faultRate = Options.float("fault-rate").pipe(
  Options.filterMap(within(0, 1), "--fault-rate must be a number from 0 to 1"),
  Options.optional,
  Options.withDescription(
    "inject random faults (429, 500, 529, HTML 503, resets, slow, truncated JSON) at this rate, from 0 to 1"
  )
)

const seed = Options.integer("seed").pipe(
  Options.withDefault(1),
  Options.withDescription("seed for the fault schedule (default 1)")
)

/**
 * The command: its options, and serving until interrupted. `anthropic-models
 * mock` (@anthropic-effect/cli) is the same command under the CLI: that
 * package depends on this one, never the other way, so it repeats these
 * options, and its tests check that both parse and refuse alike.
 */
export const command = Command.make(
  name,
  { port, models, apiKey, faultRate, seed },
  (config) =>
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
).pipe(
  Command.withDescription(
    `Serves GET ${Wire.modelsPath} and GET ${Wire.modelsPath}/{id} on 127.0.0.1. ` +
      "Also installed as `anthropic-models mock` by @anthropic-effect/cli."
  )
)

const usage = HelpDoc.toAnsiText(HelpDoc.blocks([
  ...Usage.enumerate(Command.getUsage(command), CliConfig.defaultConfig).map((line) =>
    HelpDoc.p(Span.concat(Span.text("Usage: "), line))
  ),
  HelpDoc.p(`Run ${name} --help for every option.`)
]))

/**
 * Runs the command on `argv` (as `process.argv`: runtime and script first).
 * Succeeds with the exit status: bad usage has been reported by then (the
 * CLI's one-line error, then the usage), and gives `usageExitCode`.
 */
export const run = (argv: ReadonlyArray<string>) =>
  Command.run(command, { name, version: `anthropic-version ${Wire.defaultApiVersion}` })(argv).pipe(
    Effect.as(0),
    Effect.catchIf(ValidationError.isValidationError, () => Effect.as(Console.error(usage), usageExitCode))
  )
