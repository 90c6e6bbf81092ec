import { Capabilities, ModelInfo, ModelsPage } from "@anthropic-effect/core/ModelInfo"
import { capabilityNames } from "@anthropic-effect/protocol/Json"
import * as MockApi from "@anthropic-effect/protocol/MockApi"
import { assert, describe, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { claudeAliases, claudeModels, synthetic } from "../src/Catalogue.js"

const decodeModel = Schema.decodeUnknownResult(ModelInfo)
const decodePage = Schema.decodeUnknownResult(ModelsPage)

describe("Catalogue (the protocol's data, read by core)", () => {
  it("names exactly the capabilities core's schema types", () => {
    assert.deepStrictEqual([...capabilityNames].sort(), Object.keys(Capabilities.schema.fields).sort())
  })

  it("every model decodes with core's schema", () => {
    for (const model of [...claudeModels, ...synthetic(50), ...synthetic(5, { detailed: false })]) {
      assert.isTrue(Result.isSuccess(decodeModel(model)), model.id)
    }
  })

  it("the mock's pages and models decode with core's schemas", () => {
    const api = MockApi.make()
    const headers = { "x-api-key": "k", "anthropic-version": "2023-06-01" }
    const base = "http://mock.test"
    for (const search of ["", "?limit=3", "?lifecycle[]=retired&limit=1000", "?before_id=claude-opus-4-20250514"]) {
      const answer = api.answer({ method: "GET", url: new URL(`/v1/models${search}`, base), headers })
      assert.strictEqual(answer._tag, "Ok", search)
      if (answer._tag === "Ok") assert.isTrue(Result.isSuccess(decodePage(answer.value)), search)
    }
    for (const alias of Object.keys(claudeAliases)) {
      const answer = api.answer({ method: "GET", url: new URL(`/v1/models/${alias}`, base), headers })
      assert.isTrue(answer._tag === "Ok" && Result.isSuccess(decodeModel(answer.value)), alias)
    }
  })
})
