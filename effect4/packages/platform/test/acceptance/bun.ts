/**
 * Bun entry of the Effect 4 edition's runtime acceptance:
 * `bun test/acceptance/bun.ts <apiUrl> <retryUrl> ...`.
 * Bun runs the TypeScript sources directly (it maps the `.js` import
 * specifiers to the `.ts` files), through Bun's native `fetch`.
 */
import * as BunModels from "@anthropic-effect/platform/bun"
import { run, TARGET_USAGE, targetFromArgs } from "./acceptance.js"

const target = targetFromArgs(process.argv.slice(2))
if (target === undefined) {
  console.log(`bun: FAIL usage: bun.ts ${TARGET_USAGE}`)
  process.exitCode = 2
} else {
  const outcome = await run("bun", BunModels.layer, target)
  console.log(outcome.line)
  process.exitCode = outcome.ok ? 0 : 1
}
