/**
 * The error-bodies suite's cases, as plain TypeScript both editions run:
 * packages/core/test/errorBodies.test.ts (Effect 3) and
 * effect4/packages/core/test/errorBodies.test.ts (Effect 4) are thin runners.
 * A case is the responses to fail `Models.list()` with (no retries), one
 * call each, and a check of the errors.
 */
import * as ErrorTable from "@anthropic-effect/protocol/ErrorTable"
import { readFileSync } from "node:fs"
import type * as H from "./modelsHarness.js"

/** The chai assertions these cases use, beyond the harness's. */
export interface Assert extends H.Assert {
  isAtMost(value: number, maximum: number, message?: string): void
  notInclude(haystack: string, needle: string, message?: string): void
}

/** What the cases read of an edition's `ModelsError`. */
export interface ErrorView extends H.ErrorView<unknown> {
  readonly details?: { readonly [key: string]: unknown } | undefined
}

export interface Edition<M extends H.EncodedModel> {
  readonly assert: Assert
  readonly fixtures: H.Fixtures<M>
  /** The edition's test/fixtures/ folder. */
  readonly fixturesDir: URL
  readonly isApiError: (u: unknown) => boolean
  /** The `_tag` of each class of `ModelsError.apiErrorTypes`, by error type. */
  readonly classTags: ReadonlyMap<string, string>
  readonly fromErrorType: (
    type: string | undefined,
    fields: { readonly status: number; readonly message: string }
  ) => { readonly _tag: string; readonly errorType?: string | undefined }
}

/** `Models.list()` failed with each of `answers`, in order; the errors go to `check`. */
export interface Failures {
  readonly _tag: "Failures"
  readonly name: string
  readonly answers: ReadonlyArray<() => Response>
  readonly check: (errors: ReadonlyArray<ErrorView>) => void
}

/** A check that needs no call. */
export interface Plain {
  readonly _tag: "Plain"
  readonly name: string
  readonly check: () => void
}

export type Case = Failures | Plain

/** Real-shaped error responses, as the API and the proxies in front of it send them. */
interface Fixture {
  readonly name: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly expect: {
    readonly tag: string
    readonly errorType?: string
    readonly errorCode?: string
    readonly message?: string
    readonly requestId?: string
    readonly bodyIncludes?: string
    readonly details?: Readonly<Record<string, unknown>>
  }
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Checks the shape of test/fixtures/error-bodies.json, so a malformed fixture fails loudly. */
const decodeFixtures = (u: unknown): ReadonlyArray<Fixture> => {
  if (!Array.isArray(u)) throw new Error("error-bodies.json: expected an array")
  return u.map((entry: unknown, index): Fixture => {
    const where = `error-bodies.json[${index}]`
    if (!isRecord(entry)) throw new Error(`${where}: expected an object`)
    const { body, expect, headers, name, status } = entry
    if (typeof name !== "string" || typeof status !== "number" || typeof body !== "string") {
      throw new Error(`${where}: name, status and body must be a string, a number and a string`)
    }
    if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === "string")) {
      throw new Error(`${where}: headers must be a record of strings`)
    }
    if (!isRecord(expect) || typeof expect.tag !== "string") throw new Error(`${where}: expect.tag must be a string`)
    const text = (key: "errorType" | "errorCode" | "message" | "requestId" | "bodyIncludes") => {
      const value = expect[key]
      if (value !== undefined && typeof value !== "string") throw new Error(`${where}: expect.${key} must be a string`)
      return value === undefined ? {} : { [key]: value }
    }
    const { details } = expect
    if (details !== undefined && !isRecord(details)) throw new Error(`${where}: expect.details must be a record`)
    return {
      name,
      status,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
      body,
      expect: {
        tag: expect.tag,
        ...text("errorType"),
        ...text("errorCode"),
        ...text("message"),
        ...text("requestId"),
        ...text("bodyIncludes"),
        ...(details === undefined ? {} : { details })
      }
    }
  })
}

/** The cases, in `describe` groups, for an edition. */
export const groups = <M extends H.EncodedModel>(
  edition: Edition<M>
): ReadonlyArray<readonly [string, ReadonlyArray<Case>]> => {
  const { assert, fixtures: { FAKE_KEY, apiError, json } } = edition
  const fixtures = decodeFixtures(
    JSON.parse(readFileSync(new URL("error-bodies.json", edition.fixturesDir), "utf8"))
  )
  const only = (errors: ReadonlyArray<ErrorView>): ErrorView => errors[0] ?? assert.fail("expected an error")

  const bodies: ReadonlyArray<Case> = [
    ...fixtures.map((fixture): Case => ({
      _tag: "Failures",
      name: fixture.name,
      answers: [() => new Response(fixture.body, { status: fixture.status, headers: fixture.headers })],
      check: (errors) => {
        const error = only(errors)
        const { expect } = fixture
        assert.strictEqual(error._tag, expect.tag)
        assert.isTrue(edition.isApiError(error))
        if (!edition.isApiError(error)) return
        assert.strictEqual(error.status, fixture.status)
        assert.strictEqual(error.errorType, expect.errorType)
        if (expect.errorCode !== undefined) assert.strictEqual(error.errorCode, expect.errorCode)
        if (expect.message !== undefined) assert.strictEqual(error.message, expect.message)
        if (expect.requestId !== undefined) assert.strictEqual(error.requestId, expect.requestId)
        if (expect.details !== undefined) assert.deepStrictEqual(error.details, expect.details)
        if (expect.bodyIncludes !== undefined) assert.include(error.body ?? "", expect.bodyIncludes)
        else assert.isUndefined(error.body)
      }
    })),
    {
      _tag: "Plain",
      name: "every status that names one class maps to it, and no other does",
      check: () => {
        for (const [type, { status }] of Object.entries(ErrorTable.errorTypes)) {
          const error = edition.fromErrorType("brand_new_error", { status, message: "m" })
          const expected = status === 400 ? "UnknownApiError" : edition.classTags.get(type)
          assert.strictEqual(error._tag, expected, `status ${status}`)
          assert.strictEqual(error.errorType, "brand_new_error")
        }
        for (const status of [400, 408, 409, 413, 418, 422, 502, 503]) {
          assert.strictEqual(edition.fromErrorType(undefined, { status, message: "m" })._tag, "UnknownApiError")
        }
      }
    }
  ]

  const bounded: ReadonlyArray<Case> = [
    {
      _tag: "Failures",
      name: "a 5 MB message is cut to 4 KB",
      answers: [() => apiError(401, "authentication_error", "x".repeat(5_000_000))],
      check: (errors) => {
        const error = only(errors)
        assert.strictEqual(error._tag, "AuthenticationError")
        assert.isAtMost(error.message.length, 4097)
        assert.isTrue(error.message.endsWith("…"))
      }
    },
    {
      _tag: "Failures",
      name: "details are an open record of at most about 4 KB; long strings are cut, entries kept in order",
      answers: [() => {
        const details: Record<string, unknown> = { error_code: "credits_required", note: "n".repeat(100_000) }
        for (let i = 0; i < 1000; i++) details[`extra_${i}`] = i
        return json({ type: "error", error: { type: "billing_error", message: "pay", details } }, 402)
      }],
      check: (errors) => {
        const error = only(errors)
        assert.strictEqual(error._tag, "BillingError")
        if (error._tag !== "BillingError") return
        assert.strictEqual(error.errorCode, "credits_required")
        assert.isAtMost(JSON.stringify(error.details).length, 4096)
        assert.strictEqual(error.details?.error_code, "credits_required")
        assert.strictEqual(String(error.details?.note).length, 513)
        assert.strictEqual(error.details?.extra_0, 0)
        assert.isUndefined(error.details?.extra_999)
      }
    },
    {
      _tag: "Failures",
      name: "a __proto__ key in details is dropped, and Object.prototype is untouched",
      answers: [() =>
        new Response(
          `{"type":"error","error":{"type":"billing_error","message":"m","details":{"__proto__":{"error_code":"smuggled","polluted":true},"model":"m1"}}}`,
          { status: 402 }
        )],
      check: (errors) => {
        const error = only(errors)
        assert.strictEqual(error._tag, "BillingError")
        if (error._tag !== "BillingError") return
        assert.isUndefined(error.errorCode)
        assert.deepStrictEqual(error.details, { model: "m1" })
        assert.strictEqual(Object.getPrototypeOf(error.details), Object.prototype)
        assert.isFalse("polluted" in Object.prototype)
      }
    },
    {
      _tag: "Failures",
      name: "the key echoed in message, details and body is <redacted>",
      answers: [
        () =>
          json({
            type: "error",
            error: { type: "authentication_error", message: `bad key ${FAKE_KEY}`, details: { key: FAKE_KEY } }
          }, 401),
        () => new Response(`<p>${FAKE_KEY}</p>`, { status: 502 })
      ],
      check: ([echoed, html]) => {
        if (echoed === undefined || html === undefined) return assert.fail("expected two errors")
        assert.strictEqual(echoed.message, "bad key <redacted>")
        if (echoed._tag === "AuthenticationError") assert.deepStrictEqual(echoed.details, { key: "<redacted>" })
        if (html._tag === "UnknownApiError") assert.strictEqual(html.body, "<p><redacted></p>")
        for (const error of [echoed, html]) assert.notInclude(JSON.stringify(error) + String(error), FAKE_KEY)
      }
    }
  ]

  return [
    ["error bodies: the class from error.type, else from the status", bodies],
    ["what an error keeps of the server's words is bounded", bounded]
  ]
}
