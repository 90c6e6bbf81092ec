// `anthropic-models mock`: the command of `anthropic-models-mock` (packages/testing),
// built from the same definition, so the two take the same flags.
import * as MockCommand from "@anthropic-effect/testing/MockCommand"

/** The mock command: serves until interrupted. */
export const mock = MockCommand.make("mock", `${MockCommand.summary} (as anthropic-models-mock does).`)
