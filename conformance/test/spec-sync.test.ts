/**
 * The spec travels with the tests as `conformance/spec/models.openapi.yaml`
 * (steady and Prism serve that copy). Where the shared spec sits beside the
 * repository, as in CI (`<clone>/../shared/spec/models.openapi.yaml`), the copy
 * must be identical to it. The check is skipped only when that file is absent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Fs from "node:fs"
import * as Path from "node:path"
import { packageDir, specPath } from "./support/MockServer.js"

const repoRoot = Path.resolve(packageDir, "..")
const sharedSpec = Path.resolve(repoRoot, "..", "shared", "spec", "models.openapi.yaml")
const sharedPresent = Fs.existsSync(sharedSpec)

// Only line endings are normalised, so a CRLF checkout does not count as a difference.
const read = (path: string): string => Fs.readFileSync(path, "utf8").replace(/\r\n/g, "\n")

describe("spec copy", () => {
  it("conformance/spec/models.openapi.yaml exists and is an OpenAPI 3.1 document", () => {
    const text = read(specPath)
    assert.match(text, /^openapi: 3\.1\.\d+$/m)
    assert.include(text, "/v1/models/{model_id}:")
  })

  it.skipIf(!sharedPresent)(
    "is identical to <repo>/../shared/spec/models.openapi.yaml (skipped only when that file is absent)",
    () => {
      const copy = read(specPath)
      const shared = read(sharedSpec)
      if (copy === shared) return
      const copyLines = copy.split("\n")
      const sharedLines = shared.split("\n")
      let line = 0
      while (line < copyLines.length && copyLines[line] === sharedLines[line]) line++
      assert.fail(
        `conformance/spec/models.openapi.yaml differs from ${sharedSpec} at line ${line + 1}:\n` +
          `  copy:   ${JSON.stringify(copyLines[line] ?? "<end of file>")}\n` +
          `  shared: ${JSON.stringify(sharedLines[line] ?? "<end of file>")}\n` +
          `Update the copy: cp ${sharedSpec} ${specPath}`
      )
    }
  )
})
