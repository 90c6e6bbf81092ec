import { assert, describe, it } from "@effect/vitest"
import * as Catalogue from "../src/Catalogue.js"
import { capabilityNames } from "../src/Json.js"
import * as Wire from "../src/Wire.js"

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/
const stages: ReadonlySet<string> = new Set(Wire.lifecycleStages)

const checkShape = (models: ReadonlyArray<Catalogue.Model>) => {
  const ids = models.map((model) => model.id)
  assert.strictEqual(new Set(ids).size, ids.length, "ids are unique")
  for (const model of models) {
    assert.strictEqual(model.type, "model")
    assert.match(model.created_at, rfc3339, model.id)
    if (model.lifecycle !== undefined) assert.isTrue(stages.has(model.lifecycle), model.id)
    if (model.capabilities !== undefined) {
      assert.deepStrictEqual(Object.keys(model.capabilities), [...capabilityNames], model.id)
    }
  }
  // Newest first, as the API lists them.
  for (let i = 1; i < models.length; i++) {
    assert.isTrue(Date.parse(models[i - 1]!.created_at) >= Date.parse(models[i]!.created_at), models[i]!.id)
  }
}

describe("Catalogue", () => {
  it("the Claude models: unique ids, newest first, every capability named, known stages", () => {
    checkShape(Catalogue.claudeModels)
    assert.isAbove(Catalogue.claudeModels.length, 10)
    for (const model of Catalogue.claudeModels) {
      assert.isTrue(model.deprecated_at === null || model.lifecycle !== "active", `${model.id} is deprecated`)
      if (model.lifecycle === "retired") assert.isString(model.retires_at, model.id)
    }
  })

  it("every alias resolves to a model of the catalogue, and no alias is an id", () => {
    const ids = new Set(Catalogue.claudeModels.map((model) => model.id))
    for (const [alias, id] of Object.entries(Catalogue.claudeAliases)) {
      assert.isTrue(ids.has(id), `${alias} -> ${id}`)
      assert.isFalse(ids.has(alias), alias)
    }
  })

  it("synthetic catalogues: deterministic, unique ids, newest first, all listed by default", () => {
    const models = Catalogue.synthetic(500)
    assert.strictEqual(models.length, 500)
    checkShape(models)
    assert.deepStrictEqual(Catalogue.synthetic(500), models)
    assert.strictEqual(models[42]!.id, "claude-synthetic-000042")
    assert.isTrue(models.every((model) => Wire.defaultLifecycleStages.some((stage) => stage === model.lifecycle)))
    const bare = Catalogue.synthetic(3, { detailed: false, idPrefix: "x" })
    assert.deepStrictEqual(bare[0], {
      id: "x-000000",
      type: "model",
      display_name: "Claude Synthetic 0",
      created_at: "2026-10-21T00:00:00.000Z"
    })
    assert.deepStrictEqual(Catalogue.synthetic(0), [])
  })
})
