import { assert, describe, it } from "@effect/vitest"
import * as CatalogStore from "../src/CatalogStore.js"
import * as Catalogue from "../src/Catalogue.js"

describe("CatalogStore", () => {
  const scope = { betas: ["b2", "b1"], workspaceId: "w", lifecycle: ["retired", "active"] }
  it("one key per scope, whatever the order of betas and stages; safe as a file name", () => {
    const key = CatalogStore.snapshotKey(scope)
    assert.strictEqual(
      key,
      CatalogStore.snapshotKey({ ...scope, betas: ["b1", "b2"], lifecycle: ["active", "retired"] })
    )
    assert.notStrictEqual(key, CatalogStore.snapshotKey({ ...scope, workspaceId: "other" }))
    assert.notStrictEqual(key, CatalogStore.snapshotKey({ ...scope, namespace: "account-2" }))
    assert.match(key, /^[a-z0-9-]+$/)
    assert.strictEqual(CatalogStore.lockKey(scope), `${key}-lock`)
  })
  it("encode and decode round-trip; another scope, format or a broken text decode to undefined", () => {
    const text = CatalogStore.encode(scope, 1234, Catalogue.claudeModels)
    const back = CatalogStore.decode(scope, text)
    assert.strictEqual(back?.fetchedAt, 1234)
    assert.deepStrictEqual(back?.models, JSON.parse(JSON.stringify(Catalogue.claudeModels)))
    assert.isUndefined(CatalogStore.decode({ ...scope, workspaceId: "other" }, text))
    assert.isUndefined(CatalogStore.decode(scope, text.slice(0, 100)))
    assert.isUndefined(CatalogStore.decode(scope, JSON.stringify({ ...JSON.parse(text), format: "v0" })))
    assert.isUndefined(CatalogStore.decode(scope, JSON.stringify({ ...JSON.parse(text), fetchedAt: "now" })))
  })
  it("the Redis lock: SET NX PX with the token, released only by its holder", () => {
    assert.deepStrictEqual(CatalogStore.redisLock.acquire("k", "t", 1500.2), ["SET", "k", "t", "NX", "PX", "1501"])
    assert.include(CatalogStore.redisLock.release, "redis.call('GET', KEYS[1]) == ARGV[1]")
  })
})
