/**
 * What every runtime module of the acceptance driver exports, and what its run
 * reports before the driver prints it.
 */
import type * as CommandExecutor from "@effect/platform/CommandExecutor"
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { type Bundle, bundle } from "../../internal/esbuild.js"
import type { Edition } from "./edition.js"

/** What a runtime reported, after the driver's own checks. */
export interface RunResult {
  readonly ok: boolean
  readonly line: string
  /** The runtime's output, printed under the line when it failed. */
  readonly detail?: string
}

/** A run that ended before the runtime could report: it did not start, hung, or a server failed. */
export class RunFailure extends Data.TaggedError("RunFailure")<{
  readonly message: string
  readonly detail?: string
}> {}

/** The services a run uses; `NodeContext.layer` provides them all. */
export type Requirements = CommandExecutor.CommandExecutor | FileSystem.FileSystem | Path.Path

export interface Runtime {
  /** The name on the command line and at the start of the printed line. */
  readonly name: string
  /** An optional runtime's failure or absence is reported but does not fail the run. */
  readonly required: boolean
  readonly run: Effect.Effect<RunResult, RunFailure, Requirements>
}

/**
 * One ESM bundle of an acceptance entry file (relative to the edition's
 * platform package), unminified for readable stacks.
 */
export const buildBundle = (
  edition: Edition,
  entry: string,
  platform: "neutral" | "browser"
): Effect.Effect<Bundle, RunFailure> =>
  Effect.tryPromise({
    try: () => bundle({ entry, dir: edition.packageDir, platform, minify: false }),
    catch: (error) => new RunFailure({ message: `esbuild ${entry}: ${String(error)}` })
  })
