/**
 * Bun, from the edition's `bun` devDependency: it runs the TypeScript sources
 * directly (mapping the `.js` specifiers to `.ts`), through its native fetch.
 */
import * as Effect from "effect/Effect"
import { targetToArgs } from "../../test/acceptance/acceptance.js"
import type { Edition } from "./internal/edition.js"
import { bin, resultOf, runProcess } from "./internal/process.js"
import type { Runtime } from "./internal/runtime.js"
import { withServers } from "./internal/servers.js"

export const bun = (edition: Edition): Runtime => ({
  name: "bun",
  required: true,
  run: Effect.flatMap(bin(edition, "bun"), (bun) =>
    withServers("readable", (target) =>
      Effect.map(
        runProcess(bun, ["test/acceptance/bun.ts", ...targetToArgs(target)], {
          cwd: edition.packageDir,
          timeout: "90 seconds"
        }),
        (output) => resultOf("bun", output)
      )))
})
