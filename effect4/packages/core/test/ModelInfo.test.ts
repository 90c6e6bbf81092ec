import * as Json from "@anthropic-effect/protocol/Json"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { decodeModel, decodePage } from "../src/internal/decode.js"
import {
  Capabilities,
  type CapabilityName,
  type CapabilityPath,
  ErrorResponse,
  ModelInfo,
  ModelsPage
} from "../src/ModelInfo.js"

const decode = Schema.decodeUnknownResult(ModelInfo)

// Effect 4's DateTime.Utc has no public `epochMillis` field.
const millisOf = (value: DateTime.Utc | null | undefined): number | undefined =>
  value === null || value === undefined ? undefined : DateTime.toEpochMillis(value)
const base = { id: "claude-sonnet-4-20250514", type: "model", display_name: "Claude Sonnet 4" }

describe("ModelInfo", () => {
  for (
    const [text, millis] of [
      ["2025-02-19T00:00:00Z", Date.UTC(2025, 1, 19)],
      ["1924-05-11T18:21:22.0Z", Date.UTC(1924, 4, 11, 18, 21, 22)],
      ["1970-01-01T00:00:00Z", 0],
      ["2025-02-19T01:00:00+01:00", Date.UTC(2025, 1, 19)],
      ["2025-02-19T00:00:00.123456Z", Date.UTC(2025, 1, 19) + 123]
    ] as const
  ) {
    it(`created_at ${text} decodes to DateTime.Utc`, () => {
      const result = decode({ ...base, created_at: text })
      assert.isTrue(Result.isSuccess(result))
      if (Result.isSuccess(result)) {
        assert.strictEqual(result.success.created_at._tag, "Utc")
        assert.strictEqual(DateTime.toEpochMillis(result.success.created_at), millis)
      }
    })
  }

  for (const text of ["2025-02-19", "2025/02/19 00:00:00", "Feb 19 2025", "", "2025-02-19T00:00:00"]) {
    it(`created_at ${JSON.stringify(text)} is refused`, () => {
      assert.isTrue(Result.isFailure(decode({ ...base, created_at: text })))
    })
  }

  it("the live API's optional fields may be absent or null; unknown fields are dropped", () => {
    const bare = decode({ ...base, created_at: "2025-02-19T00:00:00Z", future_field: { x: 1 } })
    assert.isTrue(Result.isSuccess(bare) && !("future_field" in bare.success))
    const nulls = decode({
      ...base,
      created_at: "2025-02-19T00:00:00Z",
      max_input_tokens: null,
      max_tokens: null,
      capabilities: null,
      lifecycle: null,
      line: null,
      deprecated_at: null,
      retires_at: null
    })
    assert.isTrue(Result.isSuccess(nulls))
    const full = decode({
      ...base,
      created_at: "2025-02-19T00:00:00Z",
      max_input_tokens: 200000,
      max_tokens: 64000,
      capabilities: { pdf_input: { supported: true }, brand_new: { supported: false, detail: 1 } },
      lifecycle: "deprecated",
      line: "sonnet",
      deprecated_at: "2025-10-01T00:00:00Z",
      retires_at: "2026-02-01T00:00:00Z"
    })
    assert.isTrue(Result.isSuccess(full))
    if (Result.isSuccess(full)) {
      assert.strictEqual(full.success.capabilities?.pdf_input?.supported, true)
      assert.deepStrictEqual(full.success.capabilities?.["brand_new"], { supported: false, detail: 1 })
      assert.strictEqual(millisOf(full.success.retires_at), Date.UTC(2026, 1, 1))
    }
  })

  it("the page type and the error body decode", () => {
    assert.isTrue(Result.isSuccess(
      Schema.decodeUnknownResult(ModelsPage)({
        data: [],
        first_id: null,
        last_id: null,
        has_more: false
      })
    ))
    const error = Schema.decodeUnknownResult(ErrorResponse)({
      type: "error",
      error: { type: "not_found_error", message: "nope", details: { error_code: "model_not_found" } },
      request_id: "req_1"
    })
    assert.isTrue(Result.isSuccess(error) && error.success.error.details?.error_code === "model_not_found")
  })
})

const decodeCapabilities = Schema.decodeUnknownResult(Capabilities)

describe("Capabilities", () => {
  it("a null capability, or a null entry inside one, does not fail the page", () => {
    const result = decodeCapabilities({
      batch: null,
      compaction: null,
      context_management: { supported: true, compact_20260112: null },
      effort: { supported: true, max: null, xhigh: null },
      server_tools: { supported: true, web_search: null },
      thinking: { supported: true, types: { enabled: null, adaptive: { supported: true } } }
    })
    assert.isTrue(Result.isSuccess(result))
    if (Result.isSuccess(result)) {
      assert.isNull(result.success.batch)
      assert.isNull(result.success.effort?.xhigh)
      assert.strictEqual(result.success.thinking?.types?.adaptive?.supported, true)
    }
    assert.isTrue(Result.isSuccess(decodeCapabilities({ thinking: { supported: false, types: null } })))
  })

  for (const value of [null, "preview", 3, [1, null], { nested: { deeper: null } }, { supported: "maybe" }, {}]) {
    it(`an unknown capability ${JSON.stringify(value)} is kept as it is`, () => {
      const result = decodeCapabilities({ batch: { supported: true }, teleport: value })
      assert.isTrue(Result.isSuccess(result))
      if (Result.isSuccess(result)) assert.deepStrictEqual(result.success["teleport"], value)
    })
  }

  for (
    const [name, capabilities] of [
      ["a known capability's supported", { pdf_input: { supported: "yes" } }],
      ["a known capability without supported", { pdf_input: {} }],
      ["a known capability that is not an object", { batch: true }],
      ["an effort level", { effort: { supported: true, xhigh: { supported: "yes" } } }],
      ["a context management strategy", { context_management: { supported: true, compact_20260112: [] } }],
      ["a server tool", { server_tools: { supported: true, code_execution: { supported: 1 } } }],
      ["a thinking type", { thinking: { supported: true, types: { adaptive: {} } } }],
      ["thinking.types itself", { thinking: { supported: true, types: "adaptive" } }],
      ["the compaction summarize entry", { compaction: { supported: true, summarize: { supported: null } } }],
      ["the compaction capability's supported", { compaction: { summarize: { supported: true } } }]
    ] as const
  ) {
    it(`${name} is checked`, () => {
      assert.isTrue(Result.isFailure(decodeCapabilities(capabilities)))
    })
  }

  it("fields a capability or entry does not declare are kept, at every level", () => {
    const input = {
      batch: { supported: true, max_requests: 100000 },
      effort: { supported: true, high: { supported: true, note: "n" }, ultra: { supported: false } },
      thinking: {
        supported: true,
        display: ["summarized"],
        types: { adaptive: { supported: true, budget: "auto" }, dreaming: null }
      }
    }
    const result = decodeCapabilities(input)
    assert.isTrue(Result.isSuccess(result))
    if (Result.isSuccess(result)) assert.deepStrictEqual(result.success, input)
  })

  it("names and paths are typed from the schema", () => {
    // The protocol's list must type as the schema's names, and hold all of them.
    const names: ReadonlyArray<CapabilityName> = Json.capabilityNames
    assert.sameMembers([...names], Object.keys(Capabilities.schema.fields))
    const paths: ReadonlyArray<CapabilityPath> = [
      ...names,
      "compaction.summarize",
      "context_management.clear_thinking_20251015",
      "context_management.clear_tool_uses_20250919",
      "context_management.compact_20260112",
      "effort.low",
      "effort.medium",
      "effort.high",
      "effort.max",
      "effort.xhigh",
      "server_tools.code_execution",
      "server_tools.web_search",
      "thinking.types.enabled",
      "thinking.types.adaptive",
      "thinking.types.disabled",
      "thinking.types.between_tools"
    ]
    assert.strictEqual(new Set(paths).size, 26)
    // @ts-expect-error thinking.types has no `supported`, so it is not a capability
    const notCapability: CapabilityPath = "thinking.types"
    // @ts-expect-error a path ends at a capability, not at its `supported`
    const supportedField: CapabilityPath = "batch.supported"
    // @ts-expect-error unknown capabilities are kept but not typed
    const unknownName: CapabilityName = "teleport"
    assert.deepStrictEqual([notCapability, supportedField, unknownName], [
      "thinking.types",
      "batch.supported",
      "teleport"
    ])
  })
})

describe("ModelInfo: newer fields", () => {
  const model = { ...base, created_at: "2025-02-19T00:00:00Z" }

  it("allowed_fallback_models is a list of ids, null, or absent", () => {
    for (const value of [["claude-sonnet-4-5"], [], null]) {
      const result = decode({ ...model, allowed_fallback_models: value })
      assert.isTrue(Result.isSuccess(result))
      if (Result.isSuccess(result)) assert.deepStrictEqual(result.success.allowed_fallback_models, value)
    }
    for (const value of ["claude-sonnet-4-5", [1], [null], {}]) {
      assert.isTrue(Result.isFailure(decode({ ...model, allowed_fallback_models: value })), JSON.stringify(value))
    }
  })

  it("lifecycle stages and lines the schema does not list are kept", () => {
    const result = decode({ ...model, lifecycle: "preview", line: "fable" })
    assert.isTrue(Result.isSuccess(result))
    if (Result.isSuccess(result)) {
      assert.strictEqual(result.success.lifecycle, "preview")
      assert.strictEqual(result.success.line, "fable")
    }
  })
})

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"))

describe("real-shaped bodies", () => {
  it("a current model with every capability", () => {
    const json = fixture("model-current.json")
    const result = decodeModel(json)
    assert.deepStrictEqual(result, decode(json))
    assert.isTrue(Result.isSuccess(result))
    if (Result.isFailure(result)) return
    const model = result.success
    assert.strictEqual(model.id, "claude-opus-4-5-20251101")
    assert.strictEqual(DateTime.toEpochMillis(model.created_at), Date.UTC(2025, 10, 24))
    assert.strictEqual(model.max_input_tokens, 200000)
    const capabilities = model.capabilities
    assert.strictEqual(capabilities?.server_tools?.supported, true)
    assert.strictEqual(capabilities?.server_tools?.web_search?.supported, true)
    assert.strictEqual(capabilities?.server_tools?.code_execution?.supported, true)
    assert.strictEqual(capabilities?.effort?.high?.supported, true)
    assert.strictEqual(capabilities?.effort?.max?.supported, false)
    assert.isNull(capabilities?.effort?.xhigh)
    assert.strictEqual(capabilities?.context_management?.clear_thinking_20251015?.supported, true)
    assert.strictEqual(capabilities?.context_management?.clear_tool_uses_20250919?.supported, true)
    assert.isNull(capabilities?.context_management?.compact_20260112)
    assert.strictEqual(capabilities?.thinking?.types?.enabled?.supported, true)
    assert.strictEqual(capabilities?.thinking?.types?.adaptive?.supported, false)
    assert.strictEqual(capabilities?.thinking?.types?.disabled?.supported, true)
    assert.isUndefined(capabilities?.compaction)
    assert.isUndefined(model.allowed_fallback_models)
    assert.strictEqual(model.lifecycle, "active")
    assert.isNull(model.retires_at)
  })

  it("the same model from the beta endpoint: compaction null and fallback models", () => {
    const json = fixture("model-beta.json")
    const result = decodeModel(json)
    assert.deepStrictEqual(result, decode(json))
    assert.isTrue(Result.isSuccess(result))
    if (Result.isFailure(result)) return
    assert.isNull(result.success.capabilities?.compaction)
    assert.deepStrictEqual(result.success.allowed_fallback_models, [
      "claude-sonnet-4-5-20250929",
      "claude-haiku-4-5-20251001"
    ])
  })

  it("a page from new to legacy models", () => {
    const json = fixture("models-page.json")
    const result = decodePage(json)
    assert.deepStrictEqual(result, Schema.decodeUnknownResult(ModelsPage)(json))
    assert.isTrue(Result.isSuccess(result))
    if (Result.isFailure(result)) return
    const page = result.success
    assert.deepStrictEqual(page.data.map((model) => model.id), [
      "claude-opus-4-7",
      "claude-haiku-4-5-20251001",
      "claude-3-7-sonnet-20250219",
      "claude-3-haiku-20240307",
      "claude-2.1"
    ])
    assert.strictEqual(page.has_more, true)
    assert.strictEqual(page.last_id, "claude-2.1")
    const [newest, haiku, sonnet, haiku3, legacy] = page.data
    assert.strictEqual(newest?.capabilities?.compaction?.summarize?.supported, true)
    assert.strictEqual(newest?.capabilities?.effort?.xhigh?.supported, true)
    assert.strictEqual(newest?.capabilities?.thinking?.types?.between_tools?.supported, true)
    assert.isNull(newest?.allowed_fallback_models)
    assert.isNull(haiku?.capabilities?.compaction)
    assert.deepStrictEqual(haiku?.allowed_fallback_models, ["claude-sonnet-4-5-20250929"])
    assert.strictEqual(sonnet?.lifecycle, "deprecated")
    assert.strictEqual(millisOf(sonnet?.retires_at), Date.UTC(2026, 1, 19))
    assert.isUndefined(sonnet?.capabilities?.server_tools)
    assert.isUndefined(sonnet?.capabilities?.thinking?.types?.adaptive)
    assert.isNull(haiku3?.capabilities)
    assert.deepStrictEqual(Object.keys(legacy ?? {}), ["id", "type", "display_name", "created_at"])
  })

  it("a model from a later API version: unknown capabilities, fields and stages are kept or dropped, never fatal", () => {
    const json = fixture("model-future-fields.json")
    const result = decodeModel(json)
    assert.deepStrictEqual(result, decode(json))
    assert.isTrue(Result.isSuccess(result))
    if (Result.isFailure(result)) return
    const model = result.success
    const capabilities = model.capabilities
    assert.strictEqual(model.lifecycle, "preview")
    assert.strictEqual(model.line, "fable")
    assert.notProperty(model, "pricing_tier")
    assert.deepStrictEqual(model.allowed_fallback_models, [])
    assert.isNull(capabilities?.citations)
    assert.strictEqual(capabilities?.batch?.["max_requests"], 100000)
    assert.deepStrictEqual(capabilities?.effort?.["ultra"], { supported: false })
    assert.isNull(capabilities?.thinking?.types?.enabled)
    assert.strictEqual(capabilities?.thinking?.types?.adaptive?.["budget"], "auto")
    assert.deepStrictEqual(capabilities?.thinking?.["display"], ["summarized", "omitted"])
    assert.deepStrictEqual(capabilities?.["audio_input"], { supported: true, formats: ["wav", "mp3"] })
    assert.isNull(capabilities?.["video_input"])
    assert.strictEqual(capabilities?.["memory"], "preview")
    assert.deepStrictEqual(capabilities?.["tool_search"], {
      versions: [{ name: "tool_search_20270101", supported: true }]
    })
  })
})
