// A loopback ModelsApiServer from the packed @anthropic-effect/testing (either edition),
// for the README programs (readme.mjs): prints `listening on <url>`, answers each `stats`
// line on stdin with `requests <n>` (how many requests it has served), and serves until
// it is killed.
import { ModelsApiServer } from "@anthropic-effect/testing"
import * as Effect from "effect/Effect"
import * as readline from "node:readline"

const apiKey = process.argv[2] ?? "sk-ant-smoke-fake-key"
Effect.runFork(
  Effect.scoped(Effect.gen(function*() {
    const server = yield* ModelsApiServer.serve({ apiKey })
    readline.createInterface({ input: process.stdin }).on("line", async (line) => {
      if (line.trim() !== "stats") return
      const stats = await Effect.runPromise(server.stats)
      console.log(`requests ${stats.requests}`)
    })
    console.log(`listening on ${server.url}`)
    yield* Effect.never
  }))
)
