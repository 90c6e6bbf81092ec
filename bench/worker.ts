/**
 * The measuring process. `run.ts` bundles this file to plain JavaScript and
 * starts it with `node --expose-gc`, once per warm scenario and once per
 * memory run, so no scenario inherits another's heap. The result is the last
 * line of stdout, after `RESULT `.
 */
import { decodeOnly, type DecodeOnlyArgs } from "./scenarios/decodeOnly.js"
import { memory, type MemoryArgs } from "./scenarios/memory.js"
import {
  closeAll,
  firstModel,
  type FirstModelArgs,
  latency,
  type LatencyArgs,
  retrieves,
  type RetrievesArgs,
  throughput,
  throughputAlone,
  type ThroughputArgs,
  type ThroughputOneArgs
} from "./scenarios/warm.js"

export const resultMarker = "RESULT "

const main = async (): Promise<unknown> => {
  const [scenario = "", json = "{}"] = process.argv.slice(2)
  switch (scenario) {
    case "throughput": {
      const args: ThroughputArgs = JSON.parse(json)
      return throughput(args)
    }
    case "throughput-alone": {
      const args: ThroughputOneArgs = JSON.parse(json)
      return throughputAlone(args)
    }
    case "decode-only": {
      const args: DecodeOnlyArgs = JSON.parse(json)
      return decodeOnly(args)
    }
    case "latency": {
      const args: LatencyArgs = JSON.parse(json)
      return latency(args)
    }
    case "first-model": {
      const args: FirstModelArgs = JSON.parse(json)
      return firstModel(args)
    }
    case "retrieves": {
      const args: RetrievesArgs = JSON.parse(json)
      return retrieves(args)
    }
    case "memory": {
      const args: MemoryArgs = JSON.parse(json)
      return memory(args)
    }
    default:
      throw new Error(`unknown scenario ${JSON.stringify(scenario)}`)
  }
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
