import * as ErrorTable from "@anthropic-effect/protocol/ErrorTable"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import { apiError, FAKE_KEY, json, modelsLayer } from "./utils.js"

/** Real-shaped error responses, as the API and the proxies in front of it send them. */
const Fixture = Schema.Struct({
  name: Schema.String,
  status: Schema.Number,
  headers: Schema.Record(Schema.String, Schema.String),
  body: Schema.String,
  expect: Schema.Struct({
    tag: Schema.String,
    errorType: Schema.optional(Schema.String),
    errorCode: Schema.optional(Schema.String),
    message: Schema.optional(Schema.String),
    requestId: Schema.optional(Schema.String),
    bodyIncludes: Schema.optional(Schema.String),
    details: Schema.optional(Schema.Record(Schema.String, Schema.Unknown))
  })
})

const fixtures = Schema.decodeUnknownSync(Schema.Array(Fixture))(
  JSON.parse(readFileSync(new URL("./fixtures/error-bodies.json", import.meta.url), "utf8"))
)

const failWith = (answer: () => Response) =>
  Effect.flip(Models.list().pipe(Effect.provide(modelsLayer(answer, { maxRetries: 0 }).layer)))

describe("error bodies: the class from error.type, else from the status", () => {
  for (const fixture of fixtures) {
    it.effect(fixture.name, () =>
      Effect.gen(function*() {
        const error = yield* failWith(() =>
          new Response(fixture.body, { status: fixture.status, headers: fixture.headers })
        )
        assert.strictEqual(error._tag, fixture.expect.tag)
        assert.isTrue(ModelsError.isApiError(error))
        if (!ModelsError.isApiError(error)) return
        assert.strictEqual(error.status, fixture.status)
        assert.strictEqual(error.errorType, fixture.expect.errorType)
        if (fixture.expect.errorCode !== undefined) assert.strictEqual(error.errorCode, fixture.expect.errorCode)
        if (fixture.expect.message !== undefined) assert.strictEqual(error.message, fixture.expect.message)
        if (fixture.expect.requestId !== undefined) assert.strictEqual(error.requestId, fixture.expect.requestId)
        if (fixture.expect.details !== undefined) assert.deepStrictEqual(error.details, fixture.expect.details)
        if (fixture.expect.bodyIncludes !== undefined) assert.include(error.body ?? "", fixture.expect.bodyIncludes)
        else assert.isUndefined(error.body)
      }))
  }

  it("every status that names one class maps to it, and no other does", () => {
    // Effect 4's error classes have no static `_tag`: the tag schema holds it.
    const classes = new Map(
      Object.entries(ModelsError.apiErrorTypes).map((
        [type, errorClass]
      ) => [type, errorClass.fields._tag.schema.literal])
    )
    for (const [type, { status }] of Object.entries(ErrorTable.errorTypes)) {
      const error = ModelsError.fromErrorType("brand_new_error", { status, message: "m" })
      const expected = status === 400 ? "UnknownApiError" : classes.get(type)
      assert.strictEqual(error._tag, expected, `status ${status}`)
      assert.strictEqual(error.errorType, "brand_new_error")
    }
    for (const status of [400, 408, 409, 413, 418, 422, 502, 503]) {
      assert.strictEqual(ModelsError.fromErrorType(undefined, { status, message: "m" })._tag, "UnknownApiError")
    }
  })
})

describe("what an error keeps of the server's words is bounded", () => {
  it.effect("a 5 MB message is cut to 4 KB", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() => apiError(401, "authentication_error", "x".repeat(5_000_000)))
      assert.strictEqual(error._tag, "AuthenticationError")
      assert.isAtMost(error.message.length, 4097)
      assert.isTrue(error.message.endsWith("…"))
    }))

  it.effect("details are an open record of at most about 4 KB; long strings are cut, entries kept in order", () =>
    Effect.gen(function*() {
      const details: Record<string, unknown> = { error_code: "credits_required", note: "n".repeat(100_000) }
      for (let i = 0; i < 1000; i++) details[`extra_${i}`] = i
      const error = yield* failWith(() =>
        json({ type: "error", error: { type: "billing_error", message: "pay", details } }, 402)
      )
      assert.strictEqual(error._tag, "BillingError")
      if (error._tag !== "BillingError") return
      assert.strictEqual(error.errorCode, "credits_required")
      assert.isAtMost(JSON.stringify(error.details).length, 4096)
      assert.strictEqual(error.details?.error_code, "credits_required")
      assert.strictEqual(String(error.details?.note).length, 513)
      assert.strictEqual(error.details?.extra_0, 0)
      assert.isUndefined(error.details?.extra_999)
    }))

  it.effect("a __proto__ key in details is dropped, and Object.prototype is untouched", () =>
    Effect.gen(function*() {
      const error = yield* failWith(() =>
        new Response(
          `{"type":"error","error":{"type":"billing_error","message":"m","details":{"__proto__":{"error_code":"smuggled","polluted":true},"model":"m1"}}}`,
          { status: 402 }
        )
      )
      assert.strictEqual(error._tag, "BillingError")
      if (error._tag !== "BillingError") return
      assert.isUndefined(error.errorCode)
      assert.deepStrictEqual(error.details, { model: "m1" })
      assert.strictEqual(Object.getPrototypeOf(error.details), Object.prototype)
      assert.isFalse("polluted" in Object.prototype)
    }))

  it.effect("the key echoed in message, details and body is <redacted>", () =>
    Effect.gen(function*() {
      const echoed = yield* failWith(() =>
        json({
          type: "error",
          error: { type: "authentication_error", message: `bad key ${FAKE_KEY}`, details: { key: FAKE_KEY } }
        }, 401)
      )
      assert.strictEqual(echoed.message, "bad key <redacted>")
      if (echoed._tag === "AuthenticationError") assert.deepStrictEqual(echoed.details, { key: "<redacted>" })
      const html = yield* failWith(() => new Response(`<p>${FAKE_KEY}</p>`, { status: 502 }))
      if (html._tag === "UnknownApiError") assert.strictEqual(html.body, "<p><redacted></p>")
      for (const error of [echoed, html]) assert.notInclude(JSON.stringify(error) + String(error), FAKE_KEY)
    }))
})
