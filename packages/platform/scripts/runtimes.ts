/**
 * Runtime acceptance driver: runs `test/acceptance/acceptance.ts` on
 * Node, Bun, Deno and headless Chromium, each against servers of its own on
 * 127.0.0.1, and prints one line per runtime.
 *
 *   cd packages/platform && npx tsx scripts/runtimes.ts [runtime ...]
 *
 * Runtimes: node (the Node running this script), bun, deno, chromium, and
 * node22 (optional: fetched with `npx -y node@22`; its failure or absence
 * does not fail the run). With no arguments all of them run. Exits 1 if a
 * required runtime fails. How each one is run is in `runtimes/<name>.ts`.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { bun } from "./runtimes/bun.js"
import { chromium } from "./runtimes/chromium.js"
import { deno } from "./runtimes/deno.js"
import type { RunResult, Runtime } from "./runtimes/internal/runtime.js"
import { label as nodeLabel, node, node22 } from "./runtimes/node.js"

const runtimes: ReadonlyArray<Runtime> = [node, node22, bun, deno, chromium]

/** Runs the runtimes named on the command line, or all; succeeds with whether every required one passed. */
const main = Effect.gen(function*() {
  const wanted = process.argv.slice(2).map((name) => name === "node" ? nodeLabel : name)
  const unknown = wanted.filter((name) => !runtimes.some((runtime) => runtime.name === name))
  if (unknown.length > 0) {
    yield* Console.log(`unknown runtime(s): ${unknown.join(", ")}; known: ${runtimes.map((r) => r.name).join(", ")}`)
    return false
  }
  const selected = wanted.length === 0 ? runtimes : runtimes.filter((runtime) => wanted.includes(runtime.name))
  const started = Date.now()
  let failed = 0
  for (const runtime of selected) {
    const result = yield* runtime.run.pipe(
      Effect.catchAll((failure) =>
        Effect.succeed<RunResult>({
          ok: false,
          line: `${runtime.name}: FAIL ${failure.message}`,
          ...(failure.detail === undefined ? {} : { detail: failure.detail })
        })
      )
    )
    const optional = runtime.required ? "" : " (optional)"
    yield* Console.log(`${result.line}${optional}`)
    if (!result.ok && result.detail !== undefined && result.detail !== "") {
      yield* Console.log(result.detail.split("\n").map((text) => `    ${text}`).join("\n"))
    }
    if (!result.ok && runtime.required) failed++
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  yield* Console.log(`runtimes: ${failed === 0 ? "ok" : `${failed} required runtime(s) failed`} (${seconds} s)`)
  return failed === 0
})

// runMain interrupts the run on SIGINT or SIGTERM, so the runtimes' processes
// and the servers are stopped rather than orphaned. A failed run is reported
// as a line like any other, not as runMain's error log.
NodeRuntime.runMain(
  main.pipe(
    Effect.catchAllCause((cause) => Effect.as(Console.log(`runtimes: FAIL ${Cause.pretty(cause)}`), false)),
    Effect.flatMap((ok) => Effect.sync(() => process.exitCode = ok ? 0 : 1)),
    Effect.onInterrupt(() => Console.log("runtimes: interrupted")),
    Effect.provide(NodeContext.layer)
  ),
  {
    disableErrorReporting: true,
    // runMain's default exit code for an interrupted run is 0, which would read as a pass.
    teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? 0 : Cause.isInterruptedOnly(exit.cause) ? 130 : 1)
  }
)
