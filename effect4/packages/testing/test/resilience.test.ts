// Fault tolerance over real loopback HTTP: seeded faults at several rates,
// exhaustion of the retry budget, interruption without leaks, and concurrency.
import * as Models from "@anthropic-effect/core/Models"
import { assert, describe, it } from "@effect/vitest"
import type * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { synthetic } from "../src/Catalogue.js"
import * as ModelsApiServer from "../src/ModelsApiServer.js"
import { clientWithKey, drainInOrder } from "./utils.js"

const KEY = "sk-ant-resilience-FAKE"
const catalogue = synthetic(20_000, { detailed: false })

const clientFor = clientWithKey(KEY)

// Short real waits keep the suite fast; the schedule's shape is covered on TestClock in core.
const quickRetries = (maxRetries: number) =>
  Schedule.exponential(Duration.millis(5)).pipe(
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, Duration.millis(40)))),
    Schedule.jittered,
    Schedule.upTo({ times: maxRetries })
  )

const drain = <E, R>(stream: Stream.Stream<{ readonly id: string }, E, R>) => drainInOrder(stream, catalogue)

describe("seeded faults over loopback", () => {
  for (const rate of [0.1, 0.3, 0.5]) {
    for (const seed of [1, 2, 3]) {
      it.live(
        `rate ${rate * 100}%, seed ${seed}: 20,000 models, each once, in order, no page served twice`,
        () =>
          Effect.gen(function*() {
            const server = yield* ModelsApiServer.serve({
              models: catalogue,
              faults: { random: { seed, rate }, slowDelay: "4 seconds", retryAfterMs: 10 }
            })
            const { exit, received, wrong } = yield* drain(Models.stream({ limit: 1000 })).pipe(
              // A timeout well above a loaded machine's response time, so only the slow fault trips it.
              Effect.provide(clientFor(server.url, { timeout: "1500 millis", retrySchedule: quickRetries(12) }))
            )
            const stats = yield* server.stats
            const injected = Object.values(stats.faults).reduce((a, b) => a + b, 0)
            console.log(
              `faults: rate ${rate * 100}% seed ${seed}: ${injected} injected over ${stats.requests} requests ${
                JSON.stringify(stats.faults)
              }`
            )
            assert.isTrue(Exit.isSuccess(exit), `stream failed after ${received} models`)
            assert.strictEqual(received, 20_000)
            assert.strictEqual(wrong, 0)
            assert.strictEqual(stats.pagesServed.size, 20)
            assert.isTrue([...stats.pagesServed.values()].every((count) => count === 1))
            assert.isAbove(injected, 0)
          }),
        60_000
      )
    }
  }

  it.live("when the budget runs out the stream fails with the last attempt's error and request id", () =>
    Effect.gen(function*() {
      // Page 5 is request 5; it and its two retries are overloaded.
      const server = yield* ModelsApiServer.serve({
        models: catalogue,
        faults: { script: { 5: "overloaded", 6: "overloaded", 7: "overloaded" } }
      })
      const { exit, received, wrong } = yield* drain(Models.stream({ limit: 1000 })).pipe(
        Effect.provide(clientFor(server.url, { retrySchedule: quickRetries(2) }))
      )
      assert.strictEqual(received, 4000)
      assert.strictEqual(wrong, 0)
      assert.isTrue(Exit.isFailure(exit))
      const error = Option.getOrUndefined(Exit.findErrorOption(exit))
      assert.strictEqual(error?._tag, "OverloadedError")
      if (error?._tag === "OverloadedError") assert.strictEqual(error.requestId, "req_mock_00000007")
    }))
})

const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name === "TCPSocketWrap").length

/**
 * Counts the fibers started and ended under it. Effect 4 has no `Supervisor`;
 * the runtime reports every fiber forked under a `Metric.FiberRuntimeMetrics`
 * service to that service, which is what `Supervisor.track` was used for here.
 */
const fiberCounter = () => {
  let started = 0
  let ended = 0
  const service: Context.Service.Shape<typeof Metric.FiberRuntimeMetrics> = {
    recordFiberStart: () => {
      started++
    },
    recordFiberEnd: () => {
      ended++
    }
  }
  return { service, started: () => started, running: () => started - ended }
}

describe("interruption over loopback", () => {
  it.live("1,000 interrupted streams and 100 timed-out ones leave no sockets behind", () =>
    Effect.gen(function*() {
      const server = yield* ModelsApiServer.serve({
        models: catalogue,
        faults: { random: { seed: 7, rate: 1, kinds: ["slow"] }, slowDelay: "30 seconds" }
      })
      const before = tcpHandles()
      const fibers = fiberCounter()
      const layer = clientFor(server.url, { maxRetries: 0 })
      const requestsSeen = Effect.map(server.stats, (stats) => stats.requests)
      yield* Effect.gen(function*() {
        // 1,000 streams interrupted once the server holds their request.
        for (let i = 1; i <= 1000; i++) {
          const fiber = yield* Effect.forkChild(Stream.runDrain(Models.stream({ limit: 1000 })))
          for (let wait = 0; wait < 2000 && (yield* requestsSeen) < i; wait++) yield* Effect.sleep("1 millis")
          yield* Fiber.interrupt(fiber)
        }
        // 100 more ended by Effect.timeout around the stream.
        const timedOut = yield* Effect.forEach(
          Array.from({ length: 100 }),
          () => Effect.exit(Effect.timeout(Stream.runDrain(Models.stream({ limit: 1000 })), "100 millis")),
          { concurrency: 10 }
        )
        assert.isTrue(timedOut.every((exit) => Exit.isFailure(exit)))
      }).pipe(Effect.provide(layer), Effect.provideService(Metric.FiberRuntimeMetrics, fibers.service))
      // every fiber the streams forked (requests, prefetchers, timeouts) has ended
      assert.isAtLeast(fibers.started(), 1100)
      assert.strictEqual(fibers.running(), 0)
      // The 1,000 were interrupted only once the server held their request; a timed-out
      // one may end before its request arrives on a loaded machine.
      const seen = yield* requestsSeen
      assert.isAtLeast(seen, 1000)
      assert.isAtMost(seen, 1100)
      // Aborted requests close their sockets; give the event loop a moment to see it.
      let open = Infinity
      for (let i = 0; i < 100 && open > 0; i++) {
        yield* Effect.sleep("20 millis")
        open = (yield* server.stats).openConnections
      }
      assert.strictEqual(open, 0)
      assert.isAtMost(tcpHandles(), before + 1)
    }), 60_000)
})

describe("concurrency over loopback", () => {
  it.live("200 concurrent retrieves and 20 concurrent full streams share one client", () =>
    Effect.gen(function*() {
      const models = synthetic(5000)
      const server = yield* ModelsApiServer.serve({ models })
      const [retrieved, streamed] = yield* Effect.all([
        Effect.forEach(models.slice(0, 200), (model) => Models.retrieve(model.id), { concurrency: "unbounded" }),
        Effect.forEach(
          Array.from({ length: 20 }),
          () => Stream.runCollect(Models.stream({ limit: 500 })),
          { concurrency: "unbounded" }
        )
      ], { concurrency: 2 }).pipe(Effect.provide(clientFor(server.url)))
      assert.deepStrictEqual(retrieved.map((m) => m.id), models.slice(0, 200).map((m) => m.id))
      assert.isTrue(streamed.every((all) => all.length === 5000))
      const stats = yield* server.stats
      assert.strictEqual(stats.requests, 200 + 20 * 10)
      // keep-alive reuse: far fewer connections than requests
      assert.isBelow(stats.connections, stats.requests)
      console.log(`concurrency: ${stats.requests} requests over ${stats.connections} connections`)
    }), 60_000)
})
