/**
 * Node: tsx runs the TypeScript sources, with the undici client of
 * `@anthropic-effect/platform/node`. `node` is the Node running the driver;
 * `node22` is npm's `node@22` and optional.
 */
import * as Effect from "effect/Effect"
import { createRequire } from "node:module"
import { targetToArgs } from "../../test/acceptance/acceptance.js"
import { resultOf, runProcess } from "./internal/process.js"
import type { Runtime } from "./internal/runtime.js"
import { withServers } from "./internal/servers.js"

// The CLI itself, run by the Node under test: `npx tsx` would run it on whichever Node is on the PATH.
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli")

const run = (label: string, nodeBinary: string): Runtime["run"] =>
  withServers("readable", (target) =>
    Effect.map(
      runProcess(nodeBinary, [tsxCli, "test/acceptance/node.ts", ...targetToArgs(target)], "90 seconds"),
      (output) => resultOf(label, output)
    ))

/** The label of the Node running the driver, e.g. `node20`; `node` on the command line means it. */
export const label = `node${process.versions.node.split(".")[0]}`

export const node: Runtime = { name: label, required: true, run: run(label, process.execPath) }

/**
 * Node 22 from npm's `node` package, if the registry (or npm's cache) has it.
 * Its absence is reported, not a failure.
 */
const findNode22 = Effect.map(
  runProcess("npx", ["-y", "node@22", "-p", "process.execPath"], "120 seconds"),
  (output) => {
    const path = output.stdout.trim().split("\n").at(-1)
    return output.exit === 0 && path !== undefined && path.startsWith("/") ? path : undefined
  }
)

export const node22: Runtime = {
  name: "node22",
  required: false,
  run: Effect.flatMap(findNode22, (path) =>
    path === undefined
      ? Effect.succeed({ ok: false, line: "node22: skipped (npx -y node@22 is not available)" })
      : run("node22", path))
}
