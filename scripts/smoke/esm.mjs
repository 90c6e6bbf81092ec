// ESM consumer of the packed packages: list the models of a loopback ModelsApiServer
// through @anthropic-effect/platform/node, and check a typed failure with a wrong key.
import { Models, ModelsError } from "@anthropic-effect/core"
import * as NodeModels from "@anthropic-effect/platform/node"
import { Catalogue, ModelsApiServer } from "@anthropic-effect/testing"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import run from "./program.cjs"

await run("esm", { Catalogue, Effect, Models, ModelsApiServer, ModelsError, NodeModels, Stream })
