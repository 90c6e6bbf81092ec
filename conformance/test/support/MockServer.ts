/**
 * Starts a third-party mock server (steady, Prism) as a child process on
 * 127.0.0.1, waits for it with a bounded loop, and kills it (its whole process
 * group) when the scope closes. Nothing here talks to anything but loopback.
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as ChildProcess from "node:child_process"
import { createRequire } from "node:module"
import * as Net from "node:net"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

/** The conformance package's directory. */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** The copy of the spec that travels with the tests. */
export const specPath = Path.join(packageDir, "spec", "models.openapi.yaml")

export class MockServerError extends Data.TaggedError("MockServerError")<{
  readonly message: string
}> {}

export interface MockServer {
  readonly name: string
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  readonly pid: number
  /** The last 64 KiB the process printed, for diagnostics. */
  readonly output: () => string
}

const require = createRequire(import.meta.url)

/**
 * The steady binary itself. `@stdy/cli`'s `steady.js` is a Node wrapper that
 * spawns the platform binary; running the binary directly leaves one process
 * to kill. Falls back to the wrapper on platforms without a binary package.
 */
export const steadyCommand = (): { readonly command: string; readonly args: ReadonlyArray<string> } => {
  const cliManifest = require.resolve("@stdy/cli/package.json")
  try {
    const platformManifest = createRequire(cliManifest).resolve(
      `@stdy/cli-${process.platform}-${process.arch}/package.json`
    )
    const binary = process.platform === "win32" ? "steady.exe" : "steady"
    return { command: Path.join(Path.dirname(platformManifest), "bin", binary), args: [] }
  } catch {
    return { command: process.execPath, args: [Path.join(Path.dirname(cliManifest), "steady.js")] }
  }
}

/** Prism's CLI entry point, run with this Node. */
export const prismCommand = (): { readonly command: string; readonly args: ReadonlyArray<string> } => ({
  command: process.execPath,
  args: [Path.join(Path.dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js")]
})

/** A port that was free on 127.0.0.1 a moment ago. */
export const freePort: Effect.Effect<number, MockServerError> = Effect.async<number, MockServerError>((resume) => {
  const server = Net.createServer()
  server.unref()
  server.once(
    "error",
    (error) => resume(Effect.fail(new MockServerError({ message: `no free port: ${error.message}` })))
  )
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() =>
      resume(port > 0 ? Effect.succeed(port) : Effect.fail(new MockServerError({ message: "no port assigned" })))
    )
  })
})

const outputLimit = 64 * 1024

interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly output: () => string
  readonly exited: () => boolean
}

const isRunning = (child: ChildProcess.ChildProcess): boolean => child.exitCode === null && child.signalCode === null

const waitForExit = (child: ChildProcess.ChildProcess, timeout: Duration.DurationInput): Effect.Effect<boolean> =>
  isRunning(child)
    ? Effect.async<boolean>((resume) => {
      const onExit = () => resume(Effect.succeed(true))
      child.once("exit", onExit)
      return Effect.sync(() => child.off("exit", onExit))
    }).pipe(Effect.timeoutTo({ duration: timeout, onTimeout: () => false, onSuccess: (exited) => exited }))
    : Effect.succeed(true)

const signalGroup = (child: ChildProcess.ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined) return
  try {
    // The child leads its own process group (detached), so this reaches anything it spawned too.
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the group, at most 3 s of grace, then SIGKILL. */
const stop = (running: Running): Effect.Effect<void> =>
  Effect.gen(function*() {
    const { child } = running
    if (!isRunning(child)) return
    signalGroup(child, "SIGTERM")
    if (yield* waitForExit(child, Duration.seconds(3))) return
    signalGroup(child, "SIGKILL")
    yield* waitForExit(child, Duration.seconds(2))
  })

const spawnProcess = (
  name: string,
  command: string,
  args: ReadonlyArray<string>
): Effect.Effect<Running, MockServerError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: (): Running => {
        let output = ""
        const child = ChildProcess.spawn(command, [...args], {
          cwd: packageDir,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
        })
        const append = (chunk: Buffer) => {
          output += chunk.toString("utf8")
          if (output.length > outputLimit) output = output.slice(-outputLimit)
        }
        child.stdout?.on("data", append)
        child.stderr?.on("data", append)
        child.on("error", (error) => append(Buffer.from(`\n[${name}] spawn error: ${error.message}\n`)))
        return { child, output: () => output, exited: () => !isRunning(child) }
      },
      catch: (error) => new MockServerError({ message: `could not start ${name}: ${String(error)}` })
    }),
    stop
  )

class NotReady extends Data.TaggedError("NotReady")<{ readonly detail: string }> {}

/**
 * Polls `url + readyPath` until the server answers with any HTTP status, the
 * process exits, or `timeout` passes.
 */
const waitUntilReady = (
  name: string,
  running: Running,
  url: string,
  readyPath: string,
  timeout: Duration.Duration
): Effect.Effect<void, MockServerError> => {
  const intervalMillis = 100
  const attempts = Math.ceil(Duration.toMillis(timeout) / intervalMillis)
  const probe = Effect.suspend((): Effect.Effect<void, MockServerError | NotReady> => {
    if (running.exited()) {
      return Effect.fail(new MockServerError({ message: `${name} exited before it was ready:\n${running.output()}` }))
    }
    return Effect.tryPromise({
      try: (signal) => fetch(url + readyPath, { signal: AbortSignal.any([signal, AbortSignal.timeout(1000)]) }),
      catch: (error) => new NotReady({ detail: String(error) })
    }).pipe(Effect.flatMap((response) => Effect.promise(() => response.arrayBuffer())), Effect.asVoid)
  })
  return probe.pipe(
    Effect.retry({
      schedule: Schedule.spaced(Duration.millis(intervalMillis)),
      times: attempts,
      while: (error) => error._tag === "NotReady"
    }),
    Effect.catchTag("NotReady", (error) =>
      Effect.fail(
        new MockServerError({
          message: `${name} did not answer on ${url} within ${
            Duration.format(timeout)
          } (${error.detail}):\n${running.output()}`
        })
      ))
  )
}

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
 * Tries up to three ports, in case another process takes the first one
 * between the probe and the server's bind.
 */
export const start = (options: StartOptions): Effect.Effect<MockServer, MockServerError, Scope.Scope> =>
  Effect.gen(function*() {
    const port = yield* freePort
    const url = `http://127.0.0.1:${port}`
    const args = options.args.map((arg) => arg.replaceAll("{port}", String(port)))
    const running = yield* spawnProcess(options.name, options.command, args)
    yield* waitUntilReady(options.name, running, url, options.readyPath, Duration.decode(options.readyTimeout)).pipe(
      // A server that never came up is stopped now, not when the scope closes.
      Effect.tapError(() => stop(running))
    )
    return {
      name: options.name,
      url,
      pid: running.child.pid ?? -1,
      output: running.output
    }
  }).pipe(Effect.retry({ times: 2 }))
