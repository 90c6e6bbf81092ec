import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ErrorResponse, ModelInfo, ModelsPage } from "../src/ModelInfo.js"

const decode = Schema.decodeUnknownEither(ModelInfo)
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
      assert.isTrue(Either.isRight(result))
      if (Either.isRight(result)) {
        assert.strictEqual(result.right.created_at._tag, "Utc")
        assert.strictEqual(result.right.created_at.epochMillis, millis)
      }
    })
  }

  for (const text of ["2025-02-19", "2025/02/19 00:00:00", "Feb 19 2025", "", "2025-02-19T00:00:00"]) {
    it(`created_at ${JSON.stringify(text)} is refused`, () => {
      assert.isTrue(Either.isLeft(decode({ ...base, created_at: text })))
    })
  }

  it("the live API's optional fields may be absent or null; unknown fields are dropped", () => {
    const bare = decode({ ...base, created_at: "2025-02-19T00:00:00Z", future_field: { x: 1 } })
    assert.isTrue(Either.isRight(bare) && !("future_field" in bare.right))
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
    assert.isTrue(Either.isRight(nulls))
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
    assert.isTrue(Either.isRight(full))
    if (Either.isRight(full)) {
      assert.strictEqual(full.right.capabilities?.pdf_input?.supported, true)
      assert.deepStrictEqual(full.right.capabilities?.["brand_new"], { supported: false, detail: 1 })
      assert.strictEqual(full.right.retires_at?.epochMillis, Date.UTC(2026, 1, 1))
    }
  })

  it("the page type and the error body decode", () => {
    assert.isTrue(Either.isRight(
      Schema.decodeUnknownEither(ModelsPage)({
        data: [],
        first_id: null,
        last_id: null,
        has_more: false
      })
    ))
    const error = Schema.decodeUnknownEither(ErrorResponse)({
      type: "error",
      error: { type: "not_found_error", message: "nope", details: { error_code: "model_not_found" } },
      request_id: "req_1"
    })
    assert.isTrue(Either.isRight(error) && error.right.error.details?.error_code === "model_not_found")
  })
})
