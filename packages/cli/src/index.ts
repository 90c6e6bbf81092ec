/**
 * `anthropic-models`, the CLI, as a program to run from code: the command
 * tree and `run`, which parses argv and gives the exit status.
 *
 * @since 0.1.0
 */
import type * as CliApp from "@effect/cli/CliApp"
import type * as Effect from "effect/Effect"
import * as App from "./internal/app.js"
import * as Commands from "./internal/commands.js"
import * as Errors from "./internal/errors.js"
import * as Terminal from "./internal/terminal.js"

/**
 * The name the bin is installed under.
 *
 * @since 0.1.0
 * @category constants
 */
export const name: string = Commands.name

/**
 * The exit statuses: 0 ok, 1 an API or network error, 2 a usage error, 3
 * `check` or `diff` found something.
 *
 * @since 0.1.0
 * @category constants
 */
export const exitCodes: typeof Errors.exitCodes = Errors.exitCodes

/**
 * The command tree (list, get, resolve, check, diff, watch, mock), for
 * `Command.run` or to nest under a command of your own.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Commands.command

/**
 * What `run` reads beyond `@effect/cli`'s environment: the width of stdout
 * and whether stderr is a terminal.
 *
 * @since 0.1.0
 * @category tags
 */
export const Tty: typeof Terminal.Tty = Terminal.Tty

/**
 * `Tty` from the process's own stdout and stderr (`COLUMNS` when stdout is
 * not a terminal).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTty = Terminal.layerProcess

/**
 * Runs the CLI on `argv` (as `process.argv`: runtime and script first) and
 * succeeds with the exit status. Everything is printed by then: output on
 * stdout, one line per error on stderr.
 *
 * @since 0.1.0
 * @category running
 */
export const run: (
  argv: ReadonlyArray<string>
) => Effect.Effect<number, never, CliApp.CliApp.Environment | Terminal.Tty> = App.run
