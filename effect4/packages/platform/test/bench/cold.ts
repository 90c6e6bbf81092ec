/**
 * One cold run for transports.ts: imports the Node layers, lists one page of
 * 1000 models from the URL given, and prints how long that took since the
 * process started (so the imports are counted), and the CPU time it used. Run as a bundle, in a fresh
 * process each time: `node build/bench/cold.js <undici|fetch> <url>`.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { performance } from "node:perf_hooks"

const [transport, url] = process.argv.slice(2)
const httpClient = transport === "fetch" ? NodeModels.layerHttpClientFetch : NodeModels.layerHttpClientUndici
const imported = performance.now()

const program = Models.list({ limit: 1000 }).pipe(
  Effect.provide(
    Models.layer.pipe(
      Layer.provide(ModelsConfig.layer({ apiKey: "sk-ant-bench-FAKE", baseUrl: url ?? "", maxRetries: 0 })),
      Layer.provide(httpClient)
    )
  )
)

Effect.runPromise(program).then(
  (page) => {
    const done = performance.now()
    const cpu = process.cpuUsage()
    const cpuMillis = (cpu.user + cpu.system) / 1000
    process.stdout.write(`${JSON.stringify({ models: page.data.length, imported, done, cpuMillis })}\n`)
    // undici's global dispatcher keeps the connection; the run is over.
    process.exit(0)
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`)
    process.exit(1)
  }
)
