import { assert, describe, it } from "@effect/vitest"
import * as Faults from "../src/Faults.js"
import * as Prng from "../src/Prng.js"

const run = (schedule: Faults.Schedule, requests: number) => Array.from({ length: requests }, (_, i) => schedule(i + 1))

describe("Prng.mulberry32", () => {
  it("gives one sequence per seed, in [0, 1)", () => {
    const a = Prng.mulberry32(42)
    const b = Prng.mulberry32(42)
    const draws = Array.from({ length: 1000 }, () => a())
    assert.deepStrictEqual(draws, Array.from({ length: 1000 }, () => b()))
    assert.isTrue(draws.every((x) => x >= 0 && x < 1))
    assert.notDeepEqual(draws.slice(0, 10), Array.from({ length: 10 }, Prng.mulberry32(43)))
    // Seeds are read modulo 2^32.
    assert.strictEqual(Prng.mulberry32(2 ** 32 + 7)(), Prng.mulberry32(7)())
  })
})

describe("Faults.schedule", () => {
  it("replays from its seed", () => {
    const options = { random: { seed: 42, rate: 0.3 } }
    const first = run(Faults.schedule(options), 500)
    assert.deepStrictEqual(run(Faults.schedule(options), 500), first)
    assert.notDeepEqual(run(Faults.schedule({ random: { seed: 43, rate: 0.3 } }), 500), first)
    const hits = first.filter((kind) => kind !== undefined).length
    assert.isTrue(hits > 100 && hits < 200, `${hits} faults in 500 requests at 30%`)
    // Every kind turns up at this rate.
    assert.deepStrictEqual(new Set(first.filter((kind) => kind !== undefined)), new Set(Faults.kinds))
  })

  it("keeps its draw order", () => {
    // Pinned: a changed draw order would silently change every seeded schedule in every suite.
    assert.deepStrictEqual(run(Faults.schedule({ random: { seed: 1, rate: 0.5 } }), 8), [
      undefined,
      undefined,
      undefined,
      undefined,
      "truncated-json",
      "html-503",
      "overloaded",
      "server-error"
    ])
  })

  it("draws only the kinds asked for; rate 0 never faults, rate 1 always does", () => {
    const slowOnly = run(Faults.schedule({ random: { seed: 7, rate: 1, kinds: ["slow"] } }), 100)
    assert.isTrue(slowOnly.every((kind) => kind === "slow"))
    assert.isTrue(run(Faults.schedule({ random: { seed: 7, rate: 0 } }), 100).every((kind) => kind === undefined))
    assert.isTrue(run(Faults.schedule({}), 100).every((kind) => kind === undefined))
  })

  it("a scripted fault wins, and takes no draw", () => {
    const random = { seed: 9, rate: 0.5 }
    const drawn = run(Faults.schedule({ random }), 20)
    const scripted = run(Faults.schedule({ random, script: { 1: "overloaded", 5: "slow" } }), 20)
    assert.strictEqual(scripted[0], "overloaded")
    assert.strictEqual(scripted[4], "slow")
    // Requests 2-4 get draws 1-3, and 6 on get draws 4 on.
    assert.deepStrictEqual(scripted.slice(1, 4), drawn.slice(0, 3))
    assert.deepStrictEqual(scripted.slice(5), drawn.slice(3, 18))
    assert.deepStrictEqual(run(Faults.schedule({ script: { 2: "html-503" } }), 3), [undefined, "html-503", undefined])
  })
})

describe("Faults.injection", () => {
  it("describes each fault", () => {
    assert.deepStrictEqual(Faults.injection("rate-limit"), {
      _tag: "ApiError",
      type: "rate_limit_error",
      message: "Number of requests has exceeded your rate limit",
      headers: { "retry-after-ms": "20", "retry-after": "1" }
    })
    assert.deepInclude(Faults.injection("rate-limit", { retryAfterMs: 2500 }), {
      headers: { "retry-after-ms": "2500", "retry-after": "3" }
    })
    assert.deepInclude(Faults.injection("server-error"), { _tag: "ApiError", type: "api_error" })
    assert.deepInclude(Faults.injection("overloaded"), { _tag: "ApiError", type: "overloaded_error" })
    assert.deepInclude(Faults.injection("html-503"), { _tag: "ProxyPage", status: 503, contentType: "text/html" })
    assert.deepStrictEqual(Faults.injection("connection-reset"), { _tag: "Reset" })
    assert.deepStrictEqual(Faults.injection("slow"), { _tag: "Late", millis: Faults.defaults.slowDelayMillis })
    assert.deepStrictEqual(Faults.injection("slow", { slowDelayMillis: 5 }), { _tag: "Late", millis: 5 })
    assert.deepStrictEqual(Faults.injection("truncated-json"), { _tag: "Truncated" })
  })

  it("a truncated body is never whole JSON", () => {
    for (const body of ["{}", "[]", JSON.stringify({ data: [1, 2, 3], has_more: false })]) {
      assert.throws(() => JSON.parse(Faults.truncate(body)))
    }
  })

  it("counts start at zero for every kind", () => {
    assert.deepStrictEqual(Object.keys(Faults.zeroCounts()).sort(), [...Faults.kinds].sort())
    assert.isTrue(Object.values(Faults.zeroCounts()).every((count) => count === 0))
  })
})
