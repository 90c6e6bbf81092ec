/**
 * The measuring process. `run.ts` bundles this file to plain JavaScript and
 * starts it with `node --expose-gc`, once per warm scenario and once per
 * memory run, so no scenario inherits another's heap. The result is the last
 * line of stdout, after `RESULT `.
 */
import { decodeOnly } from "./scenarios/decodeOnly.js"
import { memory } from "./scenarios/memory.js"
import {
  closeAll,
  firstModel,
  latency,
  retrieves,
  retrievesAlone,
  throughput,
  throughputAlone
} from "./scenarios/warm.js"

export const resultMarker = "RESULT "

// `run.ts` builds each scenario's arguments with the scenario's own type and
// sends them as JSON, so the parsed value is handed on as that type.
const fromJson = <A>(scenario: (args: A) => Promise<unknown>) => (json: string): Promise<unknown> =>
  scenario(JSON.parse(json))

const scenarios: Readonly<Record<string, (json: string) => Promise<unknown>>> = {
  "throughput": fromJson(throughput),
  "throughput-alone": fromJson(throughputAlone),
  "decode-only": fromJson(decodeOnly),
  "latency": fromJson(latency),
  "first-model": fromJson(firstModel),
  "retrieves": fromJson(retrieves),
  "retrieves-alone": fromJson(retrievesAlone),
  "memory": fromJson(memory)
}

const main = async (): Promise<unknown> => {
  const [scenario = "", json = "{}"] = process.argv.slice(2)
  const run = scenarios[scenario]
  if (run === undefined) throw new Error(`unknown scenario ${JSON.stringify(scenario)}`)
  return run(json)
}

main().then(
  async (result) => {
    await closeAll()
    process.stdout.write(`\n${resultMarker}${JSON.stringify(result)}\n`)
    process.exit(0)
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
