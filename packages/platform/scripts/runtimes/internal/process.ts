/**
 * The runtimes' child processes, through @effect/platform's `Command`: each in
 * its own process group, with a scrubbed environment and a time limit.
 */
import * as Command from "@effect/platform/Command"
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import * as Path from "@effect/platform/Path"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Edition } from "./edition.js"
import { RunFailure, type RunResult } from "./runtime.js"

/** The child's environment: no Anthropic credentials, no telemetry, no update checks. */
export const childEnv = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("ANTHROPIC_")) env[name] = value
  }
  return { ...env, NO_COLOR: "1", DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", ...extra }
}

/** A binary from the edition's platform package's devDependencies, so CI needs no global Bun or Deno. */
export const bin = (edition: Edition, name: string): Effect.Effect<string, never, Path.Path> =>
  Effect.map(Path.Path, (path) => path.join(edition.packageDir, "node_modules", ".bin", name))

export interface ProcessOutput {
  /** The exit code, or `signal` when the process was killed. */
  readonly exit: number | "signal"
  readonly stdout: string
  readonly stderr: string
}

export interface ProcessOptions {
  /** The working directory: the platform package of the edition under test. */
  readonly cwd: string
  readonly timeout: Duration.DurationInput
  /** Default `childEnv()`. */
  readonly env?: Readonly<Record<string, string>>
}

/**
 * Runs a process and waits for it and its output, at most `timeout`. Its
 * process group is killed when the run ends however it ends, so a runtime that
 * hangs (or a helper it started) cannot outlive the driver.
 */
export const runProcess = (
  command: string,
  args: ReadonlyArray<string>,
  { cwd, env = childEnv(), timeout }: ProcessOptions
): Effect.Effect<ProcessOutput, RunFailure, CommandExecutor.CommandExecutor | Path.Path> =>
  Effect.scoped(
    Effect.gen(function*() {
      const path = yield* Path.Path
      const child = yield* Command.make(command, ...args).pipe(
        Command.workingDirectory(cwd),
        Command.env(env, { extendEnv: false }),
        // EOF at once, as /dev/null would give: no runtime here reads its input.
        Command.stdin(Stream.empty),
        Command.start,
        Effect.mapError((error) => new RunFailure({ message: `cannot start ${command}: ${error.message}` }))
      )
      // The executor kills the group only of a child still running or failed;
      // one that passed may have left a helper behind, which must not linger.
      yield* Effect.addFinalizer(() => Effect.ignore(child.kill("SIGKILL")))
      let stdout = ""
      let stderr = ""
      const collect = (output: typeof child.stdout, append: (text: string) => void) =>
        output.pipe(Stream.decodeText(), Stream.runForEach((text) => Effect.sync(() => append(text))))
      const [, , exit] = yield* Effect.all([
        collect(child.stdout, (text) => stdout += text),
        collect(child.stderr, (text) => stderr += text),
        // A code-less exit is the only way `exitCode` fails once the process has started.
        Effect.orElseSucceed(child.exitCode, (): "signal" => "signal")
      ], { concurrency: "unbounded" }).pipe(
        Effect.mapError((error) =>
          new RunFailure({ message: `${command}: ${error.message}`, detail: stdout + stderr })
        ),
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new RunFailure({
              message: `${path.basename(command)} did not finish within ${Duration.format(Duration.decode(timeout))}`,
              detail: stdout + stderr
            })
        })
      )
      return { exit, stdout, stderr }
    })
  )

/** The runtime's one-line result from its output, and whether it passed. */
export const resultOf = (runtime: string, output: ProcessOutput): RunResult => {
  const line = output.stdout.split("\n").find((text) => text.startsWith(`${runtime}: `))
  const detail = `${output.stdout}${output.stderr}`.trim()
  const exit = output.exit === "signal" ? "killed by a signal" : `exit ${output.exit}`
  if (line === undefined) return { ok: false, line: `${runtime}: FAIL no result line (${exit})`, detail }
  if (output.exit !== 0) return { ok: false, line: `${line} [${exit}]`, detail }
  return { ok: line.startsWith(`${runtime}: ok `), line, detail }
}
