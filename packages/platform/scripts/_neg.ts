import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as Effect from "effect/Effect"
import { execFileSync } from "node:child_process"
await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
  const a = yield* ModelsApiServer.serve({ models: synthetic(5000), apiKey: "sk-ant-runtime-FAKE" })
  const b = yield* ModelsApiServer.serve({ models: synthetic(4999), apiKey: "sk-ant-runtime-FAKE" })
  const c = yield* ModelsApiServer.serve({ models: synthetic(5000), apiKey: "other" })
  for (const [x, y] of [[a.url, a.url], [b.url, a.url], [c.url, a.url]]) {
    try { console.log(execFileSync("node_modules/.bin/bun", ["test/acceptance/bun.ts", x!, y!], { encoding: "utf8", timeout: 60000 })) }
    catch (e) { console.log("exit", (e as { status: number }).status, (e as { stdout: string }).stdout) }
  }
})))
