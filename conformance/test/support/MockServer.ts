/**
 * A third-party mock server (steady, Prism) for the Effect 3 suite: the
 * process management of `./MockProcess.ts` (shared with the Effect 4 edition),
 * as a scoped Effect that stops the server, its whole process group, when the
 * scope closes. Nothing here talks to anything but loopback.
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as MockProcess from "./MockProcess.js"

export { type MockServer, packageDir, prismCommand, specPath, steadyCommand } from "./MockProcess.js"

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
  readonly readyTimeout: Duration.DurationInput
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
