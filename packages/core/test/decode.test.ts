/**
 * The decode suite on the Effect 3 edition: the cases of
 * ./shared/decodeCases.ts (shared with the Effect 4 edition) over this
 * edition's decoder, its Schema and its fast-check (`effect/FastCheck`,
 * through `it.prop`). This file supplies the `Edition` (results as `Decoded`,
 * errors compared by TreeFormatter and ArrayFormatter, the schemas' ASTs as
 * `Shape`s) and registers the tests; the three formatError checks whose
 * messages are Effect 3's own are written here.
 */
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import * as Decode from "../src/internal/decode.js"
import { Capabilities, ModelInfo, ModelsPage } from "../src/ModelInfo.js"
import * as D from "./shared/decodeCases.js"

const accepts = (ast: AST.AST) => (value: unknown): boolean =>
  Either.isRight(Schema.decodeUnknownEither(Schema.make(ast))(value))

/**
 * The AST as the shared walks read it. A transformation is read as its
 * encoded side; a refinement is a leaf, judged by `accepts`.
 */
const toShape = (ast: AST.AST): D.Shape => {
  const node = { accepts: accepts(ast), label: () => String(ast) }
  switch (ast._tag) {
    case "BooleanKeyword":
      return { ...node, _tag: "Boolean" }
    case "StringKeyword":
      return { ...node, _tag: "String" }
    case "UnknownKeyword":
      return { ...node, _tag: "Unknown" }
    case "UndefinedKeyword":
      return { ...node, _tag: "Undefined" }
    case "Literal":
      return { ...node, _tag: "Literal", literal: ast.literal }
    case "Union":
      return { ...node, _tag: "Union", members: ast.types.map(toShape) }
    case "TypeLiteral":
      return {
        ...node,
        _tag: "Struct",
        fields: ast.propertySignatures.map((property) => ({
          name: String(property.name),
          optional: property.isOptional,
          type: toShape(property.type)
        })),
        open: ast.indexSignatures.length > 0
      }
    case "TupleType":
      return {
        ...node,
        _tag: "Array",
        elements: [...ast.elements, ...ast.rest].map((element) => toShape(element.type))
      }
    case "Transformation":
      return toShape(ast.from)
    case "Suspend":
      return { ...node, _tag: "Suspend", get: () => toShape(ast.f()) }
    default:
      return { ...node, _tag: "Other" }
  }
}

const isArbitrary = (arbitrary: D.Arbitrary<string>): arbitrary is FastCheck.Arbitrary<string> =>
  arbitrary instanceof FastCheck.Arbitrary

// The formatError checks whose messages are this edition's own.
const formatErrorChecks: ReadonlyArray<D.Test> = [
  D.check("is TreeFormatter's message when that is short", () => {
    const page = Decode.decodePage(JSON.parse(D.pageText([D.modelText("\"max_tokens\":1.5")])))
    assert.isTrue(Either.isLeft(page))
    if (Either.isLeft(page)) {
      assert.strictEqual(Decode.formatError(page.left), ParseResult.TreeFormatter.formatErrorSync(page.left))
    }
  }),

  D.check("is cut to 2,000 characters", () => {
    const huge = JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, "value"])))
    const page = Decode.decodePage(JSON.parse(`{"data":${huge},"first_id":null,"last_id":null,"has_more":false}`))
    assert.isTrue(Either.isLeft(page))
    if (Either.isLeft(page)) {
      const message = Decode.formatError(page.left)
      assert.isAtMost(message.length, 2000)
      assert.isTrue(message.endsWith("…"))
      assert.isTrue(ParseResult.TreeFormatter.formatErrorSync(page.left).startsWith(message.slice(0, -1)))
    }
  }),

  D.check("describes a value too deep to print by where it is and what was expected", () => {
    const page = Decode.decodePage(JSON.parse(D.pageText([D.deepArray(100_000)])))
    assert.isTrue(Either.isLeft(page))
    if (Either.isLeft(page)) {
      assert.strictEqual(
        Decode.formatError(page.left),
        "Expected ModelInfo at [\"data\"][0], actual an array (too deeply nested to show)"
      )
    }
  })
]

const groups = D.suite<ParseResult.ParseError>({
  decoder: Decode,
  schema: { page: Schema.decodeUnknownEither(ModelsPage), model: Schema.decodeUnknownEither(ModelInfo) },
  errorText: ParseResult.TreeFormatter.formatErrorSync,
  errorIssues: ParseResult.ArrayFormatter.formatErrorSync,
  utcPrototype: Object.getPrototypeOf(DateTime.unsafeMake(0)),
  isDateTime: DateTime.isDateTime,
  pageShape: toShape(ModelsPage.ast),
  capabilitiesShape: toShape(Capabilities.ast),
  fixtures: new URL("./fixtures/", import.meta.url),
  fastCheck: FastCheck,
  assert,
  formatErrorChecks
})

const register = (tests: ReadonlyArray<D.Test>) => {
  for (const test of tests) {
    if (test._tag === "Check") it(test.name, test.run)
    else if (isArbitrary(test.arbitrary)) {
      it.prop(test.name, [test.arbitrary], ([text]) => test.check(text), { fastCheck: { numRuns: test.numRuns } })
    } else throw new Error(`${test.name}: not a fast-check arbitrary`)
  }
}

for (const [name, tests] of groups) describe(name, () => register(tests))
