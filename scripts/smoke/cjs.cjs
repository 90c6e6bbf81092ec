// CommonJS consumer of the packed packages: the same program as esm.mjs, through require.
const { Models, ModelsError } = require("@anthropic-effect/core")
const NodeModels = require("@anthropic-effect/platform/node")
const { Catalogue, ModelsApiServer } = require("@anthropic-effect/testing")
const Effect = require("effect/Effect")
const Stream = require("effect/Stream")
const run = require("./program.cjs")

// require really gave the CommonJS build (dist/cjs), not the ES modules.
for (const id of ["@anthropic-effect/core", "@anthropic-effect/platform/node", "@anthropic-effect/testing"]) {
  const file = require.resolve(id)
  if (!/[\\/]dist[\\/]cjs[\\/]/.test(file)) throw new Error(`${id} resolved to ${file}, not dist/cjs`)
}

run("cjs", { Catalogue, Effect, Models, ModelsApiServer, ModelsError, NodeModels, Stream }).catch((error) => {
  console.error(error)
  process.exit(1)
})
