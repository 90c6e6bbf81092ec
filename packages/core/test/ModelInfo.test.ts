/**
 * The ModelInfo schemas on the Effect 3 edition: the checks of
 * ./shared/modelInfoCases.ts (shared with the Effect 4 edition) over this
 * edition's decoders, and the check of the types the schema gives.
 */
import * as Json from "@anthropic-effect/protocol/Json"
import { assert, describe, it } from "@effect/vitest"
import type * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import { decodeModel, decodePage } from "../src/internal/decode.js"
import {
  Capabilities,
  type CapabilityName,
  type CapabilityPath,
  ErrorResponse,
  ModelInfo,
  ModelsPage
} from "../src/ModelInfo.js"
import * as M from "./shared/modelInfoCases.js"
import * as H from "./shared/modelsHarness.js"

const edition: M.Edition<DateTime.Utc> = {
  assert,
  millis: (utc) => utc.epochMillis,
  modelInfo: Schema.decodeUnknownEither(ModelInfo),
  capabilities: Schema.decodeUnknownEither(Capabilities),
  modelsPage: Schema.decodeUnknownEither(ModelsPage),
  errorResponse: Schema.decodeUnknownEither(ErrorResponse),
  decodeModel,
  decodePage,
  fixtures: new URL("./fixtures/", import.meta.url)
}

H.register(describe, M.groups(edition), (check) => it(check.name, check.run))

describe("Capabilities", () => {
  it("names and paths are typed from the schema", () => {
    // The protocol's list must type as the schema's names, and hold all of them.
    const names: ReadonlyArray<CapabilityName> = Json.capabilityNames
    assert.sameMembers([...names], Object.keys(Capabilities.fields))
    const paths: ReadonlyArray<CapabilityPath> = [...names, ...M.entryPaths]
    // @ts-expect-error thinking.types has no `supported`, so it is not a capability
    const notCapability: CapabilityPath = M.untyped.notCapability
    // @ts-expect-error a path ends at a capability, not at its `supported`
    const supportedField: CapabilityPath = M.untyped.supportedField
    // @ts-expect-error unknown capabilities are kept but not typed
    const unknownName: CapabilityName = M.untyped.unknownName
    M.checkTyped(assert, paths, [notCapability, supportedField, unknownName])
  })
})
