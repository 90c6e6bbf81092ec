// Runs the command tree on argv and turns every outcome into an exit status.
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as Usage from "@effect/cli/Usage"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { command, name, usages } from "./commands.js"
import { exitCodes, oneLine } from "./errors.js"
import { version } from "./version.js"

const lineOf = (usage: Usage.Usage): string =>
  Usage.enumerate(usage, CliConfig.defaultConfig).map((line) => HelpDoc.toAnsiText(HelpDoc.p(line)).trim()).join(" ")

// The usage of the subcommand named on the command line, else the list of commands.
const usageOf = (args: ReadonlyArray<string>): string => {
  const named = usages.find(([key]) => args.includes(key))
  const lines = named === undefined
    ? [`${name} [global options] <${usages.map(([key]) => key).join("|")}> [options]`]
    : [`${name} [global options] ${lineOf(named[1])}`]
  return HelpDoc.toAnsiText(HelpDoc.blocks([
    ...lines.map((line) => HelpDoc.p(Span.text(`Usage: ${line}`))),
    HelpDoc.p(`Run ${name}${named === undefined ? "" : ` ${named[0]}`} --help for every option.`)
  ])).trimEnd()
}

export const run = (argv: ReadonlyArray<string>) =>
  Command.run(command, { name, version })(argv).pipe(
    Effect.as(exitCodes.ok),
    Effect.catchAll((error) => {
      if (ValidationError.isValidationError(error)) {
        // @effect/cli has printed what is wrong; the usage follows.
        return Effect.as(Console.error(usageOf(argv.slice(2))), exitCodes.usage)
      }
      switch (error._tag) {
        case "Findings":
          return Effect.succeed(exitCodes.findings)
        case "BadInput":
          return Effect.as(
            Effect.zipRight(Console.error(error.message), Console.error(usageOf(argv.slice(2)))),
            exitCodes.usage
          )
        default:
          return Effect.as(Console.error(oneLine(error)), exitCodes.error)
      }
    }),
    // A defect is a bug, but it still gets one line and no stack; Ctrl-C stays an interruption.
    Effect.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause)
        ? Effect.failCause(cause)
        : Effect.as(Console.error(oneLine(Cause.squash(cause))), exitCodes.error)
    )
  )
