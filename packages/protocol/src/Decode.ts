/**
 * The decode fast path for `GET /v1/models` and `GET /v1/models/{model_id}`:
 * the checks an edition's `ModelsPage` and `ModelInfo` schemas make, made by
 * hand on JSON as the API sends it, several times faster than a
 * general-purpose schema parser, and safe on any JSON the server can send.
 *
 * A schema parser spends most of a page's decode on its own bookkeeping (a
 * result per value, union search trees, index signatures checked twice), not
 * on the checks themselves. The decoders made here check the same things and
 * build objects with the same keys in the same order as the schemas do. They
 * give up (return `undefined`) on anything they were not written for; the
 * edition then runs its full schema, so every error, and every success on
 * unusual input, comes from the schema itself.
 *
 * The fields known here mirror the editions' schemas by hand. Nothing checks
 * that at run time; each edition's tests compare {@link fastPathFields} with
 * its schemas' fields and both paths on arbitrary pages.
 *
 * A capabilities object already in the schema's key order is returned as
 * parsed rather than copied, so it is the same object as in the parsed JSON.
 *
 * `__proto__`: `JSON.parse` makes an own key of that name, and a schema's
 * record decoding that assigns it replaces the prototype of the object it
 * builds (so a wrong-typed field could hide behind a checked one).
 * {@link withoutProtoKeys} drops such keys, at any depth, for the schema to
 * decode; the fast path declines any input that has one where it looks.
 *
 * Timestamps are the one value an edition builds: {@link make} takes its
 * constructor, so each edition gets its own date-time type.
 *
 * @since 0.2.0
 */

type Plain = { readonly [key: string]: unknown }

// ---------------------------------------------------------------------------
// `__proto__` keys
// ---------------------------------------------------------------------------

const protoKey = "__proto__"

const isArray = (value: unknown): value is ReadonlyArray<unknown> => Array.isArray(value)

/** Arrays and objects as JSON.parse builds them (or prototype-less ones): the values that can hold data. */
const isContainer = (value: unknown): value is Plain => {
  if (typeof value !== "object" || value === null) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null || prototype === Array.prototype
}

/**
 * Whether an own `__proto__` key occurs anywhere in `root`. With its own
 * stack, not recursion, so no depth of nesting can overflow it.
 */
const hasProtoKey = (root: unknown): boolean => {
  if (!isContainer(root)) return false
  const stack: Array<Plain> = [root]
  // Only a value that did not come from JSON.parse can share or cycle.
  const seen = new Set<Plain>()
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (seen.has(value)) continue
    seen.add(value)
    for (const key of Object.keys(value)) {
      if (key === protoKey) return true
      const child = value[key]
      if (isContainer(child)) stack.push(child)
    }
  }
  return false
}

/**
 * A copy of `root` without any own `__proto__` key, at any depth, or `root`
 * itself when it has none: what a schema should be given, since its record
 * decoding would otherwise replace a prototype. Keys keep their order, arrays
 * stay arrays, prototype-less objects stay prototype-less, and the input is
 * left alone. Iterative, so it never overflows the stack.
 *
 * @since 0.2.0
 * @category sanitising
 */
export const withoutProtoKeys = (root: unknown): unknown => {
  if (!hasProtoKey(root)) return root
  const copies = new Map<Plain, unknown>()
  const pending: Array<readonly [source: Plain, fill: (key: string, value: unknown) => void]> = []
  const copyOf = (value: unknown): unknown => {
    if (!isContainer(value)) return value
    const done = copies.get(value)
    if (done !== undefined) return done
    if (isArray(value)) {
      const target: Array<unknown> = []
      copies.set(value, target)
      pending.push([value, (_, element) => target.push(element)])
      return target
    }
    const target: { [key: string]: unknown } = {}
    if (Object.getPrototypeOf(value) === null) Reflect.setPrototypeOf(target, null)
    copies.set(value, target)
    pending.push([value, (key, element) => {
      target[key] = element
    }])
    return target
  }
  const copy = copyOf(root)
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, fill] = next
    // Object.keys lists an array's indices in order, so one loop fills both kinds.
    for (const key of Object.keys(source)) if (key !== protoKey) fill(key, copyOf(source[key]))
  }
  return copy
}

// ---------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------

/**
 * RFC 3339 date-time, as the API's timestamps are. A date-time parser alone
 * accepts anything `Date.parse` does (`"2025/02/19"`, `"Feb 19 2025"`), so an
 * edition's timestamp schema checks this first; {@link make} is given the same
 * RegExp so that the fast path accepts no timestamp the schema refuses.
 *
 * @since 0.2.0
 * @category timestamps
 */
export const rfc3339Pattern: RegExp = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

const digit = (text: string, at: number): number => {
  const code = text.charCodeAt(at) - 48
  return code >= 0 && code <= 9 ? code : NaN
}

const twoDigits = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1)

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28)
    : month === 4 || month === 6 || month === 9 || month === 11
    ? 30
    : 31

/**
 * The epoch milliseconds of a timestamp in the form the API sends,
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z`, with every field in range, or undefined for
 * any other text. For these strings `Date.parse` gives the same number, so an
 * edition can skip the engine's general date parser (half the cost of a
 * model). Years below 100 are left out because `Date.UTC` reads them as 19xx.
 *
 * @since 0.2.0
 * @category timestamps
 */
export const canonicalEpochMillis = (text: string): number | undefined => {
  const length = text.length
  if (
    (length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90 || text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 || (length === 24 && text.charCodeAt(19) !== 46)
  ) return undefined
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  const millis = length === 24 ? digit(text, 20) * 100 + twoDigits(text, 21) : 0
  // Written so that NaN, from a character that is not a digit, fails every test.
  if (
    !(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 &&
      minute <= 59 && second <= 59 && millis >= 0)
  ) return undefined
  return Date.UTC(year, month - 1, day, hour, minute, second, millis)
}

// ---------------------------------------------------------------------------
// Capabilities
// ---------------------------------------------------------------------------

/**
 * An object under `capabilities`, field by field: "boolean" for a required
 * boolean (`supported`); any other field is an optional, nullable object of
 * the nested shape. Every such object also keeps fields it does not declare.
 */
interface ObjectSpec {
  readonly [name: string]: "boolean" | ObjectSpec
}

/**
 * What the fast path guarantees of an object matching `S`, derived from the
 * spec itself so that the type guard below claims no more than is checked.
 */
type Matching<S extends ObjectSpec> =
  & { readonly [K in keyof S as S[K] extends "boolean" ? K : never]: boolean }
  & { readonly [K in keyof S as S[K] extends "boolean" ? never : K]?: Nested<S[K]> | null }
  & { readonly [key: string]: unknown }

type Nested<F> = F extends ObjectSpec ? Matching<F> : never

const capability = { supported: "boolean" } as const

// Mirrors the editions' `Capabilities` schema and its parts, in their field
// order (object literals keep the order of keys that are not indices).
const capabilitiesSpec = {
  batch: capability,
  citations: capability,
  code_execution: capability,
  compaction: { supported: "boolean", summarize: capability },
  context_management: {
    supported: "boolean",
    clear_thinking_20251015: capability,
    clear_tool_uses_20250919: capability,
    compact_20260112: capability
  },
  effort: {
    supported: "boolean",
    low: capability,
    medium: capability,
    high: capability,
    max: capability,
    xhigh: capability
  },
  image_input: capability,
  pdf_input: capability,
  server_tools: { supported: "boolean", code_execution: capability, web_search: capability },
  structured_outputs: capability,
  thinking: {
    supported: "boolean",
    types: { enabled: capability, adaptive: capability, disabled: capability, between_tools: capability }
  }
} as const satisfies ObjectSpec

/**
 * `capabilities` as the fast path returns it: the typed capabilities, each
 * absent, null or of its shape (`supported` required), and any other fields
 * kept unchecked. Structural, so an edition's `Capabilities` type accepts it.
 *
 * @since 0.2.0
 * @category models
 */
export type DecodedCapabilities = Matching<typeof capabilitiesSpec>

/** A spec compiled for one pass over an object's keys. */
interface Shape {
  /** Declared names in the schema's order. */
  readonly names: ReadonlyArray<string>
  readonly ranks: ReadonlyMap<string, number>
  /** Per declared name: the entry's shape, or "boolean". */
  readonly fields: ReadonlyArray<Shape | "boolean">
  /** How many declared fields are required booleans. */
  readonly booleans: number
}

// Recursive over the spec, which is three levels deep, never over input.
const compile = (spec: ObjectSpec): Shape => {
  const names = Object.keys(spec)
  const fields = names.map((name): Shape | "boolean" => {
    const field = spec[name]
    return field === "boolean" ? field : compile(field)
  })
  return {
    names,
    ranks: new Map(names.map((name, rank) => [name, rank])),
    fields,
    booleans: fields.filter((field) => field === "boolean").length
  }
}

const capabilitiesShape = compile(capabilitiesSpec)

/** As the schema builds it: nothing to do. */
const Canonical = 0
/** Valid, but the schema would order the keys differently. */
const Reordered = 1
/** The schema's to judge. */
const Declined = 2

type Verdict = typeof Canonical | typeof Reordered | typeof Declined

// Integer-like keys come first in any object's key order, so one that is not
// declared sits before the declared keys in the schema's output too.
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,8})$/.test(key)

const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

/**
 * Whether `input` has the shape, in one pass over its keys. A schema's output
 * has the declared keys in the schema's order, then the others in input
 * order; an input already in that order can be returned as it is.
 */
const verdict = (shape: Shape, input: unknown): Verdict => {
  if (!isPlain(input)) return Declined
  let result: Verdict = Canonical
  let previous = -1
  let undeclaredSeen = false
  let booleansSeen = 0
  // `for…in` stands in for `Object.keys` (same order, no array); it would
  // also list inherited keys, but `prototypeIsClean` rules those out.
  for (const key in input) {
    const value = input[key]
    // In the common case the key is the next declared one, and parsed keys
    // are interned strings, so comparing a few names beats a hash lookup.
    let rank = previous + 1
    while (rank < shape.names.length && shape.names[rank] !== key) rank++
    if (rank === shape.names.length) rank = shape.ranks.get(key) ?? -1
    if (rank < 0) {
      if (key === protoKey || hasProtoKey(value)) return Declined
      if (!isIndexKey(key)) undeclaredSeen = true
      continue
    }
    if (undeclaredSeen || rank < previous) result = Reordered
    previous = rank
    const field = shape.fields[rank]
    if (field === "boolean") {
      if (typeof value !== "boolean") return Declined
      // Own keys are distinct, so counting finds every required one.
      booleansSeen++
    } else if (value !== null) {
      // An explicit undefined is the schema's to judge, like anything else odd.
      const inner = verdict(field, value)
      if (inner === Declined) return Declined
      if (inner === Reordered) result = Reordered
    }
  }
  if (booleansSeen !== shape.booleans) return Declined
  return result
}

/** `input` with its keys in the order the schema gives them, at every level the shape declares. */
const reorder = (shape: Shape, input: unknown): unknown => {
  if (!isPlain(input)) return input
  const out: { [key: string]: unknown } = {}
  for (let rank = 0; rank < shape.names.length; rank++) {
    const name = shape.names[rank]
    if (!Object.hasOwn(input, name)) continue
    const field = shape.fields[rank]
    out[name] = field === "boolean" ? input[name] : reorder(field, input[name])
  }
  for (const key in input) {
    // `verdict` has declined any "__proto__" key before this runs; skipping it
    // here as well keeps the assignment safe should that ever change.
    if (!shape.ranks.has(key) && key !== protoKey) out[key] = input[key]
  }
  return out
}

// The one claim about types the fast path makes. It holds because `verdict`
// checks every field `Matching` types, and only own keys are read: the callers
// check `prototypeIsClean` first. Each edition's tests check it against its
// schema.
const isCanonicalCapabilities = (input: unknown): input is DecodedCapabilities =>
  verdict(capabilitiesShape, input) === Canonical

const decodeCapabilities = (input: unknown): DecodedCapabilities | undefined => {
  if (isCanonicalCapabilities(input)) return input
  // Only for keys out of the schema's order; checking again there costs less
  // than carrying a verdict out of the type guard on every call.
  if (verdict(capabilitiesShape, input) !== Reordered) return undefined
  const reordered = reorder(capabilitiesShape, input)
  return isCanonicalCapabilities(reordered) ? reordered : undefined
}

// ---------------------------------------------------------------------------
// Models and pages
// ---------------------------------------------------------------------------

/**
 * A model as the fast path returns it, with the keys in the schema's order
 * and only the fields the schema declares. Optional fields are absent or set,
 * never an explicit undefined. Structural and generic in the edition's
 * timestamp, so an edition's `ModelInfo` type accepts it.
 *
 * @since 0.2.0
 * @category models
 */
export interface DecodedModel<Timestamp> {
  readonly id: string
  readonly type: "model"
  readonly display_name: string
  readonly created_at: Timestamp
  readonly max_input_tokens?: number | null
  readonly max_tokens?: number | null
  readonly capabilities?: DecodedCapabilities | null
  readonly lifecycle?: string | null
  readonly line?: string | null
  readonly deprecated_at?: Timestamp | null
  readonly retires_at?: Timestamp | null
  readonly allowed_fallback_models?: ReadonlyArray<string> | null
}

/**
 * A page as the fast path returns it.
 *
 * @since 0.2.0
 * @category models
 */
export interface DecodedPage<Timestamp> {
  readonly data: ReadonlyArray<DecodedModel<Timestamp>>
  readonly first_id: string | null
  readonly last_id: string | null
  readonly has_more: boolean
}

/**
 * What an edition supplies to {@link make}.
 *
 * `timestamp` builds the edition's date-time from a string that matched
 * `pattern`, exactly as its timestamp schema would; `epochMillis` is given
 * when the text is in the API's own form (see {@link canonicalEpochMillis}),
 * and is then the instant the text names, so no text need be parsed.
 * `undefined` means the schema would refuse the text. It must not throw.
 *
 * `pattern` is the RegExp the edition's timestamp schema checks first,
 * usually {@link rfc3339Pattern}.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options<Timestamp> {
  readonly timestamp: (text: string, epochMillis: number | undefined) => Timestamp | undefined
  readonly pattern: RegExp
}

/**
 * The fast path's decoders. Each returns the decoded value, or `undefined`
 * for "not the common shape: let the full schema decide". Neither throws on
 * a value from `JSON.parse`, whatever its depth.
 *
 * @since 0.2.0
 * @category models
 */
export interface Decoder<Timestamp> {
  readonly page: (json: unknown) => DecodedPage<Timestamp> | undefined
  readonly model: (json: unknown) => DecodedModel<Timestamp> | undefined
}

const pageNames = ["data", "first_id", "last_id", "has_more"] as const

const modelNames = [
  "id",
  "type",
  "display_name",
  "created_at",
  "max_input_tokens",
  "max_tokens",
  "capabilities",
  "lifecycle",
  "line",
  "deprecated_at",
  "retires_at",
  "allowed_fallback_models"
] as const

const shapePaths = (shape: Shape, prefix: string): Array<string> =>
  shape.names.flatMap((name, rank) => {
    const field = shape.fields[rank]
    return [`${prefix}${name}`, ...(field === "boolean" ? [] : shapePaths(field, `${prefix}${name}.`))]
  })

/**
 * Every field the fast path decodes, as a dotted path from the page
 * (`data.capabilities.thinking.types.adaptive.supported`); arrays add no
 * segment. An edition's tests compare it with the fields its schemas declare.
 *
 * @since 0.2.0
 * @category fields
 */
export const fastPathFields: ReadonlyArray<string> = [
  ...pageNames,
  ...modelNames.map((name) => `data.${name}`),
  ...shapePaths(capabilitiesShape, "data.capabilities.")
]

// Every name the fast path reads, at any level.
const namesRead = [...new Set(fastPathFields.map((path) => path.slice(path.lastIndexOf(".") + 1)))]

// A schema reads an inherited value for a required field and skips an
// inherited optional one, and `for…in` lists inherited enumerable keys; with
// none of these on Object.prototype, plain reads and `for…in` see what the
// schema sees.
const prototypeIsClean = (): boolean => {
  for (const _ in Object.prototype) return false
  for (const name of namesRead) if (name in Object.prototype) return false
  return true
}

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

const isIntOrNull = (value: unknown): value is number | null =>
  value === null || (typeof value === "number" && Number.isSafeInteger(value))

const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === "string"

const decodeStrings = (input: unknown): Array<string> | undefined => {
  if (!isArray(input)) return undefined
  const out: Array<string> = []
  for (let i = 0; i < input.length; i++) {
    const value = input[i]
    if (typeof value !== "string") return undefined
    out.push(value)
  }
  return out
}

/**
 * The fast path's decoders for an edition whose timestamps `options.timestamp`
 * builds. Make them once: they are plain closures, and what they return
 * depends on nothing else.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = <Timestamp>(options: Options<Timestamp>): Decoder<Timestamp> => {
  const { pattern, timestamp } = options

  // Every text in the API's own form matches `rfc3339Pattern`, so with that
  // pattern the RegExp runs only on the other forms: once per timestamp less,
  // on every model of every page.
  const canonicalImpliesPattern = pattern === rfc3339Pattern

  const decodeTimestamp = (value: unknown): Timestamp | undefined => {
    if (typeof value !== "string") return undefined
    const epochMillis = canonicalEpochMillis(value)
    if (epochMillis === undefined || !canonicalImpliesPattern) {
      // As a schema's pattern check does, for a pattern with the `g` or `y` flag.
      pattern.lastIndex = 0
      if (!pattern.test(value)) return undefined
    }
    return timestamp(value, epochMillis)
  }

  const decodeModelInfo = (input: unknown): DecodedModel<Timestamp> | undefined => {
    if (!isPlain(input)) return undefined
    const id = input.id
    const type = input.type
    const display_name = input.display_name
    if (typeof id !== "string" || type !== "model" || typeof display_name !== "string") return undefined
    const created_at = decodeTimestamp(input.created_at)
    if (created_at === undefined) return undefined
    // Keys are added in the schema's order, as the schema adds them.
    const out: Mutable<DecodedModel<Timestamp>> = { id, type, display_name, created_at }

    const maxInputTokens = input.max_input_tokens
    if (maxInputTokens !== undefined) {
      if (!isIntOrNull(maxInputTokens)) return undefined
      out.max_input_tokens = maxInputTokens
    } else if (Object.hasOwn(input, "max_input_tokens")) return undefined

    const maxTokens = input.max_tokens
    if (maxTokens !== undefined) {
      if (!isIntOrNull(maxTokens)) return undefined
      out.max_tokens = maxTokens
    } else if (Object.hasOwn(input, "max_tokens")) return undefined

    const capabilities = input.capabilities
    if (capabilities === null) {
      out.capabilities = null
    } else if (capabilities !== undefined) {
      const decoded = decodeCapabilities(capabilities)
      if (decoded === undefined) return undefined
      out.capabilities = decoded
    } else if (Object.hasOwn(input, "capabilities")) return undefined

    const lifecycle = input.lifecycle
    if (lifecycle !== undefined) {
      if (!isStringOrNull(lifecycle)) return undefined
      out.lifecycle = lifecycle
    } else if (Object.hasOwn(input, "lifecycle")) return undefined

    const line = input.line
    if (line !== undefined) {
      if (!isStringOrNull(line)) return undefined
      out.line = line
    } else if (Object.hasOwn(input, "line")) return undefined

    const deprecatedAt = input.deprecated_at
    if (deprecatedAt === null) {
      out.deprecated_at = null
    } else if (deprecatedAt !== undefined) {
      const decoded = decodeTimestamp(deprecatedAt)
      if (decoded === undefined) return undefined
      out.deprecated_at = decoded
    } else if (Object.hasOwn(input, "deprecated_at")) return undefined

    const retiresAt = input.retires_at
    if (retiresAt === null) {
      out.retires_at = null
    } else if (retiresAt !== undefined) {
      const decoded = decodeTimestamp(retiresAt)
      if (decoded === undefined) return undefined
      out.retires_at = decoded
    } else if (Object.hasOwn(input, "retires_at")) return undefined

    const fallbacks = input.allowed_fallback_models
    if (fallbacks === null) {
      out.allowed_fallback_models = null
    } else if (fallbacks !== undefined) {
      const decoded = decodeStrings(fallbacks)
      if (decoded === undefined) return undefined
      out.allowed_fallback_models = decoded
    } else if (Object.hasOwn(input, "allowed_fallback_models")) return undefined

    return out
  }

  const decodeModelsPage = (input: unknown): DecodedPage<Timestamp> | undefined => {
    if (!isPlain(input)) return undefined
    const data = input.data
    const first_id = input.first_id
    const last_id = input.last_id
    const has_more = input.has_more
    if (!isArray(data) || !isStringOrNull(first_id) || !isStringOrNull(last_id) || typeof has_more !== "boolean") {
      return undefined
    }
    const models: Array<DecodedModel<Timestamp>> = []
    for (let i = 0; i < data.length; i++) {
      const model = decodeModelInfo(data[i])
      if (model === undefined) return undefined
      models.push(model)
    }
    return { data: models, first_id, last_id, has_more }
  }

  return {
    page: (json) => prototypeIsClean() ? decodeModelsPage(json) : undefined,
    model: (json) => prototypeIsClean() ? decodeModelInfo(json) : undefined
  }
}
