// One process of the catalog bench's fleet (catalog.ts): a catalogue over the Node layer and
// the Redis store. On "read" it answers with the snapshot's time and size; on "exit" it leaves.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import * as NodeModels from "@anthropic-effect/platform/node"
import * as RedisCatalog from "@anthropic-effect/platform/redis"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Readline from "node:readline"

const [baseUrl = "", redisPort = "0", ttl = "2000"] = process.argv.slice(2)
const runtime = ManagedRuntime.make(
  ModelCatalog.layer({
    ttl: Number(ttl),
    store: RedisCatalog.layerCatalogStore({ host: "127.0.0.1", port: Number(redisPort), keyPrefix: "bench-fleet:" })
  }).pipe(Layer.provide(NodeModels.layer({ apiKey: "sk-ant-bench-catalog-FAKE", baseUrl, maxRetries: 0 })))
)

const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)

const main = async () => {
  await runtime.runPromise(ModelCatalog.ModelCatalog)
  reply({ ready: true })
  for await (const line of Readline.createInterface({ input: process.stdin })) {
    if (line === "read") {
      const snapshot = await runtime.runPromise(Effect.either(ModelCatalog.snapshot))
      reply(snapshot._tag === "Right" ? { models: snapshot.right.models.length } : { error: snapshot.left._tag })
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
