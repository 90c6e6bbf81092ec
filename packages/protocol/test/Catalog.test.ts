import { assert, describe, it } from "@effect/vitest"
import * as Catalog from "../src/Catalog.js"

const day = 86_400_000
const at = (millis: number): Catalog.Instant => ({ epochMillis: millis })

const model = (id: string, fields: Partial<Catalog.CatalogModel> = {}): Catalog.CatalogModel => ({
  id,
  created_at: at(0),
  ...fields
})

describe("statusAt", () => {
  it("the later of lifecycle and the dates", () => {
    const dated = model("a", { deprecated_at: at(10 * day), retires_at: at(20 * day) })
    assert.strictEqual(Catalog.statusAt(dated, 0), "active")
    assert.strictEqual(Catalog.statusAt(dated, 10 * day), "deprecated")
    assert.strictEqual(Catalog.statusAt(dated, 20 * day), "retired")
    assert.strictEqual(Catalog.statusAt(model("b", { lifecycle: "retired" }), 0), "retired")
    assert.strictEqual(Catalog.statusAt(model("c", { lifecycle: "deprecated", retires_at: at(day) }), day), "retired")
    assert.strictEqual(Catalog.statusAt(model("d", { lifecycle: "preview" }), 0), "active", "an unknown stage")
  })
})

describe("instants of either edition", () => {
  // Effect 3's DateTime.Utc has epochMillis, Effect 4's epochMilliseconds.
  const at4 = (millis: number): Catalog.Instant => ({ epochMilliseconds: millis })

  it("status, order, equality and messages read both", () => {
    const dated = model("a", { created_at: at4(day), deprecated_at: at4(10 * day), retires_at: at4(20 * day) })
    assert.strictEqual(Catalog.statusAt(dated, 10 * day - 1), "active")
    assert.strictEqual(Catalog.statusAt(dated, 10 * day), "deprecated")
    assert.strictEqual(Catalog.statusAt(dated, 20 * day), "retired")
    const older = model("b", { created_at: at4(0) })
    assert.deepStrictEqual(Catalog.newestFirst([older, dated]).map((m) => m.id), ["a", "b"])
    assert.isTrue(Catalog.equalData(at(5), at4(5)))
    assert.isFalse(Catalog.equalData(at4(5), at4(6)))
    assert.deepStrictEqual(Catalog.diff([model("a", { retires_at: at4(1) })], [model("a", { retires_at: at4(1) })]), [])
    assert.include(Catalog.lifecycleMessage("a", dated, "retired", undefined), "1970-01-21T00:00:00.000Z")
  })
})

describe("supports", () => {
  const capabilities = {
    pdf_input: { supported: true },
    image_input: null,
    effort: { supported: false, high: { supported: true } },
    thinking: { supported: true, types: { adaptive: { supported: true }, enabled: { supported: false } } }
  }
  const m = model("m", { capabilities })
  it("top-level and nested paths; an unsupported parent hides its entries", () => {
    assert.isTrue(Catalog.supports(m, "pdf_input"))
    assert.isFalse(Catalog.supports(m, "image_input"))
    assert.isFalse(Catalog.supports(m, "batch"))
    assert.isTrue(Catalog.supports(m, "thinking.types.adaptive"))
    assert.isFalse(Catalog.supports(m, "thinking.types.enabled"))
    assert.isFalse(Catalog.supports(m, "thinking.types"), "a path must end at an object with supported")
    assert.isFalse(Catalog.supports(m, "effort.high"))
    assert.isFalse(Catalog.supports(m, "__proto__"))
    assert.isFalse(Catalog.supports(model("none"), "pdf_input"))
  })
  it("supportedPaths lists every supported path", () => {
    assert.deepStrictEqual(Catalog.supportedPaths(m), ["pdf_input", "thinking", "thinking.types.adaptive"])
  })
})

describe("select, latest, replacementFor", () => {
  const models = [
    model("old-active", { line: "sonnet", created_at: at(1), max_input_tokens: 200_000, max_tokens: 8_000 }),
    model("new-retired", { line: "sonnet", created_at: at(5), lifecycle: "retired" }),
    model("mid-deprecated", { line: "sonnet", created_at: at(3), lifecycle: "deprecated", max_input_tokens: 100_000 }),
    model("opus", {
      line: "opus",
      created_at: at(4),
      max_input_tokens: 1_000_000,
      max_tokens: 64_000,
      capabilities: { pdf_input: { supported: true } }
    })
  ]
  it("newest first, retired only when asked, limits and lines", () => {
    assert.deepStrictEqual(Catalog.select(models, {}, 0).map((m) => m.id), ["opus", "mid-deprecated", "old-active"])
    assert.deepStrictEqual(Catalog.select(models, { lifecycle: ["retired"] }, 0).map((m) => m.id), ["new-retired"])
    assert.deepStrictEqual(Catalog.select(models, { minInputTokens: 150_000 }, 0).map((m) => m.id), [
      "opus",
      "old-active"
    ])
    assert.deepStrictEqual(Catalog.select(models, { minOutputTokens: 10_000 }, 0).map((m) => m.id), ["opus"])
    assert.deepStrictEqual(Catalog.select(models, { capabilities: ["pdf_input"] }, 0).map((m) => m.id), ["opus"])
    assert.deepStrictEqual(Catalog.select(models, { lines: ["sonnet"], lifecycle: ["active"] }, 0).map((m) => m.id), [
      "old-active"
    ])
    assert.strictEqual(Catalog.latest(models, "sonnet", 0)?.id, "mid-deprecated")
    assert.isUndefined(Catalog.latest(models, "haiku", 0))
  })
  it("the replacement: newest active of the line with at least the same capabilities", () => {
    const going = model("going", {
      line: "haiku",
      created_at: at(0),
      capabilities: { pdf_input: { supported: true } },
      lifecycle: "deprecated"
    })
    const candidates = [
      going,
      model("newest-fewer", { line: "haiku", created_at: at(9), capabilities: { pdf_input: { supported: false } } }),
      model("newer-same", { line: "haiku", created_at: at(5), capabilities: { pdf_input: { supported: true } } }),
      model("other-line", { line: "opus", created_at: at(9), capabilities: { pdf_input: { supported: true } } })
    ]
    assert.strictEqual(Catalog.replacementFor(going, candidates, 0)?.id, "newer-same")
    assert.isUndefined(Catalog.replacementFor(model("lineless"), candidates, 0))
  })
})

describe("diff", () => {
  it("Added and Changed in the new order, then Removed; instants by value; nothing when equal", () => {
    const before = [
      model("a", { lifecycle: "active", retires_at: at(5) }),
      model("b"),
      model("c", { capabilities: { x: { supported: true } } })
    ]
    const same = before.map((m) => ({ ...m, created_at: at(0), retires_at: m.retires_at && at(5) }))
    assert.deepStrictEqual(Catalog.diff(before, same), [])
    const after = [model("d"), model("a", { lifecycle: "deprecated", retires_at: at(6) }), {
      ...before[2]!,
      capabilities: { x: { supported: false } }
    }]
    const changes = Catalog.diff(before, after)
    assert.deepStrictEqual(changes.map((change) => change._tag), ["Added", "Changed", "Changed", "Removed"])
    assert.deepStrictEqual(changes[1]!._tag === "Changed" ? changes[1]!.fields : [], ["lifecycle", "retires_at"])
    assert.deepStrictEqual(changes[2]!._tag === "Changed" ? changes[2]!.fields : [], ["capabilities"])
    assert.isTrue(changes[3]!._tag === "Removed" && changes[3]!.model.id === "b")
  })
  it("equalData: an absent field equals an undefined one", () => {
    assert.isTrue(Catalog.equalData({ a: 1 }, { a: 1, b: undefined }))
    assert.isFalse(Catalog.equalData({ a: [1, 2] }, { a: [1, 3] }))
    assert.isFalse(Catalog.equalData(at(1), at(2)))
    // An instant's cached fields (a DateTime's parts) do not matter, only its epochMillis.
    assert.isTrue(Catalog.equalData(at(1), { epochMillis: 1, partsUtc: { year: 1970 } }))
  })
})

describe("refresh rules", () => {
  it("the sanity check refuses empty and far smaller listings", () => {
    assert.isTrue(Catalog.isPlausibleRefresh(undefined, 0))
    assert.isTrue(Catalog.isPlausibleRefresh(0, 0))
    assert.isFalse(Catalog.isPlausibleRefresh(20, 0))
    assert.isFalse(Catalog.isPlausibleRefresh(20, 9))
    assert.isTrue(Catalog.isPlausibleRefresh(20, 10))
    assert.isTrue(Catalog.isPlausibleRefresh(20, 30))
    assert.isFalse(Catalog.isPlausibleRefresh(20, 15, 0.9))
  })
  it("freshness: fresh, stale until maxStale, then expired", () => {
    assert.strictEqual(Catalog.freshness(0, 10, 100), "fresh")
    assert.strictEqual(Catalog.freshness(10, 10, 100), "stale")
    assert.strictEqual(Catalog.freshness(100, 10, 100), "expired")
    assert.strictEqual(Catalog.freshness(10, 10, 5), "expired", "a maxStale below the TTL means no stale serving")
  })
  it("the lifecycle message names the alias, retires_at and the replacement", () => {
    const m = model("claude-x-20250101", { retires_at: at(Date.UTC(2026, 1, 19)) })
    assert.strictEqual(
      Catalog.lifecycleMessage("claude-x", m, "deprecated", "claude-y"),
      "Model claude-x (claude-x-20250101) is deprecated and retires on 2026-02-19T00:00:00.000Z: use claude-y instead"
    )
    assert.strictEqual(
      Catalog.lifecycleMessage("claude-x-20250101", m, "retired", undefined),
      "Model claude-x-20250101 was retired on 2026-02-19T00:00:00.000Z: no active model of its line supports the same capabilities"
    )
  })
})
