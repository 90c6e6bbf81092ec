/**
 * The decode suite's cases, as plain TypeScript both editions run: the fast
 * path (`src/internal/decode.ts`) must give exactly what Schema gives, values
 * and errors alike, drop every `__proto__` key, and never throw on deep JSON.
 * No Effect import: `packages/core/test/decode.test.ts` (Effect 3) and
 * `effect4/packages/core/test/decode.test.ts` (Effect 4) are thin runners
 * that hand `suite` an `Edition` (their decoder, their Schema decode, their
 * error formatters, their schemas' shapes, their fast-check and `assert`) and
 * register the tests it returns, properties with their number of runs.
 *
 * Inputs are JSON text, generated from the schemas' own shapes so the
 * generators keep up with new fields; the properties count which path each
 * input took, and a last test checks that every path was exercised.
 */
import { fastPathFields, withoutProtoKeys } from "@anthropic-effect/protocol/Decode"
import { readFileSync } from "node:fs"

// ---------------------------------------------------------------------------
// What a runner provides
// ---------------------------------------------------------------------------

/** A decode's result, as the checks read it. */
export type Decoded<A, E> =
  | { readonly _tag: "Success"; readonly value: A }
  | { readonly _tag: "Failure"; readonly error: E }

/** The parts of a decoded page the checks read; both editions' `ModelsPage` has them. */
export interface CapabilitiesView {
  readonly pdf_input?: unknown
  readonly thinking?: { readonly types?: { readonly adaptive?: unknown } | null | undefined } | null | undefined
}

export interface ModelView {
  readonly capabilities?: CapabilitiesView | null | undefined
}

export interface PageView {
  readonly data: ReadonlyArray<ModelView>
}

/**
 * A schema node as the generators and the field walks read it, from the
 * edition's AST (encoded side). Every node can say whether Schema accepts a
 * value for it; `Other` is a leaf no walk looks into (a refinement, a number).
 */
export type Shape =
  & {
    readonly accepts: (value: unknown) => boolean
    /** `String(ast)`, for messages. */
    readonly label: () => string
  }
  & (
    | { readonly _tag: "Boolean" | "String" | "Unknown" | "Undefined" | "Other" }
    | { readonly _tag: "Literal"; readonly literal: unknown }
    | { readonly _tag: "Union"; readonly members: ReadonlyArray<Shape> }
    | { readonly _tag: "Struct"; readonly fields: ReadonlyArray<ShapeField>; readonly open: boolean }
    /** A tuple's elements and its rest. */
    | { readonly _tag: "Array"; readonly elements: ReadonlyArray<Shape> }
    | { readonly _tag: "Suspend"; readonly get: () => Shape }
  )

export interface ShapeField {
  readonly name: string
  readonly optional: boolean
  readonly type: Shape
}

/** The fast-check arbitraries the generators use (the edition's fast-check version). */
export interface Arbitrary<T> {
  map<U>(mapper: (value: T) => U): Arbitrary<U>
}

export interface Weighted<T> {
  readonly weight: number
  readonly arbitrary: Arbitrary<T>
}

export interface Bounds {
  readonly minLength?: number
  readonly maxLength?: number
}

/** The part of fast-check's API the generators use. */
export interface FastCheckApi {
  array<T>(arbitrary: Arbitrary<T>, constraints?: Bounds): Arbitrary<Array<T>>
  boolean(): Arbitrary<boolean>
  constant<T>(value: T): Arbitrary<T>
  constantFrom<T>(...values: Array<T>): Arbitrary<T>
  integer(constraints?: { readonly min?: number; readonly max?: number }): Arbitrary<number>
  jsonValue(constraints: { readonly maxDepth: number }): Arbitrary<unknown>
  oneof<T>(...arbitraries: Array<Arbitrary<T> | Weighted<T>>): Arbitrary<T>
  option<T>(arbitrary: Arbitrary<T>): Arbitrary<T | null>
  string(constraints?: Bounds): Arbitrary<string>
  stringMatching(regex: RegExp): Arbitrary<string>
  tuple<Ts extends Array<unknown>>(...arbitraries: { [K in keyof Ts]: Arbitrary<Ts[K]> }): Arbitrary<Ts>
}

/** The chai assertions the checks use. */
export interface Assert {
  deepStrictEqual(actual: unknown, expected: unknown, message?: string): void
  include(haystack: string, needle: string, message?: string): void
  isAbove(value: number, bound: number, message?: string): void
  isAtMost(value: number, bound: number, message?: string): void
  isDefined(value: unknown, message?: string): void
  isFalse(value: unknown, message?: string): void
  isTrue(value: unknown, message?: string): void
  isUndefined(value: unknown, message?: string): void
  notProperty(object: unknown, property: string, message?: string): void
  sameMembers(actual: Array<unknown>, expected: Array<unknown>, message?: string): void
  strictEqual(actual: unknown, expected: unknown, message?: string): void
}

/**
 * A decode's result as the edition returns it, read by its tags: Effect 3's
 * `Either`, Effect 4's `Result`.
 */
export type EditionResult<A, E> =
  | { readonly _tag: "Right"; readonly right: A }
  | { readonly _tag: "Left"; readonly left: E }
  | { readonly _tag: "Success"; readonly success: A }
  | { readonly _tag: "Failure"; readonly failure: E }

/** The edition's `src/internal/decode.ts`. */
export interface Decoder<E> {
  /** The fast path with its Schema fallback. */
  readonly decodePage: (json: unknown) => EditionResult<PageView, E>
  readonly decodeModel: (json: unknown) => EditionResult<ModelView, E>
  /** The fast path alone: `undefined` where it declines. */
  readonly fastPage: (json: unknown) => PageView | undefined
  readonly fastModel: (json: unknown) => ModelView | undefined
  readonly formatError: (error: E) => string
}

/** What differs between the editions; `E` is the edition's Schema error. */
export interface Edition<E> {
  readonly decoder: Decoder<E>
  /** Schema's own decode of `ModelsPage` and `ModelInfo`. */
  readonly schema: {
    readonly page: (json: unknown) => EditionResult<PageView, E>
    readonly model: (json: unknown) => EditionResult<ModelView, E>
  }
  /** An error's two renderings that must match: its message text, and its issues as data. */
  readonly errorText: (error: E) => string
  readonly errorIssues: (error: E) => unknown
  /** The prototype of a `DateTime.Utc`, and `DateTime.isDateTime`. */
  readonly utcPrototype: unknown
  readonly isDateTime: (u: unknown) => boolean
  /** `ModelsPage` and `Capabilities`, encoded side. */
  readonly pageShape: Shape
  readonly capabilitiesShape: Shape
  /** The edition's test fixtures folder (`test/fixtures/`). */
  readonly fixtures: URL
  readonly fastCheck: FastCheckApi
  readonly assert: Assert
  /**
   * The edition's own checks of `formatError`, whose messages differ between
   * the editions: the start of "decode: formatError".
   */
  readonly formatErrorChecks: ReadonlyArray<Test>
}

/** A test for the runner to register: a plain one, or a property over JSON text. */
export type Test =
  | { readonly _tag: "Check"; readonly name: string; readonly run: () => void }
  | {
    readonly _tag: "Property"
    readonly name: string
    readonly arbitrary: Arbitrary<string>
    readonly check: (text: string) => void
    readonly numRuns: number
  }

// ---------------------------------------------------------------------------
// Plain helpers
// ---------------------------------------------------------------------------

export const isRecord = (u: unknown): u is { [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * JSON.parse with every "__proto__" key removed by a reviver, independently
 * of the decoder's own sanitising: what Schema should be given.
 */
export const parseWithoutProto = (text: string): unknown =>
  JSON.parse(text, (key, value: unknown) => key === "__proto__" ? undefined : value)

const modelHead = "\"type\":\"model\",\"id\":\"m\",\"display_name\":\"M\",\"created_at\":\"2025-01-01T00:00:00Z\""

export const modelText = (rest: string) => `{${modelHead}${rest === "" ? "" : `,${rest}`}}`

export const pageText = (models: ReadonlyArray<string>, extra = "") =>
  `{${extra}"data":[${models.join(",")}],"first_id":"m","last_id":"m","has_more":false}`

export const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
export const deepObject = (depth: number, bottom = "1") => `${"{\"a\":".repeat(depth)}${bottom}${"}".repeat(depth)}`

type Text = string
type Entry = readonly [key: string, value: Text]

/** Present with a value, or absent. */
type Field = Entry | undefined

const objectText = (entries: ReadonlyArray<Entry>): Text =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`

const shuffled = (entries: ReadonlyArray<Entry>, order: ReadonlyArray<number>): ReadonlyArray<Entry> =>
  entries.map((entry, i) => [entry, order[i % order.length] ?? 0] as const).sort((a, b) => a[1] - b[1]).map(([e]) => e)

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

const rfc3339Like = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

// ---------------------------------------------------------------------------
// The schemas' fields, read off their shapes
// ---------------------------------------------------------------------------

/** Every declared field below `shape`, as a dotted path; arrays add no segment. */
const schemaPaths = (shape: Shape, prefix = ""): Array<string> => {
  switch (shape._tag) {
    case "Struct":
      return shape.fields.flatMap((field) => {
        const path = `${prefix}${field.name}`
        return [path, ...schemaPaths(field.type, `${path}.`)]
      })
    case "Union":
      return shape.members.flatMap((member) => schemaPaths(member, prefix))
    case "Array":
      return shape.elements.flatMap((element) => schemaPaths(element, prefix))
    case "Suspend":
      return schemaPaths(shape.get(), prefix)
    default:
      return []
  }
}

/** Values of every JSON type, valid somewhere and invalid elsewhere. */
const pool: ReadonlyArray<unknown> = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  64000,
  "",
  "x",
  "model",
  "active",
  "2025-02-19T00:00:00Z",
  "2025-02-19T00:00:00.123+01:00",
  "2025-02-19",
  [],
  ["claude-x"],
  [1],
  {},
  { supported: true },
  { supported: false, detail: [1] },
  { supported: "yes" },
  { enabled: { supported: true } }
]

/** A valid JSON value for `shape` with every declared field present, optional ones included. */
const fullSample = (shape: Shape): unknown => {
  switch (shape._tag) {
    case "Struct":
      return Object.fromEntries(shape.fields.map((field) => [field.name, fullSample(field.type)]))
    case "Union": {
      const member = shape.members.find((type) => type._tag !== "Undefined" && !type.accepts(null))
      const chosen = member ?? shape.members[0]
      if (chosen === undefined) throw new Error(`${shape.label()}: a union without members`)
      return fullSample(chosen)
    }
    case "Array":
      return shape.elements.map((element) => fullSample(element))
    default: {
      const value = pool.find((candidate) => shape.accepts(candidate))
      if (value === undefined) throw new Error(`no value in the pool is valid for ${shape.label()}; add one`)
      return value
    }
  }
}

const Absent = Symbol("absent")

/** A copy of `root` with the field at `path` set (or removed); a path goes through an array's first element. */
const withField = (root: unknown, path: string, value: unknown): unknown => {
  const copy: unknown = structuredClone(root)
  const segments = path.split(".")
  let holder: unknown = copy
  for (const segment of segments.slice(0, -1)) {
    if (!isRecord(holder)) throw new Error(`${path}: no object at ${segment}`)
    holder = holder[segment]
    if (Array.isArray(holder)) holder = holder[0]
  }
  const last = segments[segments.length - 1]
  if (!isRecord(holder) || last === undefined) throw new Error(`${path}: no object to set it on`)
  if (value === Absent) Reflect.deleteProperty(holder, last)
  else holder[last] = value
  return copy
}

const objectPrototypeKeys = Reflect.ownKeys(Object.prototype)

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

/** The `describe` blocks, in order: each name with its tests, in order. */
export type Suite = ReadonlyArray<readonly [name: string, tests: ReadonlyArray<Test>]>

export const check = (name: string, run: () => void): Test => ({ _tag: "Check", name, run })

export const suite = <E>(edition: Edition<E>): Suite => {
  const { assert, decoder, fastCheck: FastCheck, schema } = edition
  const { fastModel, fastPage, formatError } = decoder

  const decoded = <A>(result: EditionResult<A, E>): Decoded<A, E> => {
    switch (result._tag) {
      case "Right":
        return { _tag: "Success", value: result.right }
      case "Success":
        return { _tag: "Success", value: result.success }
      case "Left":
        return { _tag: "Failure", error: result.left }
      case "Failure":
        return { _tag: "Failure", error: result.failure }
    }
  }
  const decodePage = (json: unknown) => decoded(decoder.decodePage(json))
  const decodeModel = (json: unknown) => decoded(decoder.decodeModel(json))
  const schemaPage = (json: unknown) => decoded(schema.page(json))
  const schemaModel = (json: unknown) => decoded(schema.model(json))

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
      : prototype === edition.utcPrototype
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
  const assertSame = <A>(actual: Decoded<A, E>, expected: Decoded<A, E>) => {
    if (expected._tag === "Success") {
      assert.isTrue(actual._tag === "Success", "Schema accepted the input but the fast decoder did not")
      if (actual._tag === "Success") {
        assert.strictEqual(describeValue(actual.value), describeValue(expected.value))
        assert.deepStrictEqual(actual.value, expected.value)
      }
    } else {
      assert.isTrue(actual._tag === "Failure", "Schema rejected the input but the fast decoder did not")
      if (actual._tag === "Failure") {
        assert.strictEqual(edition.errorText(actual.error), edition.errorText(expected.error))
        assert.deepStrictEqual(edition.errorIssues(actual.error), edition.errorIssues(expected.error))
      }
    }
  }

  // -------------------------------------------------------------------------
  // Arbitrary JSON text. Inputs are built as text and parsed, because that is
  // what the decoders receive, and because only JSON.parse makes an own
  // "__proto__" key or lets a later duplicate key win.
  // -------------------------------------------------------------------------

  const anyJson: Arbitrary<Text> = FastCheck.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value))

  const oddKey = FastCheck.oneof(
    FastCheck.string({ maxLength: 8 }),
    FastCheck.constantFrom(
      "__proto__",
      "0",
      "7",
      "constructor",
      "toString",
      "hasOwnProperty",
      "supported",
      "batch",
      "id"
    )
  )

  /** Absent `absent` times in 1000. */
  const field = (key: string, value: Arbitrary<Text>, absent: number): Arbitrary<Field> => {
    const present = value.map((text): Field => [key, text])
    const weight = Math.round(absent)
    return weight <= 0 ? present : FastCheck.oneof(
      { weight: 1000 - weight, arbitrary: present },
      { weight, arbitrary: FastCheck.constant<Field>(undefined) }
    )
  }

  /** Mostly `good`, sometimes any JSON at all, `corruption` parts in 1000. */
  const mostly = (good: Arbitrary<Text>, corruption: number): Arbitrary<Text> =>
    FastCheck.oneof({ weight: 1000 - corruption, arbitrary: good }, { weight: corruption, arbitrary: anyJson })

  const instant = FastCheck.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) })

  const timestamp: Arbitrary<string> = FastCheck.oneof(
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
  const timestampFor = (corruption: number): Arbitrary<string> => {
    const other = Math.min(900, corruption * 4)
    return FastCheck.oneof(
      { weight: 1000 - other, arbitrary: instant.map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")) },
      { weight: Math.max(1, other), arbitrary: timestamp }
    )
  }

  /** Ordinary keys, and the awkward ones `corruption` times in 1000. */
  const keyFor = (corruption: number): Arbitrary<string> =>
    FastCheck.oneof(
      { weight: 1000 - corruption, arbitrary: FastCheck.string({ minLength: 1, maxLength: 8 }) },
      { weight: Math.max(1, corruption), arbitrary: oddKey }
    )

  const safeInteger = FastCheck.oneof(
    { weight: 5, arbitrary: FastCheck.constantFrom(8192, 32000, 64000, 200000, 1000000) },
    { weight: 2, arbitrary: FastCheck.integer() },
    { weight: 1, arbitrary: FastCheck.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER) }
  ).map(String)

  const notQuiteInteger = FastCheck.constantFrom(
    "-0",
    "1.5",
    "9007199254740992",
    "1e400",
    "-1e400",
    "\"64000\"",
    "true"
  )

  /** Integers, and `corruption` in 1000 of the values JSON can send that are not safe integers. */
  const integerish = (corruption: number) =>
    FastCheck.oneof(
      { weight: 1000 - corruption, arbitrary: safeInteger },
      { weight: Math.max(1, corruption), arbitrary: notQuiteInteger }
    )

  const orNull = (text: Arbitrary<Text>) =>
    FastCheck.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: FastCheck.constant("null") })

  const jsonString = (value: Arbitrary<string>) => value.map((s) => JSON.stringify(s))

  /**
   * Arbitrary text for a schema's value, read off the schema itself, so the
   * generator keeps up with new fields: declared fields in schema order (or
   * shuffled), some left out, some null, extra keys, and corruption.
   */
  const arbitraryFor = (shape: Shape, corruption: number): Arbitrary<Text> => {
    switch (shape._tag) {
      case "Boolean":
        return FastCheck.boolean().map(String)
      case "String":
        return jsonString(FastCheck.string({ maxLength: 8 }))
      case "Unknown":
        return anyJson
      case "Literal":
        return FastCheck.constant(JSON.stringify(shape.literal))
      case "Union": {
        const members = shape.members.filter((member) => member._tag !== "Undefined")
        return FastCheck.oneof(...members.map((member) => arbitraryFor(member, corruption)))
      }
      case "Struct": {
        const fields = shape.fields.map((property) =>
          field(
            property.name,
            mostly(arbitraryFor(property.type, corruption), corruption),
            property.optional ? 200 : corruption / 10
          )
        )
        return FastCheck.tuple(
          FastCheck.tuple(...fields),
          FastCheck.array(FastCheck.tuple(keyFor(corruption), anyJson), { maxLength: shape.open ? 2 : 0 }),
          FastCheck.oneof(
            { weight: 3, arbitrary: FastCheck.constant(null) },
            { weight: 1, arbitrary: FastCheck.array(FastCheck.integer(), { minLength: 3, maxLength: 12 }) }
          )
        ).map(([declared, extra, order]) => {
          const entries = [...declared.filter((entry): entry is Entry => entry !== undefined), ...extra]
          return objectText(order === null ? entries : shuffled(entries, order))
        })
      }
      default:
        return anyJson
    }
  }

  const capabilities = (corruption: number): Arbitrary<Text> => arbitraryFor(edition.capabilitiesShape, corruption)

  const model = (corruption: number): Arbitrary<Text> =>
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
      field(
        "allowed_fallback_models",
        mostly(
          orNull(
            FastCheck.array(jsonString(FastCheck.string({ maxLength: 12 })), { maxLength: 3 }).map((ids) =>
              `[${ids.join(",")}]`
            )
          ),
          corruption
        ),
        500
      ),
      FastCheck.array(FastCheck.tuple(keyFor(corruption), anyJson), { maxLength: 2 }),
      FastCheck.option(FastCheck.array(FastCheck.integer(), { minLength: 3, maxLength: 16 }))
    ).map(
      (
        [
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
          retires,
          fallbacks,
          extra,
          order
        ]
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
          retires,
          fallbacks
        ]
          .filter((entry): entry is Entry => entry !== undefined)
        const entries = [...present, ...extra]
        return objectText(order === null ? entries : shuffled(entries, order))
      }
    )

  const page = (corruption: number, maxModels: number): Arbitrary<Text> =>
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

  // Counts which path inputs took, so the properties cannot pass by never using one of them.
  const taken = { fast: 0, fastAsParsed: 0, fastReordered: 0, schemaSuccess: 0, schemaFailure: 0 }

  const countCapabilities = (json: unknown, page: PageView) => {
    if (!isRecord(json) || !Array.isArray(json.data)) return
    const data: ReadonlyArray<unknown> = json.data
    page.data.forEach((model, i) => {
      const input = data[i]
      if (model.capabilities === null || model.capabilities === undefined || !isRecord(input)) return
      if (model.capabilities === input.capabilities) taken.fastAsParsed++
      else taken.fastReordered++
    })
  }

  const checkPage = (text: Text) => {
    const json: unknown = JSON.parse(text)
    const expected = schemaPage(parseWithoutProto(text))
    assertSame(decodePage(json), expected)
    const fast = fastPage(json)
    if (fast !== undefined) {
      taken.fast++
      countCapabilities(json, fast)
    } else if (expected._tag === "Success") taken.schemaSuccess++
    else taken.schemaFailure++
  }

  const pagePaths = [...new Set(schemaPaths(edition.pageShape))]

  // -------------------------------------------------------------------------
  // __proto__ and deep nesting helpers
  // -------------------------------------------------------------------------

  const assertObjectPrototypeUntouched = () => {
    assert.deepStrictEqual(Reflect.ownKeys(Object.prototype), objectPrototypeKeys)
    const probe: { readonly [key: string]: unknown } = {}
    for (const name of ["supported", "pdf_input", "types", "adaptive", "has_more", "max_tokens", "x"]) {
      assert.isUndefined(probe[name], name)
    }
  }

  /** Every object in a decoded value is a plain object or array without a "__proto__" key. Iterative, for deep values. */
  const assertPlainEverywhere = (root: unknown) => {
    const stack: Array<unknown> = [root]
    for (let count = 0; stack.length > 0; count++) {
      const value = stack.pop()
      if (typeof value !== "object" || value === null || edition.isDateTime(value)) continue
      const prototype: unknown = Object.getPrototypeOf(value)
      assert.isTrue(
        prototype === Object.prototype || prototype === Array.prototype,
        "a decoded object lost its prototype"
      )
      assert.isFalse(Object.hasOwn(value, "__proto__"), "a __proto__ key survived decoding")
      for (const key of Object.keys(value)) stack.push(Reflect.get(value, key))
    }
  }

  /** Decodes without throwing, and any error formats without throwing, briefly. */
  const decodeSafely = (text: string) => {
    const json: unknown = JSON.parse(text)
    const page = decodePage(json)
    if (page._tag === "Failure") {
      const message = formatError(page.error)
      assert.isAtMost(message.length, 2000)
      assert.isAbove(message.length, 0)
    }
    return { json, page }
  }

  const property = (
    name: string,
    arbitrary: Arbitrary<string>,
    check: (text: string) => void,
    numRuns: number
  ): Test => ({ _tag: "Property", name, arbitrary, check, numRuns })

  // -------------------------------------------------------------------------
  // decode: the fast path gives what Schema gives
  // -------------------------------------------------------------------------

  const fixtureTests = ["model-current.json", "model-beta.json", "model-future-fields.json", "models-page.json"].map(
    (name) =>
      check(`takes the fast path for fixtures/${name}, returning capabilities as parsed`, () => {
        const json: unknown = JSON.parse(readFileSync(new URL(name, edition.fixtures), "utf8"))
        const isPage = isRecord(json) && "data" in json
        const inputs: ReadonlyArray<unknown> = isPage && Array.isArray(json.data) ? json.data : [json]
        const decoded = isPage ? fastPage(json)?.data : [fastModel(json)]
        assert.isDefined(decoded)
        inputs.forEach((input, i) => {
          const model = decoded?.[i]
          assert.isDefined(model)
          if (isRecord(input)) assert.strictEqual(model?.capabilities, input.capabilities)
        })
        if (isPage) assertSame(decodePage(json), schemaPage(json))
        else assertSame(decodeModel(json), schemaModel(json))
      })
  )

  const fastPath: ReadonlyArray<Test> = [
    check("knows every field the schemas declare, and no other", () => {
      assert.sameMembers([...fastPathFields], pagePaths)
      assert.strictEqual(new Set(fastPathFields).size, fastPathFields.length)
    }),

    check("takes the fast path on a full sample of the schema", () => {
      const sample = fullSample(edition.pageShape)
      const json: unknown = JSON.parse(JSON.stringify(sample))
      assert.isDefined(fastPage(json))
      assertSame(decodePage(json), schemaPage(json))
    }),

    check("agrees with Schema on every field set to valid and invalid values", () => {
      const sample = fullSample(edition.pageShape)
      for (const path of pagePaths) {
        let accepted = 0
        let rejected = 0
        for (const value of [Absent, ...pool]) {
          const json: unknown = JSON.parse(JSON.stringify(withField(sample, path, value)))
          const expected = schemaPage(json)
          try {
            assertSame(decodePage(json), expected)
            if (expected._tag === "Success") {
              accepted++
              assert.isDefined(fastPage(json), "Schema accepts it, so the fast path must decode it itself")
            } else rejected++
          } catch (error) {
            throw new Error(`${path} = ${value === Absent ? "(absent)" : JSON.stringify(value)}: ${String(error)}`)
          }
        }
        assert.isAbove(accepted, 0, `${path}: no valid value tried`)
        assert.isAbove(rejected, 0, `${path}: no invalid value tried`)
      }
    }),

    check("takes the fast path for a page as the API sends it, returning capabilities as parsed", () => {
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
              compaction: null,
              effort: { supported: true, high: { supported: true }, xhigh: null },
              thinking: { supported: true, types: { enabled: { supported: true }, adaptive: { supported: false } } },
              new_capability: { supported: false }
            },
            lifecycle: "active",
            line: "opus",
            deprecated_at: null,
            retires_at: "2027-01-22T00:00:00.000Z",
            allowed_fallback_models: ["claude-sonnet-4-5"]
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
      const fast = fastPage(json)
      assert.isDefined(fast)
      assertSame(decodePage(json), schemaPage(json))
      if (fast !== undefined && isRecord(json) && Array.isArray(json.data)) {
        const first: unknown = json.data[0]
        assert.strictEqual(fast.data[0]?.capabilities, isRecord(first) ? first.capabilities : undefined)
      }
    }),

    ...fixtureTests,

    check("takes the fast path for keys in another order, and orders them as Schema does", () => {
      const text = modelText(
        "\"capabilities\":{\"thinking\":{\"types\":{\"adaptive\":{\"supported\":true},\"enabled\":{\"supported\":false}}," +
          "\"supported\":true},\"7\":{\"x\":1},\"later\":1,\"batch\":{\"note\":\"n\",\"supported\":true}}"
      )
      const json: unknown = JSON.parse(text)
      const fast = fastModel(json)
      assert.isDefined(fast)
      assertSame(decodeModel(json), schemaModel(json))
      assert.deepStrictEqual(Object.keys(fast?.capabilities ?? {}), ["7", "batch", "thinking", "later"])
    }),

    check("leaves a polluted Object.prototype to Schema", () => {
      const json: unknown = JSON.parse(modelText("\"capabilities\":{\"batch\":{}}"))
      for (const name of ["max_tokens", "supported"]) {
        Object.defineProperty(Object.prototype, name, {
          value: true,
          configurable: true,
          enumerable: false,
          writable: true
        })
        try {
          assert.isUndefined(fastModel(json))
          assertSame(decodeModel(json), schemaModel(json))
        } finally {
          Reflect.deleteProperty(Object.prototype, name)
        }
      }
      assert.isDefined(fastModel(JSON.parse(modelText(""))))
    }),

    property("pages close to the API's: identical results and errors", page(5, 8), checkPage, 400),

    property("pages with many faults: identical results and errors", pageOrAnything(150), checkPage, 600),

    property("one model (retrieve): identical results and errors", model(60), (text) => {
      const json: unknown = JSON.parse(text)
      assertSame(decodeModel(json), schemaModel(parseWithoutProto(text)))
    }, 1000),

    property("any JSON at all: identical results and errors", anyJson, checkPage, 300),

    check("exercised every path", () => {
      // Runs after the properties above (vitest runs a file's tests in order).
      const counts = JSON.stringify(taken)
      assert.isAbove(taken.fast, 200, counts)
      assert.isAbove(taken.fastAsParsed, 40, counts)
      assert.isAbove(taken.fastReordered, 40, counts)
      assert.isAbove(taken.schemaFailure, 200, counts)
      assertObjectPrototypeUntouched()
    })
  ]

  // -------------------------------------------------------------------------
  // decode: __proto__ keys are dropped
  // -------------------------------------------------------------------------

  const protoCases: ReadonlyArray<{
    readonly name: string
    readonly text: string
    readonly check: (page: PageView) => void
    /** Where the fast path reads no key by iterating, it decodes the page itself; elsewhere it declines. */
    readonly fast?: true
  }> = [
    {
      name: "on the page",
      text: pageText([modelText("")], "\"__proto__\":{\"has_more\":true,\"extra\":1},"),
      check: (page) => assert.deepStrictEqual(Object.keys(page), ["data", "first_id", "last_id", "has_more"]),
      fast: true
    },
    {
      name: "on a model",
      text: pageText([
        modelText("\"__proto__\":{\"max_tokens\":5,\"capabilities\":{\"batch\":{\"supported\":\"yes\"}}}")
      ]),
      check: (page) =>
        assert.deepStrictEqual(Object.keys(page.data[0] ?? {}), ["id", "type", "display_name", "created_at"]),
      fast: true
    },
    {
      name: "under capabilities",
      text: pageText([
        modelText(
          "\"capabilities\":{\"__proto__\":{\"pdf_input\":{\"supported\":\"yes\"}},\"batch\":{\"supported\":true}}"
        )
      ]),
      check: (page) => {
        assert.deepStrictEqual(page.data[0]?.capabilities, { batch: { supported: true } })
        assert.isUndefined(page.data[0]?.capabilities?.pdf_input)
      }
    },
    {
      name: "inside one capability",
      text: pageText([
        modelText(
          "\"capabilities\":{\"pdf_input\":{\"__proto__\":{\"supported\":\"yes\"},\"supported\":false}," +
            "\"thinking\":{\"supported\":true,\"__proto__\":{\"types\":{\"adaptive\":{\"supported\":\"yes\"}}}}}"
        )
      ]),
      check: (page) => {
        assert.deepStrictEqual(page.data[0]?.capabilities, {
          pdf_input: { supported: false },
          thinking: { supported: true }
        })
        assert.isUndefined(page.data[0]?.capabilities?.thinking?.types)
      }
    },
    {
      name: "inside a nested entry",
      text: pageText([
        modelText(
          "\"capabilities\":{\"effort\":{\"supported\":true,\"high\":{\"__proto__\":{\"x\":1},\"supported\":true}}," +
            "\"thinking\":{\"supported\":true,\"types\":{\"__proto__\":{\"adaptive\":{\"supported\":\"yes\"}}}}}"
        )
      ]),
      check: (page) => {
        assert.deepStrictEqual(page.data[0]?.capabilities, {
          effort: { supported: true, high: { supported: true } },
          thinking: { supported: true, types: {} }
        })
        assert.isUndefined(page.data[0]?.capabilities?.thinking?.types?.adaptive)
      }
    },
    {
      name: "spelt with escapes",
      text: pageText([
        modelText(
          "\"capabilities\":{\"\\u005f_proto__\":{\"pdf_input\":{\"supported\":\"yes\"}}," +
            "\"batch\":{\"supported\":true,\"__pro\\u0074o__\":{\"supported\":\"yes\"}}}"
        )
      ]),
      check: (page) => assert.deepStrictEqual(page.data[0]?.capabilities, { batch: { supported: true } })
    },
    {
      name: "inside a value kept unchecked",
      text: pageText([
        modelText("\"capabilities\":{\"future\":{\"__proto__\":{\"x\":1},\"y\":[{\"__proto__\":null,\"z\":2}]}}")
      ]),
      check: (page) => assert.deepStrictEqual(page.data[0]?.capabilities, { future: { y: [{ z: 2 }] } })
    }
  ]

  const protoKeys: ReadonlyArray<Test> = [
    ...protoCases.map(({ check: checkValue, fast: fastPathDecodes, name, text }) =>
      check(name, () => {
        const json: unknown = JSON.parse(text)
        const decoded = decodePage(json)
        assert.isTrue(decoded._tag === "Success", decoded._tag === "Failure" ? formatError(decoded.error) : "")
        if (decoded._tag === "Failure") return
        checkValue(decoded.value)
        assertPlainEverywhere(decoded.value)
        // The fast path, where it does not decline, and the Schema fallback alone give the same.
        const fast = fastPage(json)
        assert.strictEqual(fast !== undefined, fastPathDecodes === true)
        if (fast !== undefined) assertSame({ _tag: "Success", value: fast }, decoded)
        const fallback = schemaPage(withoutProtoKeys(json))
        assertSame(fallback, decoded)
        assertSame(fallback, schemaPage(parseWithoutProto(text)))
        // One model, as retrieve decodes it.
        const model = isRecord(json) && Array.isArray(json.data) ? json.data[0] : undefined
        const one = decodeModel(model)
        assert.isTrue(one._tag === "Success")
        if (one._tag === "Success") assertPlainEverywhere(one.value)
        assertSame(schemaModel(withoutProtoKeys(model)), one)
        assertObjectPrototypeUntouched()
      })
    ),

    check("a failing page with __proto__ keys fails as the same page without them", () => {
      const text = pageText([
        modelText("\"capabilities\":{\"__proto__\":{\"batch\":1},\"batch\":{\"supported\":\"no\"}}")
      ])
      const decoded = decodePage(JSON.parse(text))
      assert.isTrue(decoded._tag === "Failure")
      assertSame(decoded, schemaPage(parseWithoutProto(text)))
      assertObjectPrototypeUntouched()
    }),

    check("withoutProtoKeys: the same value when there is none; otherwise a copy in the same order", () => {
      const clean: unknown = JSON.parse("{\"b\":[1,{\"c\":null}],\"a\":\"x\"}")
      assert.strictEqual(withoutProtoKeys(clean), clean)
      const dirty: unknown = JSON.parse("{\"b\":[1,{\"__proto__\":2,\"c\":null}],\"__proto__\":{},\"a\":\"x\"}")
      const copy = withoutProtoKeys(dirty)
      assert.strictEqual(JSON.stringify(copy), "{\"b\":[1,{\"c\":null}],\"a\":\"x\"}")
      assertPlainEverywhere(copy)
      assert.isTrue(Object.hasOwn(isRecord(dirty) ? dirty : {}, "__proto__"), "the input is left alone")
      for (const primitive of [null, 1, "__proto__", true]) assert.strictEqual(withoutProtoKeys(primitive), primitive)
    })
  ]

  // -------------------------------------------------------------------------
  // decode: deeply nested JSON never throws
  // -------------------------------------------------------------------------

  const deepNesting: ReadonlyArray<Test> = [3_000, 100_000].flatMap((depth) => [
    check(`${depth} levels under data`, () => {
      for (
        const text of [
          `{"data":${deepArray(depth)},"first_id":null,"last_id":null,"has_more":false}`,
          pageText([deepArray(depth)]),
          pageText([deepObject(depth)])
        ]
      ) {
        const { page } = decodeSafely(text)
        assert.isTrue(page._tag === "Failure")
        if (page._tag === "Failure") assert.include(formatError(page.error), "[\"data\"]")
      }
    }),

    check(`${depth} levels under a capability`, () => {
      const rejected = [
        `"batch":${deepArray(depth)}`,
        `"batch":{"supported":${deepArray(depth)}}`,
        `"thinking":{"supported":true,"types":{"adaptive":${deepObject(depth)}}}`
      ]
      for (const capability of rejected) {
        const { page } = decodeSafely(pageText([modelText(`"capabilities":{${capability}}`)]))
        assert.isTrue(page._tag === "Failure")
      }
      // Undeclared fields of a capability are kept, at any depth.
      const { json, page } = decodeSafely(
        pageText([modelText(`"capabilities":{"thinking":{"supported":true,"types":{"extra":${deepObject(depth)}}}}`)])
      )
      assert.isTrue(page._tag === "Success")
      assert.isDefined(fastPage(json))
    }),

    check(`${depth} levels under an unknown field`, () => {
      for (const value of [deepArray(depth), deepObject(depth)]) {
        const kept = decodeSafely(pageText([modelText(`"capabilities":{"future":${value}}`)]))
        assert.isTrue(kept.page._tag === "Success")
        assert.isDefined(fastPage(kept.json))
        const dropped = decodeSafely(pageText([modelText(`"future":${value}`)], `"future":${value},`))
        assert.isTrue(dropped.page._tag === "Success")
        if (dropped.page._tag === "Success") assert.notProperty(dropped.page.value.data[0], "future")
      }
      // A __proto__ key at the bottom is dropped on the Schema path, still without recursion.
      const proto = decodeSafely(
        pageText([modelText(`"capabilities":{"future":${deepObject(depth, "{\"__proto__\":{\"x\":1},\"y\":2}")}}`)])
      )
      assert.isTrue(proto.page._tag === "Success")
      if (proto.page._tag === "Success") {
        assert.isUndefined(fastPage(proto.json))
        assertPlainEverywhere(proto.page.value)
      }
      assertObjectPrototypeUntouched()
    })
  ])

  // -------------------------------------------------------------------------
  // decode: formatError
  // -------------------------------------------------------------------------

  const formatErrorTests: ReadonlyArray<Test> = [
    ...edition.formatErrorChecks,
    property("never throws and stays short on any page", pageOrAnything(300), (text) => {
      const page = decodePage(JSON.parse(text))
      if (page._tag === "Failure") assert.isAtMost(formatError(page.error).length, 2000)
    }, 300)
  ]

  return [
    ["decode: the fast path gives what Schema gives", fastPath],
    ["decode: __proto__ keys are dropped", protoKeys],
    ["decode: deeply nested JSON never throws", deepNesting],
    ["decode: formatError", formatErrorTests]
  ]
}
