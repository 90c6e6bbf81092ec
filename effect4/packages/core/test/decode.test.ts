/**
 * The decode suite on the Effect 4 edition: the cases of
 * packages/core/test/shared/decodeCases.ts (one copy, shared with the
 * Effect 3 edition) over this edition's decoder, its Schema and fast-check
 * itself (effect/FastCheck is gone in Effect 4 and it.prop takes only
 * Schemas). This file supplies the `Edition` (results as `Decoded`, errors
 * compared by the default and the Standard Schema formatters, the schemas'
 * encoded ASTs as `Shape`s) and registers the tests; the three formatError
 * checks whose messages are Effect 4's own are written here.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import * as FastCheck from "fast-check"
import * as D from "../../../../packages/core/test/shared/decodeCases.js"
import * as Decode from "../src/internal/decode.js"
import { Capabilities, ModelInfo, ModelsPage } from "../src/ModelInfo.js"

const formatDefault = SchemaIssue.makeFormatterDefault()
const formatStandard = SchemaIssue.makeFormatterStandardSchemaV1()

const accepts = (ast: AST.AST) => (value: unknown): boolean =>
  Result.isSuccess(Schema.decodeUnknownResult(Schema.make<Schema.Codec<unknown, unknown>>(ast))(value))

/**
 * The encoded AST as the shared walks read it. Effect 4's NullOr is a union
 * with a Null node (Effect 3's was Literal(null)), read as that literal; a
 * string keeps its checks, which `accepts` applies.
 */
const toShape = (ast: AST.AST): D.Shape => {
  const node = { accepts: accepts(ast), label: () => String(ast) }
  switch (ast._tag) {
    case "Boolean":
    case "String":
    case "Unknown":
    case "Undefined":
      return { ...node, _tag: ast._tag }
    case "Null":
      return { ...node, _tag: "Literal", literal: null }
    case "Literal":
      return { ...node, _tag: "Literal", literal: ast.literal }
    case "Union":
      return { ...node, _tag: "Union", members: ast.types.map(toShape) }
    case "Objects":
      return {
        ...node,
        _tag: "Struct",
        fields: ast.propertySignatures.map((property) => ({
          name: String(property.name),
          optional: AST.isOptional(property.type),
          type: toShape(property.type)
        })),
        open: ast.indexSignatures.length > 0
      }
    case "Arrays":
      return { ...node, _tag: "Array", elements: [...ast.elements, ...ast.rest].map(toShape) }
    case "Suspend":
      return { ...node, _tag: "Suspend", get: () => toShape(ast.thunk()) }
    default:
      return { ...node, _tag: "Other" }
  }
}

const isArbitrary = (arbitrary: D.Arbitrary<string>): arbitrary is FastCheck.Arbitrary<string> =>
  arbitrary instanceof FastCheck.Arbitrary

// The formatError checks whose messages are this edition's own.
const formatErrorChecks: ReadonlyArray<D.Test> = [
  D.check("is the default formatter's message when that is short", () => {
    const page = Decode.decodePage(JSON.parse(D.pageText([D.modelText("\"max_tokens\":1.5")])))
    assert.isTrue(Result.isFailure(page))
    if (Result.isFailure(page)) {
      assert.strictEqual(Decode.formatError(page.failure), formatDefault(page.failure.issue))
    }
  }),

  D.check("is cut to 2,000 characters", () => {
    // Effect 4's messages name the path and the expectation, never the value, so
    // no page makes one this long; a hand-made error checks the cut itself.
    const error = new Schema.SchemaError(
      new SchemaIssue.InvalidValue({ message: `${"x".repeat(1998)}🙂${"y".repeat(3000)}` })
    )
    const message = Decode.formatError(error)
    assert.isAtMost(message.length, 2000)
    assert.isTrue(message.endsWith("…"))
    assert.isTrue(formatDefault(error.issue).startsWith(message.slice(0, -1)))
    // A surrogate pair is never cut in half.
    assert.isFalse(/[\ud800-\udbff]…$/.test(message))
    const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, "value"])))
    const page = Decode.decodePage(JSON.parse(`{"data":${huge},"first_id":null,"last_id":null,"has_more":false}`))
    assert.isTrue(Result.isFailure(page))
    if (Result.isFailure(page)) assert.strictEqual(Decode.formatError(page.failure), "Expected array\n  at [\"data\"]")
  }),

  D.check("describes a value too deep to print by where it is and what was expected", () => {
    // Effect 4's formatter never prints the value, so there is no fallback
    // message as in Effect 3: the formatter's own is short at any depth.
    const page = Decode.decodePage(JSON.parse(D.pageText([D.deepArray(100_000)])))
    assert.isTrue(Result.isFailure(page))
    if (Result.isFailure(page)) {
      const message = Decode.formatError(page.failure)
      assert.strictEqual(message, formatDefault(page.failure.issue))
      assert.include(message, "[\"data\"][0]")
      assert.isAtMost(message.length, 200)
    }
  })
]

const groups = D.suite<Schema.SchemaError>({
  decoder: Decode,
  schema: { page: Schema.decodeUnknownResult(ModelsPage), model: Schema.decodeUnknownResult(ModelInfo) },
  errorText: (error) => formatDefault(error.issue),
  errorIssues: (error) => formatStandard(error.issue),
  utcPrototype: Object.getPrototypeOf(DateTime.makeUnsafe(0)),
  isDateTime: DateTime.isDateTime,
  // Effect 4 keeps a transformation on the decoded node; the encoded side is the JSON shape.
  pageShape: toShape(AST.toEncoded(ModelsPage.ast)),
  capabilitiesShape: toShape(AST.toEncoded(Capabilities.ast)),
  fixtures: new URL("./fixtures/", import.meta.url),
  fastCheck: FastCheck,
  assert,
  formatErrorChecks
})

const register = (tests: ReadonlyArray<D.Test>) => {
  for (const test of tests) {
    if (test._tag === "Check") it(test.name, test.run)
    else if (isArbitrary(test.arbitrary)) {
      const arbitrary = test.arbitrary
      it(test.name, () => FastCheck.assert(FastCheck.property(arbitrary, test.check), { numRuns: test.numRuns }))
    } else throw new Error(`${test.name}: not a fast-check arbitrary`)
  }
}

for (const [name, tests] of groups) describe(name, () => register(tests))
