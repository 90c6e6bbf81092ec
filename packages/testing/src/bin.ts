/**
 * `anthropic-models-mock`: the mock Models API as a standalone server, for
 * people testing without Effect (curl, the official SDKs, other languages).
 * The same command as `anthropic-models mock` of @anthropic-effect/cli, for
 * those who install only this package.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Runtime from "@effect/platform/Runtime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Cli from "./internal/cli.js"

NodeRuntime.runMain(Effect.provide(Cli.run(process.argv), NodeContext.layer), {
  // The program ends with its exit status only on bad usage; everything else
  // (a port in use, Ctrl-C) exits the way every Effect program does.
  teardown: (exit, onExit) =>
    Exit.isSuccess(exit) && typeof exit.value === "number"
      ? onExit(exit.value)
      : Runtime.defaultTeardown(exit, onExit)
})
