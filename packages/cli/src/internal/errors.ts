// What ends a run other than success, and the one line each prints.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as ModelsError from "@anthropic-effect/core/ModelsError"
import * as Data from "effect/Data"

/** `check` or `diff` found something; what it found is printed already. */
export class Findings extends Data.TaggedError("Findings")<{ readonly count: number }> {}

/** Input the parser could not judge (a file that is not a listing); a usage error. */
export class BadInput extends Data.TaggedError("BadInput")<{ readonly message: string }> {}

export const exitCodes = { ok: 0, error: 1, usage: 2, findings: 3 } as const

/** One line: the tag, the message and the request id when there is one. Never a stack, never a key. */
export const oneLine = (error: unknown): string => {
  if (ModelsError.isModelsError(error)) return `error: ${ModelsError.describe(error)}`
  if (error instanceof ModelCatalog.ModelNotFoundError) {
    return `error: ModelNotFoundError: ${error.message}${
      error.requestId === undefined ? "" : ` (request-id ${error.requestId})`
    }`
  }
  if (typeof error === "object" && error !== null && "_tag" in error && "message" in error) {
    return `error: ${String(error._tag)}: ${String(error.message).split("\n")[0]}`
  }
  return `error: ${String(error).split("\n")[0]}`
}
