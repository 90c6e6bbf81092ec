/**
 * A third-party mock server (steady, Prism) for the Effect 4 suite: the
 * process management shared with the Effect 3 suite
 * (`conformance/test/support/MockProcess.ts`, plain TypeScript), as a scoped
 * Effect that stops the server, its whole process group, when the scope
 * closes. The servers are the ones this package installs, and they serve the
 * one spec both editions are tested against (`conformance/spec`).
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { fileURLToPath } from "node:url"
import * as MockProcess from "../../../../conformance/test/support/MockProcess.js"

export type { MockServer } from "../../../../conformance/test/support/MockProcess.js"
export { specPath } from "../../../../conformance/test/support/MockProcess.js"

/** This package's directory, from which its own `@stdy/cli` and `@stoplight/prism-cli` resolve. */
const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** The steady binary of this package's `@stdy/cli`. */
export const steadyCommand = (): MockProcess.Command => MockProcess.steadyCommand(packageDir)

/** This package's Prism CLI, run with this Node. */
export const prismCommand = (): MockProcess.Command => MockProcess.prismCommand(packageDir)

export class MockServerError extends Data.TaggedError("MockServerError")<{
  readonly message: string
}> {}

export interface StartOptions {
  readonly name: string
  readonly command: string
  /** Arguments; `{port}` is replaced by the chosen port. */
  readonly args: ReadonlyArray<string>
  /** A path that answers (any status) once the server is up. */
  readonly readyPath: string
  readonly readyTimeout: Duration.Input
}

/**
 * Starts the server on a free port of 127.0.0.1; the process is killed when
 * the scope closes, whether the tests passed, failed or were interrupted.
 */
export const start = (options: StartOptions): Effect.Effect<MockProcess.MockServer, MockServerError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: (signal) =>
        MockProcess.start({ ...options, readyTimeoutMillis: Duration.toMillis(options.readyTimeout) }, signal),
      catch: (error) => new MockServerError({ message: error instanceof Error ? error.message : String(error) })
    }),
    (server) => Effect.promise(() => server.stop())
  ).pipe(Effect.map(({ name, output, pid, url }): MockProcess.MockServer => ({ name, url, pid, output })))
