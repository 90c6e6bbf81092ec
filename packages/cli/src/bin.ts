/**
 * The `anthropic-models` bin.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Runtime from "@effect/platform/Runtime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Cli from "./index.js"

NodeRuntime.runMain(Effect.provide(Cli.run(process.argv), Layer.merge(NodeContext.layer, Cli.layerTty)), {
  disableErrorReporting: true,
  // The exit status is the program's; Ctrl-C (an interruption) ends with 0 as every Effect program does.
  teardown: (exit, onExit) =>
    Exit.isSuccess(exit) && typeof exit.value === "number"
      ? onExit(exit.value)
      : Runtime.defaultTeardown(exit, onExit)
})
