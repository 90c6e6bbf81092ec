/**
 * Node entry of the Effect 4 edition's runtime acceptance:
 * `tsx test/acceptance/node.ts <apiUrl> <retryUrl> ...`, on Node 22 and Node 24.
 * Uses the undici client of `@anthropic-effect/platform/node`.
 */
import * as NodeModels from "@anthropic-effect/platform/node"
import { run, TARGET_USAGE, targetFromArgs } from "./acceptance.js"

// Node 22 and Node 24 run the same file; the label says which major version answered.
const runtime = `node${process.versions.node.split(".")[0]}`
const target = targetFromArgs(process.argv.slice(2))
if (target === undefined) {
  console.log(`${runtime}: FAIL usage: node.ts ${TARGET_USAGE}`)
  process.exitCode = 2
} else {
  const outcome = await run(runtime, NodeModels.layer, target)
  console.log(outcome.line)
  process.exitCode = outcome.ok ? 0 : 1
}
