/**
 * Deno entry of the Effect 4 edition's runtime acceptance. The driver bundles
 * it with esbuild (the workspace exports TypeScript with `.js` specifiers,
 * which Deno does not map without sloppy imports) and runs
 * `deno run --allow-net=127.0.0.1 bundle.js <apiUrl> <retryUrl> ...`: no other
 * permission, so any read of the environment or the disk would fail the run.
 */
import * as DenoModels from "@anthropic-effect/platform/deno"
import { run, TARGET_USAGE, targetFromArgs } from "./acceptance.js"

// The part of Deno's global this file uses; the workspace does not load Deno's types.
declare const Deno: {
  readonly args: ReadonlyArray<string>
  readonly exit: (code: number) => never
}

const target = targetFromArgs(Deno.args)
if (target === undefined) {
  console.log(`deno: FAIL usage: bundle.js ${TARGET_USAGE}`)
  Deno.exit(2)
} else {
  const outcome = await run("deno", DenoModels.layer, target)
  console.log(outcome.line)
  Deno.exit(outcome.ok ? 0 : 1)
}
