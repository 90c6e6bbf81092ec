/**
 * Decoders for `ModelsPage` and `ModelInfo` that give what
 * `Schema.decodeUnknownResult` gives, several times faster, and that are safe
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
 * `__proto__`: `JSON.parse` makes an own key of that name. Effect 4's record
 * decoding keeps it as an own key (Effect 3 assigned it, which replaced the
 * prototype); either way it is not data, so such keys are dropped before
 * Schema sees the input, at any depth, as the Effect 3 edition does. The fast
 * path declines any input that has one where it looks.
 *
 * @since 1.0.0
 * @internal
 */
import * as Decode from "@anthropic-effect/protocol/Decode"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import { ModelInfo, ModelsPage } from "../ModelInfo.js"

const schemaDecodePage = Schema.decodeUnknownResult(ModelsPage)
const schemaDecodeModel = Schema.decodeUnknownResult(ModelInfo)

const messageLimit = 2000

const clip = (text: string): string => {
  if (text.length <= messageLimit) return text
  let end = messageLimit - 1
  // Never cut a surrogate pair in half.
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

const formatIssue = SchemaIssue.makeFormatterDefault()

/**
 * The message for a decoding error, at most about 2,000 characters. Effect
 * 4's formatter does not print the offending value, so unlike Effect 3's
 * `TreeFormatter` it cannot overflow the stack on deeply nested JSON; the
 * guard stays because a message must never throw.
 *
 * @since 1.0.0
 * @category internal
 * @internal
 */
export const formatError = (error: Schema.SchemaError): string => {
  try {
    return clip(formatIssue(error.issue))
  } catch {
    return "The response does not match the schema"
  }
}

// What Schema.DateTimeUtcFromString builds: `DateTime.make` then `toUtc`.
// Given the same instant as a number (always a finite one: the protocol
// computes it from four-digit fields), `makeUnsafe` builds that same `Utc`
// at once: one value instead of two and no `Option`s, for every timestamp of
// every page.
const utc = (text: string, epochMillis: number | undefined): DateTime.Utc | undefined =>
  epochMillis !== undefined && Number.isFinite(epochMillis)
    ? DateTime.makeUnsafe(epochMillis)
    : Option.getOrUndefined(Option.map(DateTime.make(text), DateTime.toUtc))

// `Rfc3339` checks the same RegExp, so the fast path accepts no timestamp the
// schema refuses. The annotations on `fastPage` and `fastModel` are what check
// that the protocol's structural types fit the schemas' types.
const fast = Decode.make({ timestamp: utc, pattern: Decode.rfc3339Pattern })

/**
 * The fast path alone: the page, or undefined where Schema must decide.
 * Exported so the tests can tell which path an input took.
 *
 * @since 1.0.0
 * @category internal
 * @internal
 */
export const fastPage: (json: unknown) => ModelsPage | undefined = fast.page

/**
 * The fast path alone for one model.
 *
 * @since 1.0.0
 * @category internal
 * @internal
 */
export const fastModel: (json: unknown) => ModelInfo | undefined = fast.model

/**
 * `Schema.decodeUnknownResult(ModelsPage)` with `__proto__` keys dropped, fast
 * on well-formed JSON. Never throws on a value from `JSON.parse`.
 *
 * @since 1.0.0
 * @category internal
 * @internal
 */
export const decodePage = (json: unknown): Result.Result<ModelsPage, Schema.SchemaError> => {
  const page = fastPage(json)
  return page === undefined ? schemaDecodePage(Decode.withoutProtoKeys(json)) : Result.succeed(page)
}

/**
 * `Schema.decodeUnknownResult(ModelInfo)` with `__proto__` keys dropped, fast
 * on well-formed JSON. Never throws on a value from `JSON.parse`.
 *
 * @since 1.0.0
 * @category internal
 * @internal
 */
export const decodeModel = (json: unknown): Result.Result<ModelInfo, Schema.SchemaError> => {
  const model = fastModel(json)
  return model === undefined ? schemaDecodeModel(Decode.withoutProtoKeys(json)) : Result.succeed(model)
}
