/**
 * Decoders for `ModelsPage` and `ModelInfo` that give what
 * `Schema.decodeUnknownEither` gives, several times faster, and that are safe
 * on any JSON the server can send.
 *
 * Schema's general-purpose parser spends most of a page's decode on its own
 * bookkeeping (an `Either` per value, union search trees, index signatures
 * checked twice), not on the checks themselves. The fast path below makes the
 * same checks by hand and builds objects with the same keys in the same order.
 * It gives up (returns `undefined`) on anything it was not written for: then
 * the full Schema decoder runs, so every error, and every success on unusual
 * input, comes from Schema itself.
 *
 * The fast path mirrors the schemas in `ModelInfo.ts` by hand. Nothing checks
 * that at run time; `test/decode.test.ts` fails when the two disagree: it
 * walks the schemas' fields and compares both paths on every one, and on
 * arbitrary pages.
 *
 * A capabilities object already in the schema's key order is returned as
 * parsed rather than copied, so it is the same object as in the parsed JSON.
 *
 * `__proto__`: `JSON.parse` makes an own key of that name, and Schema's record
 * decoding assigns it, which replaces the prototype of the object it builds (so
 * a wrong-typed field could hide behind a checked one). Such keys are dropped
 * before Schema sees the input, at any depth; the fast path declines any input
 * that has one where it looks.
 *
 * @since 0.1.0
 * @internal
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { type Capabilities, ModelInfo, ModelsPage, Rfc3339 } from "../ModelInfo.js"

const schemaDecodePage = Schema.decodeUnknownEither(ModelsPage)
const schemaDecodeModel = Schema.decodeUnknownEither(ModelInfo)

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
 * A copy of `root` without any `__proto__` key, or `root` itself when it has
 * none. Keys keep their order; arrays stay arrays.
 *
 * @since 0.1.0
 * @category internal
 * @internal
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
// Error messages
// ---------------------------------------------------------------------------

const messageLimit = 2000

const clip = (text: string): string => {
  if (text.length <= messageLimit) return text
  let end = messageLimit - 1
  // Never cut a surrogate pair in half.
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

const describeActual = (actual: unknown): string =>
  actual === null ? "null" : isArray(actual) ? "an array" : typeof actual === "object" ? "an object" : typeof actual

const pathText = (path: PropertyKey | ReadonlyArray<PropertyKey>): string =>
  (typeof path === "object" ? path : [path]).map((key) =>
    `[${typeof key === "string" ? JSON.stringify(key) : String(key)}]`
  ).join("")

/**
 * What `TreeFormatter` would say first, without printing the offending value:
 * where the first issue is and what was expected there.
 */
const briefly = (issue: ParseResult.ParseIssue): string => {
  let path = ""
  let current = issue
  // The issue tree is as deep as the schema, not as the input; the bound is a backstop.
  for (let step = 0; step < 1000; step++) {
    switch (current._tag) {
      case "Pointer":
        path += pathText(current.path)
        current = current.issue
        continue
      case "Composite": {
        const issues = current.issues
        current = "_tag" in issues ? issues : issues[0]
        continue
      }
      case "Refinement":
      case "Transformation":
        current = current.issue
        continue
      case "Type":
        return `Expected ${String(current.ast)}${path === "" ? "" : ` at ${path}`}, actual ${
          describeActual(current.actual)
        } (too deeply nested to show)`
      case "Missing":
        return `${path === "" ? "A field" : path} is missing`
      case "Unexpected":
        return `${path === "" ? "A field" : path} is unexpected`
      case "Forbidden":
        return `${path === "" ? "The value" : path} is forbidden`
    }
  }
  return "The response does not match the schema"
}

/**
 * The message for a decoding error, at most about 2,000 characters. Schema's
 * `TreeFormatter` prints the offending value by recursion, which overflows the
 * stack on deeply nested JSON (3,000 levels is a 6 KB body); then a shorter
 * description without the value is given instead. Never throws.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const formatError = (error: ParseResult.ParseError): string => {
  try {
    return clip(ParseResult.TreeFormatter.formatErrorSync(error))
  } catch {
    try {
      return clip(briefly(error.issue))
    } catch {
      return "The response does not match the schema"
    }
  }
}

// ---------------------------------------------------------------------------
// The fast path: timestamps
// ---------------------------------------------------------------------------

/** The RegExp a `Schema.pattern` check carries, found through refinements and transformations. */
const patternOf = (ast: AST.AST): RegExp | undefined => {
  if (ast._tag === "Transformation") return patternOf(ast.from)
  if (ast._tag !== "Refinement") return undefined
  const pattern = ast.annotations[Schema.PatternSchemaId]
  const regex = typeof pattern === "object" && pattern !== null && "regex" in pattern ? pattern.regex : undefined
  return regex instanceof RegExp ? regex : patternOf(ast.from)
}

// The schema's own RegExp, so the fast path cannot accept a timestamp the schema refuses.
const rfc3339Pattern = patternOf(Rfc3339.ast)

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
 * The epoch milliseconds of the timestamp form the API sends,
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z`, with every field in range, or undefined for
 * any other form. For these strings `Date.parse` gives the same number, so
 * the engine's general date parser (half the cost of a model) is skipped.
 * Years below 100 are left out because `Date.UTC` reads them as 19xx.
 */
const canonicalMillis = (text: string): number | undefined => {
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

const utc = (value: unknown): DateTime.Utc | undefined => {
  if (typeof value !== "string" || rfc3339Pattern === undefined) return undefined
  // As `Schema.pattern` does, for a pattern with the `g` or `y` flag.
  rfc3339Pattern.lastIndex = 0
  if (!rfc3339Pattern.test(value)) return undefined
  // `DateTime.unsafeMake` is what Schema.DateTimeUtc calls; given the same
  // instant as a number it builds the same value, without parsing text again.
  const millis = canonicalMillis(value)
  try {
    return DateTime.unsafeMake(millis ?? value)
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------------------
// The fast path: capabilities
// ---------------------------------------------------------------------------

/**
 * One object under `capabilities`, as its schema declares it: `supported` (a
 * required boolean) where the schema has it, and entries that are each an
 * optional, nullable object of another shape. Every one of these objects also
 * keeps fields it does not declare.
 */
interface Shape {
  /** Declared names in the schema's order. */
  readonly names: ReadonlyArray<string>
  readonly ranks: ReadonlyMap<string, number>
  /** Per declared name: the entry's shape, or "boolean" for `supported`. */
  readonly fields: ReadonlyArray<Shape | "boolean">
  readonly hasSupported: boolean
}

const shape = (fields: ReadonlyArray<readonly [name: string, field: Shape | "boolean"]>): Shape => ({
  names: fields.map(([name]) => name),
  ranks: new Map(fields.map(([name], rank) => [name, rank])),
  fields: fields.map(([, field]) => field),
  hasSupported: fields.some(([, field]) => field === "boolean")
})

// Mirrors of the schemas in ModelInfo.ts, in their field order.
const capabilityShape = shape([["supported", "boolean"]])
const entries = (...names: ReadonlyArray<string>) => names.map((name) => [name, capabilityShape] as const)
const capabilitiesShape = shape([
  ...entries("batch", "citations", "code_execution"),
  ["compaction", shape([["supported", "boolean"], ...entries("summarize")])],
  [
    "context_management",
    shape([
      ["supported", "boolean"],
      ...entries("clear_thinking_20251015", "clear_tool_uses_20250919", "compact_20260112")
    ])
  ],
  ["effort", shape([["supported", "boolean"], ...entries("low", "medium", "high", "max", "xhigh")])],
  ...entries("image_input", "pdf_input"),
  ["server_tools", shape([["supported", "boolean"], ...entries("code_execution", "web_search")])],
  ...entries("structured_outputs"),
  [
    "thinking",
    shape([["supported", "boolean"], ["types", shape(entries("enabled", "adaptive", "disabled", "between_tools"))]])
  ]
])

/** As Schema builds it: nothing to do. */
const Canonical = 0
/** Valid, but Schema would order the keys differently. */
const Reordered = 1
/** Schema's to judge. */
const Declined = 2

type Verdict = typeof Canonical | typeof Reordered | typeof Declined

// Integer-like keys come first in any object's key order, so one that is not
// declared sits before the declared keys in Schema's output too.
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,8})$/.test(key)

const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

/**
 * Whether `input` has the shape, in one pass over its keys. Schema's output
 * has the declared keys in the schema's order, then the others in input order;
 * an input already in that order can be returned as it is.
 */
const verdict = (shape: Shape, input: unknown): Verdict => {
  if (!isPlain(input)) return Declined
  let result: Verdict = Canonical
  let previous = -1
  let undeclaredSeen = false
  let supportedSeen = false
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
      supportedSeen = true
    } else if (value !== null) {
      // An explicit undefined is Schema's to judge, like anything else odd.
      const inner = verdict(field, value)
      if (inner === Declined) return Declined
      if (inner === Reordered) result = Reordered
    }
  }
  if (!supportedSeen && shape.hasSupported) return Declined
  return result
}

/** `input` with its keys in the order Schema gives them, at every level the shape declares. */
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

// The one claim about types the fast path makes; test/decode.test.ts checks it against the schema.
const isCanonicalCapabilities = (input: unknown): input is Capabilities =>
  verdict(capabilitiesShape, input) === Canonical

const decodeCapabilities = (input: unknown): Capabilities | undefined => {
  if (isCanonicalCapabilities(input)) return input
  // Only for keys out of the schema's order; checking again there costs less
  // than carrying a verdict out of the type guard on every call.
  if (verdict(capabilitiesShape, input) !== Reordered) return undefined
  const reordered = reorder(capabilitiesShape, input)
  return isCanonicalCapabilities(reordered) ? reordered : undefined
}

// ---------------------------------------------------------------------------
// The fast path: models and pages
// ---------------------------------------------------------------------------

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

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
 * (`data.capabilities.thinking.types.adaptive.supported`). The tests compare
 * it with the fields the schemas declare.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const fastPathFields: ReadonlyArray<string> = [
  ...pageNames,
  ...modelNames.map((name) => `data.${name}`),
  ...shapePaths(capabilitiesShape, "data.capabilities.")
]

// Every name the fast path reads, at any level.
const namesRead = [...new Set(fastPathFields.map((path) => path.slice(path.lastIndexOf(".") + 1)))]

// Schema reads an inherited value for a required field and skips an inherited
// optional one, and `for…in` lists inherited enumerable keys; with none of
// these on Object.prototype, plain reads and `for…in` see what Schema sees.
const prototypeIsClean = (): boolean => {
  for (const _ in Object.prototype) return false
  for (const name of namesRead) if (name in Object.prototype) return false
  return true
}

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

const decodeModelInfo = (input: unknown): ModelInfo | undefined => {
  if (!isPlain(input)) return undefined
  const id = input.id
  const type = input.type
  const display_name = input.display_name
  if (typeof id !== "string" || type !== "model" || typeof display_name !== "string") return undefined
  const created_at = utc(input.created_at)
  if (created_at === undefined) return undefined
  // Keys are added in the schema's order, as Schema adds them.
  const out: Mutable<ModelInfo> = { id, type, display_name, created_at }

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
    const decoded = utc(deprecatedAt)
    if (decoded === undefined) return undefined
    out.deprecated_at = decoded
  } else if (Object.hasOwn(input, "deprecated_at")) return undefined

  const retiresAt = input.retires_at
  if (retiresAt === null) {
    out.retires_at = null
  } else if (retiresAt !== undefined) {
    const decoded = utc(retiresAt)
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

const decodeModelsPage = (input: unknown): ModelsPage | undefined => {
  if (!isPlain(input)) return undefined
  const data = input.data
  const first_id = input.first_id
  const last_id = input.last_id
  const has_more = input.has_more
  if (!isArray(data) || !isStringOrNull(first_id) || !isStringOrNull(last_id) || typeof has_more !== "boolean") {
    return undefined
  }
  const models: Array<ModelInfo> = []
  for (let i = 0; i < data.length; i++) {
    const model = decodeModelInfo(data[i])
    if (model === undefined) return undefined
    models.push(model)
  }
  return { data: models, first_id, last_id, has_more }
}

/**
 * The fast path alone: the page, or undefined where Schema must decide.
 * Exported so the tests can tell which path an input took.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const fastPage = (json: unknown): ModelsPage | undefined =>
  prototypeIsClean() ? decodeModelsPage(json) : undefined

/**
 * The fast path alone for one model.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const fastModel = (json: unknown): ModelInfo | undefined =>
  prototypeIsClean() ? decodeModelInfo(json) : undefined

/**
 * `Schema.decodeUnknownEither(ModelsPage)` with `__proto__` keys dropped, fast
 * on well-formed JSON. Never throws on a value from `JSON.parse`.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const decodePage = (json: unknown): Either.Either<ModelsPage, ParseResult.ParseError> => {
  const page = fastPage(json)
  return page === undefined ? schemaDecodePage(withoutProtoKeys(json)) : Either.right(page)
}

/**
 * `Schema.decodeUnknownEither(ModelInfo)` with `__proto__` keys dropped, fast
 * on well-formed JSON. Never throws on a value from `JSON.parse`.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const decodeModel = (json: unknown): Either.Either<ModelInfo, ParseResult.ParseError> => {
  const model = fastModel(json)
  return model === undefined ? schemaDecodeModel(withoutProtoKeys(json)) : Either.right(model)
}
