// The README's side-by-side comparison is real code: both versions run against the
// same mock API, clean and with faults, and must give the same answer. (@effect/vitest 4:
// it.live provides the Scope that it.scopedLive did.)
import Anthropic from "@anthropic-ai/sdk"
import * as NodeModels from "@anthropic-effect/platform/node"
import type { Fault } from "@anthropic-effect/testing/ModelsApiMock"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as effectVersion from "../side-by-side/effect.js"
import * as officialVersion from "../side-by-side/official.js"

const KEY = "sk-ant-side-by-side-FAKE"

/** Runs both versions, each against its own fresh server with the same faults. */
const runBoth = (script: Readonly<Record<number, Fault>>) =>
  Effect.gen(function*() {
    const forOfficial = yield* ModelsApiServer.serve({ apiKey: KEY, faults: { script } })
    const forEffect = yield* ModelsApiServer.serve({ apiKey: KEY, faults: { script } })
    const client = new Anthropic({ apiKey: KEY, baseURL: forOfficial.url, timeout: 10_000 })
    const official = yield* Effect.promise(() => officialVersion.pdfModels(client))
    const ours = yield* effectVersion.pdfModels.pipe(
      Effect.provide(NodeModels.layer({ apiKey: KEY, baseUrl: forEffect.url, timeout: "10 seconds" }))
    )
    return {
      official: official.map((model) => model.id),
      ours: ours.map((model) => model.id),
      requests: [(yield* forOfficial.stats).requests, (yield* forEffect.stats).requests]
    }
  })

describe("side by side (README)", () => {
  it.live("both list the same active PDF models", () =>
    Effect.gen(function*() {
      const { official, ours } = yield* runBoth({})
      assert.isAbove(ours.length, 0)
      assert.deepStrictEqual(ours, official)
    }))

  it.live("both retry an overloaded first request and still give the same answer", () =>
    Effect.gen(function*() {
      const { official, ours, requests } = yield* runBoth({ 1: "overloaded" })
      assert.isAbove(ours.length, 0)
      assert.deepStrictEqual(ours, official)
      assert.deepStrictEqual(requests, [2, 2])
    }))

  it.live("both answer with an empty list when the rate limit outlasts the retries", () =>
    Effect.gen(function*() {
      const { official, ours, requests } = yield* runBoth({ 1: "rate-limit", 2: "rate-limit", 3: "rate-limit" })
      assert.deepStrictEqual(ours, [])
      assert.deepStrictEqual(official, [])
      assert.deepStrictEqual(requests, [3, 3])
    }))
})
