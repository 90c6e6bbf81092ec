import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Record from "effect/Record"
import * as Schema from "effect/Schema"
import {
  decodeModel,
  decodePage,
  expectedPageFingerprint,
  fastModel,
  fastPage,
  fastPathEnabled,
  fingerprint
} from "../src/internal/decode.js"
import { Capabilities, ModelInfo, ModelsPage } from "../src/ModelInfo.js"

const schemaPage = Schema.decodeUnknownEither(ModelsPage)
const schemaModel = Schema.decodeUnknownEither(ModelInfo)

const utcPrototype: unknown = Object.getPrototypeOf(DateTime.unsafeMake(0))

/**
 * Everything observable about a decoded value: prototypes, own keys in
 * order, property attributes (DateTime keeps a non-enumerable cache), and
 * -0 apart from 0. Two values with the same description are interchangeable.
 */
const describeValue = (value: unknown): string => {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value)
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value !== "object" || value === null) return String(value)
  const prototype: unknown = Object.getPrototypeOf(value)
  const kind = prototype === Object.prototype
    ? "Object"
    : prototype === Array.prototype
    ? "Array"
    : prototype === utcPrototype
    ? "Utc"
    : prototype === null
    ? "null"
    : "other"
  const properties = Reflect.ownKeys(value).map((key) => {
    const property = Object.getOwnPropertyDescriptor(value, key)
    if (property === undefined) return `${String(key)}?`
    const flags = `${property.enumerable === true ? "e" : ""}${property.writable === true ? "w" : ""}${
      property.configurable === true ? "c" : ""
    }`
    return `${String(key)}[${flags}]=${"value" in property ? describeValue(property.value) : "accessor"}`
  })
  return `${kind}{${properties.join(",")}}`
}

/** Identical results, or identical errors. */
const assertSame = <A>(
  actual: Either.Either<A, ParseResult.ParseError>,
  expected: Either.Either<A, ParseResult.ParseError>
) => {
  if (Either.isRight(expected)) {
    assert.isTrue(Either.isRight(actual), "Schema accepted the input but the fast decoder did not")
    if (Either.isRight(actual)) {
      assert.strictEqual(describeValue(actual.right), describeValue(expected.right))
      assert.deepStrictEqual(actual.right, expected.right)
    }
  } else {
    assert.isTrue(Either.isLeft(actual), "Schema rejected the input but the fast decoder did not")
    if (Either.isLeft(actual)) {
      assert.strictEqual(
        ParseResult.TreeFormatter.formatErrorSync(actual.left),
        ParseResult.TreeFormatter.formatErrorSync(expected.left)
      )
      assert.deepStrictEqual(
        ParseResult.ArrayFormatter.formatErrorSync(actual.left),
        ParseResult.ArrayFormatter.formatErrorSync(expected.left)
      )
    }
  }
}

// ---------------------------------------------------------------------------
// Arbitrary JSON text. Inputs are built as text and parsed, because that is
// what the decoders receive, and because only JSON.parse makes an own
// "__proto__" key or lets a later duplicate key win.
// ---------------------------------------------------------------------------

type Text = string
type Entry = readonly [key: string, value: Text]

const objectText = (entries: ReadonlyArray<Entry>): Text =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`

const anyJson: FastCheck.Arbitrary<Text> = FastCheck.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value))

const oddKey = FastCheck.oneof(
  FastCheck.string({ maxLength: 8 }),
  FastCheck.constantFrom("__proto__", "0", "7", "constructor", "toString", "hasOwnProperty", "supported", "batch", "id")
)

/** Present with a value, or absent. */
type Field = Entry | undefined

/** Absent `absent` times in 1000. */
const field = (key: string, value: FastCheck.Arbitrary<Text>, absent: number): FastCheck.Arbitrary<Field> => {
  const present = value.map((text): Field => [key, text])
  const weight = Math.round(absent)
  return weight <= 0 ? present : FastCheck.oneof(
    { weight: 1000 - weight, arbitrary: present },
    { weight, arbitrary: FastCheck.constant<Field>(undefined) }
  )
}

/** Mostly `good`, sometimes any JSON at all, `corruption` parts in 1000. */
const mostly = (good: FastCheck.Arbitrary<Text>, corruption: number): FastCheck.Arbitrary<Text> =>
  FastCheck.oneof({ weight: 1000 - corruption, arbitrary: good }, { weight: corruption, arbitrary: anyJson })

const instant = FastCheck.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })
const pad = (n: number, width = 2) => String(n).padStart(width, "0")

const rfc3339Like = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

const timestamp: FastCheck.Arbitrary<string> = FastCheck.oneof(
  // As the API sends it.
  { weight: 8, arbitrary: instant.map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")) },
  { weight: 3, arbitrary: instant.map((ms) => new Date(ms).toISOString()) },
  // Every other form the pattern allows.
  {
    weight: 3,
    arbitrary: FastCheck.tuple(
      instant,
      FastCheck.constantFrom("T", "t", " "),
      FastCheck.constantFrom("", ".1", ".12", ".123", ".1234", ".123456789"),
      FastCheck.constantFrom("Z", "z", "+00:00", "-05:30", "+14:00", "+23:59")
    ).map(([ms, separator, fraction, zone]) => {
      const d = new Date(ms)
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${separator}${
        pad(d.getUTCHours())
      }:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}${zone}`
    })
  },
  // Digits anywhere in range or out of it: month 13, day 31 of February, hour 24, year 0042.
  {
    weight: 3,
    arbitrary: FastCheck.tuple(
      FastCheck.integer({ min: 0, max: 9999 }),
      FastCheck.integer({ min: 0, max: 19 }),
      FastCheck.integer({ min: 0, max: 39 }),
      FastCheck.integer({ min: 0, max: 29 }),
      FastCheck.integer({ min: 0, max: 69 }),
      FastCheck.integer({ min: 0, max: 69 }),
      FastCheck.constantFrom("Z", ".000Z", ".5Z", "+01:00")
    ).map(([y, mo, d, h, mi, s, tail]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${tail}`)
  },
  { weight: 1, arbitrary: FastCheck.stringMatching(rfc3339Like) },
  {
    weight: 1,
    arbitrary: FastCheck.constantFrom(
      "2025-02-19",
      "2025/02/19",
      "Feb 19 2025",
      "2025-02-29T00:00:00Z",
      "2024-02-29T00:00:00Z",
      "2025-02-30T00:00:00Z",
      "0050-01-01T00:00:00Z",
      "0100-01-01T00:00:00Z",
      "2025-01-01T24:00:00Z",
      "2025-01-01T24:30:00Z",
      "2025-01-01T24:00:01Z",
      "2025-01-01T23:59:60Z",
      "2025-02-19T00:00:00.Z",
      "",
      "+002025-02-19T00:00:00Z"
    )
  }
)

/** Mostly the API's own form, and `corruption` × 4 in 1000 any of the others. */
const timestampFor = (corruption: number): FastCheck.Arbitrary<string> => {
  const other = Math.min(900, corruption * 4)
  return FastCheck.oneof(
    { weight: 1000 - other, arbitrary: instant.map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")) },
    { weight: Math.max(1, other), arbitrary: timestamp }
  )
}

/** Ordinary keys, and the awkward ones `corruption` times in 1000. */
const keyFor = (corruption: number): FastCheck.Arbitrary<string> =>
  FastCheck.oneof(
    { weight: 1000 - corruption, arbitrary: FastCheck.string({ minLength: 1, maxLength: 8 }) },
    { weight: Math.max(1, corruption), arbitrary: oddKey }
  )

const safeInteger = FastCheck.oneof(
  { weight: 5, arbitrary: FastCheck.constantFrom(8192, 32000, 64000, 200000, 1000000) },
  { weight: 2, arbitrary: FastCheck.integer() },
  { weight: 1, arbitrary: FastCheck.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER) }
).map(String)

const notQuiteInteger = FastCheck.constantFrom("-0", "1.5", "9007199254740992", "1e400", "-1e400", "\"64000\"", "true")

/** Integers, and `corruption` in 1000 of the values JSON can send that are not safe integers. */
const integerish = (corruption: number) =>
  FastCheck.oneof(
    { weight: 1000 - corruption, arbitrary: safeInteger },
    { weight: Math.max(1, corruption), arbitrary: notQuiteInteger }
  )

const orNull = (text: FastCheck.Arbitrary<Text>) =>
  FastCheck.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: FastCheck.constant("null") })

const jsonString = (value: FastCheck.Arbitrary<string>) => value.map((s) => JSON.stringify(s))

const capability = (corruption: number): FastCheck.Arbitrary<Text> =>
  mostly(
    FastCheck.oneof(
      { weight: 6, arbitrary: FastCheck.boolean().map((supported) => objectText([["supported", String(supported)]])) },
      {
        weight: 2,
        arbitrary: FastCheck.tuple(
          FastCheck.boolean(),
          FastCheck.array(FastCheck.tuple(keyFor(corruption), anyJson), { maxLength: 3 }),
          FastCheck.boolean()
        ).map(([supported, extra, supportedFirst]) => {
          const own: Entry = ["supported", String(supported)]
          return objectText(supportedFirst ? [own, ...extra] : [...extra, own])
        })
      },
      {
        weight: 1,
        arbitrary: FastCheck.boolean().map((supported) =>
          objectText([["supported", String(supported)], ["types", "{\"enabled\":{\"supported\":true}}"]])
        )
      }
    ),
    corruption
  )

// The capability names the schema declares, so the generator follows the schema.
const declaredCapabilities = Record.keys(Capabilities.fields)

const capabilities = (corruption: number): FastCheck.Arbitrary<Text> =>
  FastCheck.tuple(
    FastCheck.subarray(declaredCapabilities),
    FastCheck.array(keyFor(corruption), { maxLength: 2 }),
    FastCheck.boolean(),
    FastCheck.infiniteStream(capability(corruption))
  ).map(([declared, undeclared, shuffle, values]) => {
    const keys = [...declared, ...undeclared]
    if (shuffle) keys.reverse()
    const iterator = values[Symbol.iterator]()
    return objectText(keys.map((key): Entry => [key, iterator.next().value ?? "null"]))
  })

const shuffled = (entries: ReadonlyArray<Entry>, order: ReadonlyArray<number>): ReadonlyArray<Entry> =>
  entries.map((entry, i) => [entry, order[i % order.length] ?? 0] as const).sort((a, b) => a[1] - b[1]).map(([e]) => e)

const model = (corruption: number): FastCheck.Arbitrary<Text> =>
  FastCheck.tuple(
    field("id", mostly(jsonString(FastCheck.string({ maxLength: 30 })), corruption), corruption / 10),
    field(
      "type",
      mostly(
        FastCheck.oneof({ weight: 20, arbitrary: FastCheck.constant("\"model\"") }, {
          weight: 1,
          arbitrary: jsonString(FastCheck.constantFrom("Model", "models", ""))
        }),
        corruption
      ),
      corruption / 10
    ),
    field("display_name", mostly(jsonString(FastCheck.string({ maxLength: 30 })), corruption), corruption / 10),
    field("created_at", mostly(jsonString(timestampFor(corruption)), corruption), corruption / 10),
    field("max_input_tokens", mostly(orNull(integerish(corruption)), corruption), 250),
    field("max_tokens", mostly(orNull(integerish(corruption)), corruption), 250),
    field("capabilities", mostly(orNull(capabilities(corruption)), corruption), 250),
    field(
      "lifecycle",
      mostly(
        orNull(
          jsonString(FastCheck.oneof(FastCheck.constantFrom("active", "deprecated", "retired"), FastCheck.string()))
        ),
        corruption
      ),
      250
    ),
    field("line", mostly(orNull(jsonString(FastCheck.constantFrom("opus", "sonnet", "haiku", ""))), corruption), 250),
    field("deprecated_at", mostly(orNull(jsonString(timestampFor(corruption))), corruption), 250),
    field("retires_at", mostly(orNull(jsonString(timestampFor(corruption))), corruption), 250),
    FastCheck.array(FastCheck.tuple(keyFor(corruption), anyJson), { maxLength: 2 }),
    FastCheck.option(FastCheck.array(FastCheck.integer(), { minLength: 3, maxLength: 16 }))
  ).map(
    (
      [id, type, displayName, createdAt, maxInput, maxTokens, caps, lifecycle, line, deprecated, retires, extra, order]
    ) => {
      const present = [
        id,
        type,
        displayName,
        createdAt,
        maxInput,
        maxTokens,
        caps,
        lifecycle,
        line,
        deprecated,
        retires
      ]
        .filter((entry): entry is Entry => entry !== undefined)
      const entries = [...present, ...extra]
      return objectText(order === null ? entries : shuffled(entries, order))
    }
  )

const page = (corruption: number, maxModels: number): FastCheck.Arbitrary<Text> =>
  FastCheck.tuple(
    field(
      "data",
      mostly(
        FastCheck.array(model(corruption), { maxLength: maxModels }).map((models) => `[${models.join(",")}]`),
        corruption
      ),
      corruption / 10
    ),
    field("first_id", mostly(orNull(jsonString(FastCheck.string({ maxLength: 20 }))), corruption), corruption / 10),
    field("last_id", mostly(orNull(jsonString(FastCheck.string({ maxLength: 20 }))), corruption), corruption / 10),
    field("has_more", mostly(FastCheck.boolean().map(String), corruption), corruption / 10),
    FastCheck.array(FastCheck.tuple(oddKey, anyJson), { maxLength: 2 }),
    FastCheck.boolean()
  ).map(([data, firstId, lastId, hasMore, extra, reversed]) => {
    const entries = [data, firstId, lastId, hasMore].filter((entry): entry is Entry => entry !== undefined)
    return objectText(reversed ? [...extra, ...entries].reverse() : [...entries, ...extra])
  })

const pageOrAnything = (corruption: number) =>
  FastCheck.oneof({ weight: 20, arbitrary: page(corruption, 6) }, { weight: 1, arbitrary: anyJson })

// Counts which path inputs took, so the properties cannot pass by never using the fast path.
const taken = { fast: 0, schemaSuccess: 0, schemaFailure: 0 }

const checkPage = (text: Text) => {
  const json: unknown = JSON.parse(text)
  const expected = schemaPage(json)
  assertSame(decodePage(json), expected)
  if (fastPage(json) !== undefined) taken.fast++
  else if (Either.isRight(expected)) taken.schemaSuccess++
  else taken.schemaFailure++
}

describe("decode: the fast path gives what Schema gives", () => {
  it("is enabled: the schemas have the shape it was written for", () => {
    assert.isTrue(fastPathEnabled)
    assert.strictEqual(fingerprint(ModelsPage.ast), expectedPageFingerprint)
  })

  it("switches off when the schema changes", () => {
    const changed = Schema.Struct({ ...ModelsPage.fields, has_more: Schema.optional(Schema.Boolean) })
    assert.notStrictEqual(fingerprint(changed.ast), expectedPageFingerprint)
    const stricter = Schema.Struct({
      ...ModelsPage.fields,
      data: Schema.Array(ModelInfo.pipe(Schema.filter((m) => m.id.length > 0)))
    })
    assert.notStrictEqual(fingerprint(stricter.ast), expectedPageFingerprint)
  })

  it("takes the fast path for a page as the API sends it", () => {
    const text = JSON.stringify({
      data: [
        {
          type: "model",
          id: "claude-opus-4-5-20251101",
          display_name: "Claude Opus 4.5",
          created_at: "2025-11-24T00:00:00Z",
          max_input_tokens: 200000,
          max_tokens: 64000,
          capabilities: {
            batch: { supported: true },
            citations: { supported: true },
            effort: { supported: true, high: { supported: true } },
            thinking: { supported: true, types: { enabled: { supported: true } } },
            new_capability: { supported: false }
          },
          lifecycle: "active",
          line: "opus",
          deprecated_at: null,
          retires_at: "2027-01-22T00:00:00.000Z"
        },
        {
          type: "model",
          id: "claude-sonnet-4-20250514",
          display_name: "Claude Sonnet 4",
          created_at: "2025-05-14T00:00:00Z"
        }
      ],
      first_id: "claude-opus-4-5-20251101",
      last_id: "claude-sonnet-4-20250514",
      has_more: true
    })
    const json: unknown = JSON.parse(text)
    assert.isDefined(fastPage(json))
    assertSame(decodePage(json), schemaPage(json))
  })

  it("leaves a polluted Object.prototype to Schema", () => {
    const json: unknown = JSON.parse(
      "{\"type\":\"model\",\"id\":\"a\",\"display_name\":\"A\",\"created_at\":\"2025-01-01T00:00:00Z\"}"
    )
    Object.defineProperty(Object.prototype, "max_tokens", { value: 5, configurable: true, enumerable: false })
    try {
      assert.isUndefined(fastModel(json))
      assertSame(decodeModel(json), schemaModel(json))
    } finally {
      Reflect.deleteProperty(Object.prototype, "max_tokens")
    }
    assert.isDefined(fastModel(json))
  })

  it("leaves an own __proto__ key to Schema", () => {
    const json: unknown = JSON.parse(
      "{\"type\":\"model\",\"id\":\"a\",\"display_name\":\"A\",\"created_at\":\"2025-01-01T00:00:00Z\"," +
        "\"capabilities\":{\"__proto__\":{\"supported\":true}}}"
    )
    assert.isUndefined(fastModel(json))
    assertSame(decodeModel(json), schemaModel(json))
  })

  it.prop("pages close to the API's: identical results and errors", [page(5, 8)], ([text]) => checkPage(text), {
    fastCheck: { numRuns: 400 }
  })

  it.prop("pages with many faults: identical results and errors", [pageOrAnything(150)], ([text]) => checkPage(text), {
    fastCheck: { numRuns: 600 }
  })

  it.prop("one model (retrieve): identical results and errors", [model(60)], ([text]) => {
    const json: unknown = JSON.parse(text)
    assertSame(decodeModel(json), schemaModel(json))
  }, { fastCheck: { numRuns: 1000 } })

  it.prop("any JSON at all: identical results and errors", [anyJson], ([text]) => checkPage(text), {
    fastCheck: { numRuns: 300 }
  })

  it("exercised both paths", () => {
    // Runs after the properties above (vitest runs a file's tests in order).
    assert.isAbove(taken.fast, 200, JSON.stringify(taken))
    assert.isAbove(taken.schemaFailure, 200, JSON.stringify(taken))
  })
})
