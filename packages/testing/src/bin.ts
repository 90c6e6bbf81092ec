/**
 * `anthropic-models-mock`: the mock Models API as a standalone server, for
 * people testing without Effect (curl, the official SDKs, other languages).
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { parseArgs } from "node:util"
import { synthetic } from "./Catalogue.js"
import * as ModelsApiServer from "./ModelsApiServer.js"

const usage = `Usage: anthropic-models-mock [--port 4010] [--models N] [--api-key KEY] [--fault-rate 0.1 --seed 1]

Serves GET /v1/models and GET /v1/models/{id} on 127.0.0.1.
  --port        port to listen on (default 4010; 0 picks a free one)
  --models      serve N synthetic models instead of the Claude catalogue
  --api-key     accept only this x-api-key (default: any non-empty key)
  --fault-rate  inject random faults (429, 500, 529, HTML 503, resets, slow, truncated JSON) at this rate
  --seed        seed for the fault schedule (default 1)`

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    models: { type: "string" },
    "api-key": { type: "string" },
    "fault-rate": { type: "string" },
    seed: { type: "string", default: "1" },
    help: { type: "boolean", default: false }
  }
})

const program = Effect.gen(function*() {
  if (values.help) return yield* Console.log(usage)
  const rate = values["fault-rate"] === undefined ? 0 : Number(values["fault-rate"])
  const server = yield* ModelsApiServer.serve({
    port: Number(values.port),
    models: values.models === undefined ? undefined : synthetic(Number(values.models)),
    apiKey: values["api-key"],
    faults: rate > 0
      ? { random: { seed: Number(values.seed), rate } }
      : undefined
  })
  yield* Console.log(`Models API mock listening on ${server.url} (Ctrl-C to stop)`)
  yield* Console.log(`  curl ${server.url}/v1/models -H "x-api-key: any" -H "anthropic-version: 2023-06-01"`)
  return yield* Effect.never
})

NodeRuntime.runMain(Effect.scoped(program))
