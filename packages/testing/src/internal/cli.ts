import * as Wire from "@anthropic-effect/protocol/Wire"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as Usage from "@effect/cli/Usage"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as MockCommand from "../MockCommand.js"

/** The program's name, as installed. */
export const name = "anthropic-models-mock"

/** The exit status for bad usage, as getopt-style tools use. */
export const usageExitCode = 2

/** The command under its installed name; `anthropic-models mock` is the same command. */
export const command = MockCommand.make(
  name,
  `${MockCommand.summary}. Also installed as \`anthropic-models mock\` by @anthropic-effect/cli.`
)

const usage = HelpDoc.toAnsiText(HelpDoc.blocks([
  ...Usage.enumerate(Command.getUsage(command), CliConfig.defaultConfig).map((line) =>
    HelpDoc.p(Span.concat(Span.text("Usage: "), line))
  ),
  HelpDoc.p(`Run ${name} --help for every option.`)
]))

/**
 * Runs the command on `argv` (as `process.argv`: runtime and script first).
 * Succeeds with the exit status: bad usage has been reported by then (the
 * CLI's one-line error, then the usage), and gives `usageExitCode`.
 */
export const run = (argv: ReadonlyArray<string>) =>
  Command.run(command, { name, version: `anthropic-version ${Wire.defaultApiVersion}` })(argv).pipe(
    Effect.as(0),
    Effect.catchIf(ValidationError.isValidationError, () => Effect.as(Console.error(usage), usageExitCode))
  )
