import * as AST from "effect/SchemaAST"
import { ModelsPage } from "@anthropic-effect/core/ModelInfo"
const show = (ast: AST.AST, d = 0): string => {
  const pad = "  ".repeat(d)
  const ann = Object.getOwnPropertySymbols(ast.annotations).map((s) => String(s.description)).join(",")
  switch (ast._tag) {
    case "TypeLiteral": return `${pad}TypeLiteral [${ann}]\n` + ast.propertySignatures.map((p) => `${pad} ${String(p.name)}${p.isOptional ? "?" : ""}:\n${show(p.type, d + 2)}`).join("\n") + ast.indexSignatures.map((i) => `\n${pad} [index ${i.parameter._tag}]:\n${show(i.type, d + 2)}`).join("")
    case "Union": return `${pad}Union [${ann}]\n` + ast.types.map((t) => show(t, d + 1)).join("\n")
    case "Refinement": return `${pad}Refinement [${ann}]\n` + show(ast.from, d + 1)
    case "Transformation": return `${pad}Transformation ${ast.transformation._tag} [${ann}]\n${show(ast.from, d + 1)}\n${pad} ->\n${show(ast.to, d + 1)}`
    case "TupleType": return `${pad}Tuple [${ann}] elements=${ast.elements.length} rest:\n` + ast.rest.map((r) => show(r.type, d + 1)).join("\n")
    case "Literal": return `${pad}Literal ${JSON.stringify(ast.literal)}`
    default: return `${pad}${ast._tag} [${ann}]`
  }
}
console.log(show(ModelsPage.ast))
