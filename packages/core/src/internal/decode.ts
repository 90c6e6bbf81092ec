/**
 * Decoders for `ModelsPage` and `ModelInfo` that give exactly what
 * `Schema.decodeUnknownEither` gives, several times faster.
 *
 * Schema's general-purpose parser spends most of a page's decode on its own
 * bookkeeping (an `Either` per value, union search trees, index signatures
 * checked twice), not on the checks themselves. The fast path below makes the
 * same checks by hand and builds the same objects in the same key order. It
 * gives up (returns `undefined`) on anything it was not written for: then the
 * full Schema decoder runs on the same input, so every error, and every success
 * on unusual input, comes from Schema itself.
 *
 * The fast path encodes the schemas in `ModelInfo.ts`. So that an edit there
 * cannot make the two disagree, the schemas' AST is reduced to a fingerprint
 * when this module loads, and the fast path is switched off unless it matches
 * the one it was written for.
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { type Capabilities, type Capability, ModelInfo, ModelsPage } from "../ModelInfo.js"

const schemaDecodePage = Schema.decodeUnknownEither(ModelsPage)
const schemaDecodeModel = Schema.decodeUnknownEither(ModelInfo)

// ---------------------------------------------------------------------------
// The guard: what the fast path assumes about the schemas
// ---------------------------------------------------------------------------

// Annotations that change how Schema parses; the fast path honours none of them.
const behaviourAnnotations = [
  AST.ParseOptionsAnnotationId,
  AST.DecodingFallbackAnnotationId,
  AST.ConcurrencyAnnotationId,
  AST.BatchingAnnotationId
]

const schemaIdName = (ast: AST.AST): string => {
  const id = ast.annotations[AST.SchemaIdAnnotationId]
  return typeof id === "symbol" ? id.description ?? "?" : "?"
}

const identifier = (ast: AST.AST): string => {
  const id = ast.annotations[AST.IdentifierAnnotationId]
  return typeof id === "string" ? id : ""
}

/**
 * The parts of an AST that decide what decoding accepts and returns, as text.
 * Titles, descriptions and messages are left out: errors always come from
 * Schema, so they cannot disagree.
 */
export const fingerprint = (ast: AST.AST, patterns: Array<RegExp> = []): string => {
  const go = (node: AST.AST) => fingerprint(node, patterns)
  const flags = behaviourAnnotations.some((id) => id in ast.annotations) ? "!" : ""
  switch (ast._tag) {
    case "StringKeyword":
      return `string${flags}`
    case "NumberKeyword":
      return `number${flags}`
    case "BooleanKeyword":
      return `boolean${flags}`
    case "UnknownKeyword":
      return `unknown${flags}`
    case "UndefinedKeyword":
      return `undefined${flags}`
    case "Literal":
      return `${JSON.stringify(ast.literal)}${flags}`
    case "Union":
      return `(${ast.types.map(go).join("|")})${flags}`
    case "TupleType":
      return `[${ast.elements.map((e) => go(e.type)).join(",")}...${ast.rest.map((r) => go(r.type)).join(",")}]${flags}`
    case "TypeLiteral":
      return `{${
        ast.propertySignatures.map((p) =>
          `${String(p.name)}${p.isOptional ? "?" : ""}${p.isReadonly ? "" : "(mutable)"}:${go(p.type)}`
        ).concat(ast.indexSignatures.map((s) => `[${go(s.parameter)}]:${go(s.type)}`)).join(";")
      }}${flags}`
    case "Refinement": {
      const pattern = ast.annotations[Schema.PatternSchemaId]
      const regex = typeof pattern === "object" && pattern !== null && "regex" in pattern &&
          pattern.regex instanceof RegExp
        ? pattern.regex
        : undefined
      if (regex !== undefined) patterns.push(regex)
      return `${go(ast.from)}&${schemaIdName(ast)}${
        regex === undefined ? "" : `/${regex.source}/${regex.flags}`
      }${flags}`
    }
    case "Transformation":
      return `${go(ast.from)}=${ast.transformation._tag}:${identifier(ast)}=>${go(ast.to)}${flags}`
    case "Declaration":
      return `declare:${identifier(ast)}${flags}`
    default:
      return `unsupported:${ast._tag}`
  }
}

/**
 * The capabilities the decoder reads by name. It is also part of the
 * fingerprint below, so a schema with other known capabilities turns the fast
 * path off instead of being decoded with a stale list.
 */
const capabilityKeys = [
  "batch",
  "citations",
  "code_execution",
  "context_management",
  "effort",
  "image_input",
  "pdf_input",
  "structured_outputs",
  "thinking"
] as const

const capability = "({supported:boolean;[string]:unknown}|undefined)"
const rfc3339 =
  "string&effect/SchemaId/Pattern/^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})$/" +
  "=ComposeTransformation:=>string=FinalTransformation:DateTimeUtc=>declare:DateTimeUtcFromSelf"

/** The fingerprint of the `ModelInfo` schema this module was written for. */
const expectedModelFingerprint = "{id:string;type:\"model\";display_name:string;" +
  `created_at:${rfc3339};` +
  "max_input_tokens?:((number&effect/SchemaId/Int|null)|undefined);" +
  "max_tokens?:((number&effect/SchemaId/Int|null)|undefined);" +
  "capabilities?:(({" +
  capabilityKeys.map((key) => `${key}?:${capability}`).join(";") +
  ";[string]:{supported:boolean;[string]:unknown}}|null)|undefined);" +
  "lifecycle?:((((\"active\"|\"deprecated\"|\"retired\")|string)|null)|undefined);" +
  "line?:((string|null)|undefined);" +
  `deprecated_at?:((${rfc3339}|null)|undefined);` +
  `retires_at?:((${rfc3339}|null)|undefined)}`

/** The fingerprint of the `ModelsPage` schema this module was written for. */
export const expectedPageFingerprint = `{data:[...${expectedModelFingerprint}];` +
  "first_id:(string|null);last_id:(string|null);has_more:boolean}"

const patterns: Array<RegExp> = []

/**
 * Whether the fast path is in use: the schemas in `ModelInfo.ts` still have the
 * shape it was written for. When false every input goes through Schema.
 */
export const fastPathEnabled = fingerprint(ModelsPage.ast, patterns) === expectedPageFingerprint &&
  fingerprint(ModelInfo.ast, patterns) === expectedModelFingerprint

// Every timestamp field uses one pattern; the fast path tests with the
// schema's own RegExp object, so it cannot drift from the schema's.
const rfc3339Pattern = patterns.length > 0 && patterns.every((regex) => regex === patterns[0]) ? patterns[0] : undefined

// ---------------------------------------------------------------------------
// The fast path
// ---------------------------------------------------------------------------

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

type Plain = { readonly [key: string]: unknown }

/**
 * JSON objects only. Schema reads an inherited value for a required field but
 * skips an inherited optional one; with `Object.prototype` as the prototype
 * and that prototype checked once per call (`prototypeIsClean`), plain
 * property reads see exactly what Schema sees.
 */
const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype

const optionalKeys = [
  "max_input_tokens",
  "max_tokens",
  "capabilities",
  "lifecycle",
  "line",
  "deprecated_at",
  "retires_at",
  "supported",
  ...capabilityKeys
]

// `for…in` stands in for `Object.keys` (same order, no array) and plain reads
// stand in for `hasOwnProperty`; both hold only while Object.prototype has no
// enumerable keys and none of the optional names.
const prototypeIsClean = (): boolean => {
  for (const _ in Object.prototype) return false
  for (const key of optionalKeys) if (key in Object.prototype) return false
  return true
}

const twoDigits = (text: string, at: number): number => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48

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
 * Must only be called on a string that matched the schema's pattern, which has
 * already checked where the digits and separators are.
 */
const canonicalMillis = (text: string): number | undefined => {
  const length = text.length
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90 || text.charCodeAt(10) !== 84) {
    return undefined
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  if (
    year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 ||
    second > 59
  ) return undefined
  const millis = length === 24
    ? (text.charCodeAt(20) - 48) * 100 + twoDigits(text, 21)
    : 0
  return Date.UTC(year, month - 1, day, hour, minute, second, millis)
}

const utc = (value: unknown, pattern: RegExp): DateTime.Utc | undefined => {
  // The fingerprint pins the pattern without flags, so `test` keeps no state between calls.
  if (typeof value !== "string") return undefined
  if (!pattern.test(value)) return undefined
  // `DateTime.unsafeMake` is what Schema.DateTimeUtc calls; given the same
  // instant as a number it builds the same value, without parsing text again.
  const millis = canonicalMillis(value)
  try {
    return DateTime.unsafeMake(millis ?? value)
  } catch {
    return undefined
  }
}

const decodeCapability = (input: unknown): Capability | undefined => {
  if (!isPlain(input)) return undefined
  const supported = input.supported
  if (typeof supported !== "boolean") return undefined
  // Schema writes the declared field first, then the rest in input order.
  const out: { [key: string]: unknown; supported: boolean } = { supported }
  for (const key in input) {
    if (key === "supported") continue
    // Assigning "__proto__" would change the prototype; leave that case to Schema.
    if (key === "__proto__") return undefined
    out[key] = input[key]
  }
  return out
}

const capabilityRanks: ReadonlyMap<string, number> = new Map(capabilityKeys.map((key, rank) => [key, rank]))

// The position of a declared capability in the schema, or -1.
const capabilityRank = (key: string): number => capabilityRanks.get(key) ?? -1

/** Schema's output order for any input: declared keys in schema order, then the rest in input order. */
const decodeCapabilitiesReordered = (input: Plain): Capabilities | undefined => {
  const out: { [key: string]: Capability } = {}
  for (const key of capabilityKeys) {
    const value = input[key]
    if (value === undefined) {
      if (Object.hasOwn(input, key)) return undefined
      continue
    }
    const decoded = decodeCapability(value)
    if (decoded === undefined) return undefined
    out[key] = decoded
  }
  for (const key in input) {
    if (capabilityRank(key) >= 0) continue
    if (key === "__proto__") return undefined
    const decoded = decodeCapability(input[key])
    if (decoded === undefined) return undefined
    out[key] = decoded
  }
  return out
}

/**
 * One pass over the keys when the declared ones arrive in schema order, as
 * the API sends them (alphabetically); undeclared keys wait until the end,
 * where Schema puts them.
 */
const decodeCapabilities = (input: unknown): Capabilities | undefined => {
  if (!isPlain(input)) return undefined
  const out: { [key: string]: Capability } = {}
  let previousRank = -1
  let undeclared: Array<string> | undefined
  for (const key in input) {
    const rank = capabilityRank(key)
    if (rank < 0) {
      if (key === "__proto__") return undefined
      ;(undeclared ??= []).push(key)
      continue
    }
    if (rank < previousRank) return decodeCapabilitiesReordered(input)
    previousRank = rank
    const value = input[key]
    // An explicit undefined is for Schema to judge.
    if (value === undefined) return undefined
    const decoded = decodeCapability(value)
    if (decoded === undefined) return undefined
    out[key] = decoded
  }
  if (undeclared !== undefined) {
    for (const key of undeclared) {
      const decoded = decodeCapability(input[key])
      if (decoded === undefined) return undefined
      out[key] = decoded
    }
  }
  return out
}

const isIntOrNull = (value: unknown): value is number | null =>
  value === null || (typeof value === "number" && Number.isSafeInteger(value))

const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === "string"

const decodeModelInfo = (input: unknown, pattern: RegExp): ModelInfo | undefined => {
  if (!isPlain(input)) return undefined
  const id = input.id
  const type = input.type
  const display_name = input.display_name
  if (typeof id !== "string" || type !== "model" || typeof display_name !== "string") return undefined
  const created_at = utc(input.created_at, pattern)
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
    const decoded = utc(deprecatedAt, pattern)
    if (decoded === undefined) return undefined
    out.deprecated_at = decoded
  } else if (Object.hasOwn(input, "deprecated_at")) return undefined

  const retiresAt = input.retires_at
  if (retiresAt === null) {
    out.retires_at = null
  } else if (retiresAt !== undefined) {
    const decoded = utc(retiresAt, pattern)
    if (decoded === undefined) return undefined
    out.retires_at = decoded
  } else if (Object.hasOwn(input, "retires_at")) return undefined

  return out
}

const decodeModelsPage = (input: unknown, pattern: RegExp): ModelsPage | undefined => {
  if (!isPlain(input)) return undefined
  const data = input.data
  const first_id = input.first_id
  const last_id = input.last_id
  const has_more = input.has_more
  if (!Array.isArray(data) || !isStringOrNull(first_id) || !isStringOrNull(last_id) || typeof has_more !== "boolean") {
    return undefined
  }
  const models: Array<ModelInfo> = []
  for (let i = 0; i < data.length; i++) {
    const model = decodeModelInfo(data[i], pattern)
    if (model === undefined) return undefined
    models.push(model)
  }
  return { data: models, first_id, last_id, has_more }
}

const fastPathReady = (): RegExp | undefined =>
  fastPathEnabled && rfc3339Pattern !== undefined && prototypeIsClean() ? rfc3339Pattern : undefined

/**
 * The fast path alone: the page, or undefined where Schema must decide.
 * Exported so the tests can tell which path an input took.
 *
 * @internal
 */
export const fastPage = (json: unknown): ModelsPage | undefined => {
  const pattern = fastPathReady()
  return pattern === undefined ? undefined : decodeModelsPage(json, pattern)
}

/**
 * The fast path alone for one model.
 *
 * @internal
 */
export const fastModel = (json: unknown): ModelInfo | undefined => {
  const pattern = fastPathReady()
  return pattern === undefined ? undefined : decodeModelInfo(json, pattern)
}

/**
 * `Schema.decodeUnknownEither(ModelsPage)`, fast on well-formed JSON.
 *
 * @internal
 */
export const decodePage = (json: unknown): Either.Either<ModelsPage, ParseResult.ParseError> => {
  const page = fastPage(json)
  return page === undefined ? schemaDecodePage(json) : Either.right(page)
}

/**
 * `Schema.decodeUnknownEither(ModelInfo)`, fast on well-formed JSON.
 *
 * @internal
 */
export const decodeModel = (json: unknown): Either.Either<ModelInfo, ParseResult.ParseError> => {
  const model = fastModel(json)
  return model === undefined ? schemaDecodeModel(json) : Either.right(model)
}
