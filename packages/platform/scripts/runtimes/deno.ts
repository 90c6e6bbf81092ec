/**
 * Deno, from the edition's `deno` devDependency, runs an esbuild bundle: the
 * workspace's `.js` specifiers for `.ts` files would need sloppy imports.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import { targetToArgs } from "../../test/acceptance/acceptance.js"
import type { Edition } from "./internal/edition.js"
import { bin, childEnv, resultOf, runProcess } from "./internal/process.js"
import { buildBundle, RunFailure, type Runtime } from "./internal/runtime.js"
import { withServers } from "./internal/servers.js"

export const deno = (edition: Edition): Runtime => ({
  name: "deno",
  required: true,
  run: Effect.scoped(
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path
      const built = yield* buildBundle(edition, "test/acceptance/deno.ts", "neutral")
      const dir = yield* fs.makeTempDirectoryScoped({ prefix: "anthropic-effect-runtimes-" })
      const file = path.join(dir, "deno-acceptance.js")
      yield* fs.writeFile(file, built.code)
      const deno = yield* bin(edition, "deno")
      return yield* withServers("readable", (target) =>
        Effect.map(
          runProcess(
            deno,
            [
              "run",
              // No config, no npm, no remote modules: the bundle is all there is.
              "--no-config",
              "--no-npm",
              "--no-remote",
              "--no-prompt",
              "--allow-net=127.0.0.1",
              file,
              ...targetToArgs(target)
            ],
            {
              cwd: edition.packageDir,
              timeout: "90 seconds",
              // A cache of its own, removed with the bundle: nothing from an earlier run is reused.
              env: childEnv({ DENO_DIR: path.join(dir, "deno-dir") })
            }
          ),
          (output) => resultOf("deno", output)
        ))
    }).pipe(
      Effect.mapError((error) =>
        error._tag === "RunFailure" ? error : new RunFailure({ message: `temporary bundle: ${error.message}` })
      )
    )
  )
})
