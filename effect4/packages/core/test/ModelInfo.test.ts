/**
 * The ModelInfo schemas on the Effect 4 edition: the checks of
 * packages/core/test/shared/modelInfoCases.ts (one copy, shared with the
 * Effect 3 edition) over this edition's decoders, and the check of the types
 * the schema gives.
 */
import * as Json from "@anthropic-effect/protocol/Json"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import * as M from "../../../../packages/core/test/shared/modelInfoCases.js"
import * as H from "../../../../packages/core/test/shared/modelsHarness.js"
import { decodeModel, decodePage } from "../src/internal/decode.js"
import {
  Capabilities,
  type CapabilityName,
  type CapabilityPath,
  ErrorResponse,
  ModelInfo,
  ModelsPage
} from "../src/ModelInfo.js"

const edition: M.Edition<DateTime.Utc> = {
  assert,
  millis: DateTime.toEpochMillis,
  modelInfo: Schema.decodeUnknownResult(ModelInfo),
  capabilities: Schema.decodeUnknownResult(Capabilities),
  modelsPage: Schema.decodeUnknownResult(ModelsPage),
  errorResponse: Schema.decodeUnknownResult(ErrorResponse),
  decodeModel,
  decodePage,
  fixtures: new URL("./fixtures/", import.meta.url)
}

H.register(describe, M.groups(edition), (check) => it(check.name, check.run))

describe("Capabilities", () => {
  it("names and paths are typed from the schema", () => {
    // The protocol's list must type as the schema's names, and hold all of them.
    const names: ReadonlyArray<CapabilityName> = Json.capabilityNames
    assert.sameMembers([...names], Object.keys(Capabilities.schema.fields))
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
