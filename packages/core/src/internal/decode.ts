/**
 * Decoders for `ModelsPage` and `ModelInfo` that give what
 * `Schema.decodeUnknownEither` gives, several times faster, and that are safe
 * on any JSON the server can send.
 *
 * The fast path is `@anthropic-effect/protocol/Decode`, plain TypeScript that
 * mirrors the schemas in `ModelInfo.ts` by hand; this module gives it
 * `DateTime.Utc` and falls back on Schema whenever it declines, so every
 * error, and every success on unusual input, comes from Schema itself.
 * Nothing checks the mirror at run time; `test/decode.test.ts` fails when the
 * two disagree: it walks the schemas' fields and compares both paths on every
 * one, and on arbitrary pages.
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
import * as Decode from "@anthropic-effect/protocol/Decode"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ModelInfo, ModelsPage } from "../ModelInfo.js"

const schemaDecodePage = Schema.decodeUnknownEither(ModelsPage)
const schemaDecodeModel = Schema.decodeUnknownEither(ModelInfo)

const isArray = (value: unknown): value is ReadonlyArray<unknown> => Array.isArray(value)

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
// The fast path
// ---------------------------------------------------------------------------

// What Schema.DateTimeUtc builds: it calls `DateTime.unsafeMake` too, and given
// the same instant as a number that builds the same value without parsing the
// text again.
const utc = (text: string, epochMillis: number | undefined): DateTime.Utc | undefined => {
  try {
    return DateTime.unsafeMake(epochMillis ?? text)
  } catch {
    return undefined
  }
}

// `Rfc3339` checks the same RegExp, so the fast path accepts no timestamp the
// schema refuses. The annotations on `fastPage` and `fastModel` are what check
// that protocol's structural types fit the schemas' types.
const fast = Decode.make({ timestamp: utc, pattern: Decode.rfc3339Pattern })

/**
 * The fast path alone: the page, or undefined where Schema must decide.
 * Exported so the tests can tell which path an input took.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const fastPage: (json: unknown) => ModelsPage | undefined = fast.page

/**
 * The fast path alone for one model.
 *
 * @since 0.1.0
 * @category internal
 * @internal
 */
export const fastModel: (json: unknown) => ModelInfo | undefined = fast.model

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
  return page === undefined ? schemaDecodePage(Decode.withoutProtoKeys(json)) : Either.right(page)
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
  return model === undefined ? schemaDecodeModel(Decode.withoutProtoKeys(json)) : Either.right(model)
}
