// `anthropic-models mock`: the flags of `anthropic-models-mock` (packages/testing),
// which stays the standalone bin of @anthropic-effect/testing. The testing
// package cannot depend on this one (this one depends on it for the embedded
// mock), and it exports no command: so the definition is repeated here, and a
// test keeps the two usages equal.
import * as Wire from "@anthropic-effect/protocol/Wire"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"

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

/** The mock command: serves until interrupted. */
export const mock = Command.make(
  "mock",
  { port, models, apiKey, faultRate, seed },
  (config) =>
    Effect.gen(function*() {
      // Loaded only when serving, so that the other commands start without the HTTP server.
      const [Catalogue, ModelsApiServer] = yield* Effect.promise(() =>
        Promise.all([
          import("@anthropic-effect/testing/Catalogue"),
          import("@anthropic-effect/testing/ModelsApiServer")
        ])
      )
      const rate = Option.getOrElse(config.faultRate, () => 0)
      const server = yield* ModelsApiServer.serve({
        port: config.port,
        models: Option.getOrUndefined(Option.map(config.models, (size) => Catalogue.synthetic(size))),
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
    `Serves GET ${Wire.modelsPath} and GET ${Wire.modelsPath}/{id} on 127.0.0.1 (as anthropic-models-mock does).`
  )
)
