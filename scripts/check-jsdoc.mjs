#!/usr/bin/env node
// Every export of every public module (packages/*/src/*.ts and effect4/packages/*/src/*.ts, not src/internal) carries a
// JSDoc comment with `@since` and `@category`, and every module starts with a JSDoc
// comment with `@since`, as in the Effect packages. docgen enforces `@since` itself but
// files an export without `@category` silently under "utils"; this check does not.
// Part of `pnpm docgen`.
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const problems = []
let exportsChecked = 0

const tagsOf = (node, sourceFile) => {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.getFullStart()) ?? []
  const docs = ranges
    .map((range) => sourceFile.text.slice(range.pos, range.end))
    .filter((text) => text.startsWith("/**"))
  const last = docs.at(-1) ?? ""
  return new Set([...last.matchAll(/@(\w+)/g)].map((match) => match[1]))
}

const isExported = (node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)

// Both editions: this workspace's packages and the Effect 4 edition's in effect4/.
const packageDirs = ["packages", "effect4/packages"].flatMap((dir) =>
  fs.readdirSync(path.join(root, dir)).map((pkg) => path.join(root, dir, pkg))
)
for (const pkgDir of packageDirs) {
  const srcDir = path.join(pkgDir, "src")
  if (!fs.existsSync(srcDir)) continue
  for (const file of fs.readdirSync(srcDir).filter((name) => name.endsWith(".ts"))) {
    const fileName = path.join(srcDir, file)
    const rel = path.relative(root, fileName)
    const sourceFile = ts.createSourceFile(fileName, fs.readFileSync(fileName, "utf8"), ts.ScriptTarget.Latest, true)
    const first = sourceFile.statements[0]
    const moduleDoc = first === undefined ? "" : sourceFile.text.slice(0, first.getStart())
    if (!/\/\*\*[\s\S]*@since/.test(moduleDoc)) problems.push(`${rel}: no module JSDoc with @since`)
    for (const statement of sourceFile.statements) {
      let names = []
      if (ts.isExportDeclaration(statement)) {
        names = statement.exportClause === undefined
          ? ["*"]
          : ts.isNamespaceExport(statement.exportClause)
          ? [statement.exportClause.name.text]
          : statement.exportClause.elements.map((element) => element.name.text)
      } else if (ts.isExportAssignment(statement)) {
        names = ["default"]
      } else if (isExported(statement)) {
        names = ts.isVariableStatement(statement)
          ? statement.declarationList.declarations.map((declaration) => declaration.name.getText(sourceFile))
          : [statement.name?.getText(sourceFile) ?? "(anonymous)"]
      }
      if (names.length === 0) continue
      exportsChecked += names.length
      const tags = tagsOf(statement, sourceFile)
      const line = sourceFile.getLineAndCharacterOfPosition(statement.getStart()).line + 1
      for (const tag of ["since", "category"]) {
        if (!tags.has(tag)) problems.push(`${rel}:${line} ${names.join(", ")}: no @${tag}`)
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`JSDoc: ${problems.length} problem(s)\n${problems.map((problem) => `- ${problem}`).join("\n")}`)
  process.exit(1)
}
console.log(`JSDoc: ${exportsChecked} exports, each with @since and @category`)
