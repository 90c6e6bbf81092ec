// One process of the multi-process fleet test (catalogRedis.test.ts): a catalogue over the real
// Node HTTP client and the Redis store. It answers one line per command read on stdin:
// "read" prints the snapshot it serves and the warnings it has logged; "exit" disposes and exits.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as RedisCatalog from "@anthropic-effect/platform/redis"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Result from "effect/Result"
import * as Readline from "node:readline"

const [baseUrl = "", redisPort = "0", ttl = "3000"] = process.argv.slice(2)
let warnings = 0
const logger = Logger.make(({ logLevel }) => {
  if (logLevel === "Warn") warnings++
})
const runtime = ManagedRuntime.make(
  ModelCatalog.layer({
    ttl: Number(ttl),
    store: RedisCatalog.layerCatalogStore({
      socket: { host: "127.0.0.1", port: Number(redisPort) },
      keyPrefix: "fleet-processes:"
    })
  }).pipe(
    Layer.provide(NodeModels.layer({ apiKey: "sk-ant-test-fleet-FAKE", baseUrl, maxRetries: 0 })),
    Layer.merge(Logger.layer([logger]))
  )
)

const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)

const main = async () => {
  await runtime.runPromise(ModelCatalog.ModelCatalog)
  reply({ ready: true })
  for await (const line of Readline.createInterface({ input: process.stdin })) {
    if (line === "read") {
      const snapshot = await runtime.runPromise(Effect.result(ModelCatalog.snapshot))
      reply(
        Result.isSuccess(snapshot)
          ? {
            fetchedAt: DateTime.toEpochMillis(snapshot.success.fetchedAt),
            models: snapshot.success.models.length,
            warnings
          }
          : { error: snapshot.failure._tag, warnings }
      )
    } else if (line === "exit") {
      await runtime.dispose()
      process.exit(0)
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
