import { assert, describe, it } from "@effect/vitest"
import * as Catalogue from "../src/Catalogue.js"
import { errorTypes } from "../src/ErrorTable.js"
import type { ModelJson } from "../src/Json.js"
import * as MockApi from "../src/MockApi.js"
import * as Wire from "../src/Wire.js"

const model = (i: number, lifecycle?: string): ModelJson => ({
  id: `m-${String(i).padStart(3, "0")}`,
  type: "model",
  display_name: `Model ${i}`,
  created_at: "2025-01-01T00:00:00Z",
  ...(lifecycle === undefined ? {} : { lifecycle })
})

// 30 models, newest first; every 5th deprecated and every 7th retired (retired wins).
const models = Array.from(
  { length: 30 },
  (_, i) => model(i, i % 7 === 0 ? "retired" : i % 5 === 0 ? "deprecated" : undefined)
)
const ids = (list: ReadonlyArray<{ readonly id: string }>) => list.map((m) => m.id)

const params = (entries: Record<string, string | ReadonlyArray<string>>) => {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(entries)) {
    for (const one of typeof value === "string" ? [value] : value) search.append(name, one)
  }
  return search
}

const page = (entries: Record<string, string | ReadonlyArray<string>>, list: ReadonlyArray<ModelJson> = models) => {
  const result = MockApi.pager(list)(params(entries))
  if (result._tag === "Invalid") throw new Error(result.message)
  return result.page
}

const refusal = (entries: Record<string, string | ReadonlyArray<string>>) => {
  const result = MockApi.pager(models)(params(entries))
  return result._tag === "Invalid" ? result.message : undefined
}

const listed = models.filter((m) => m.lifecycle !== "retired")

describe("MockApi.pager", () => {
  it("pages forward from the start, default page size and default filter", () => {
    const first = page({})
    assert.deepStrictEqual(ids(first.data), ids(listed.slice(0, Wire.defaultPageSize)))
    assert.strictEqual(first.first_id, listed[0]!.id)
    assert.strictEqual(first.last_id, listed[Wire.defaultPageSize - 1]!.id)
    assert.isTrue(first.has_more)
  })

  it("walks forward with after_id = last_id, every listed model once, in order", () => {
    const seen: Array<string> = []
    let cursor: string | null = null
    for (let guard = 0; guard < 100; guard++) {
      const next: ReturnType<typeof page> = page(cursor === null ? { limit: "4" } : { limit: "4", after_id: cursor })
      seen.push(...ids(next.data))
      if (!next.has_more) break
      cursor = next.last_id
    }
    assert.deepStrictEqual(seen, ids(listed))
  })

  it("pages backward: before_id gives the page that ends just before it", () => {
    const at = listed.findIndex((m) => m.id === "m-012")
    const before = page({ limit: "3", before_id: "m-012" })
    assert.deepStrictEqual(ids(before.data), ids(listed.slice(at - 3, at)))
    assert.isTrue(before.has_more)
    const start = page({ limit: "50", before_id: "m-012" })
    assert.deepStrictEqual(ids(start.data), ids(listed.slice(0, at)))
    assert.isFalse(start.has_more)
    const nothing = page({ before_id: listed[0]!.id })
    assert.deepStrictEqual(nothing, { data: [], first_id: null, last_id: null, has_more: false })
  })

  it("the last page has has_more false, even when full", () => {
    const exact = listed.slice(0, 8)
    const last = page({ limit: "4", after_id: exact[3]!.id }, exact)
    assert.strictEqual(last.data.length, 4)
    assert.isFalse(last.has_more)
    assert.deepStrictEqual(page({}, []), { data: [], first_id: null, last_id: null, has_more: false })
  })

  it("filters by lifecycle, with or without brackets; no lifecycle means active", () => {
    const retired = page({ limit: "1000", "lifecycle[]": "retired" })
    assert.deepStrictEqual(ids(retired.data), ids(models.filter((m) => m.lifecycle === "retired")))
    const active = page({ limit: "1000", lifecycle: "active" })
    assert.deepStrictEqual(ids(active.data), ids(models.filter((m) => m.lifecycle === undefined)))
    const all = page({ limit: "1000", "lifecycle[]": [...Wire.lifecycleStages] })
    assert.deepStrictEqual(ids(all.data), ids(models))
    // A cursor is looked up in the filtered listing.
    assert.match(refusal({ "lifecycle[]": "retired", after_id: "m-001" }) ?? "", /^after_id: unknown model m-001$/)
  })

  it("refuses what the API refuses", () => {
    for (const limit of ["0", String(Wire.limits.maxPageSize + 1), "1.5", "x", ""]) {
      assert.match(refusal({ limit }) ?? "", /^limit: /, `limit ${JSON.stringify(limit)}`)
    }
    assert.isUndefined(refusal({ limit: String(Wire.limits.maxPageSize) }))
    assert.strictEqual(refusal({ after_id: "m-001", before_id: "m-003" }), "Cannot specify both before_id and after_id")
    assert.match(refusal({ after_id: "nope" }) ?? "", /^after_id: unknown model nope$/)
    assert.match(refusal({ before_id: "nope" }) ?? "", /^before_id: unknown model nope$/)
    assert.match(refusal({ "lifecycle[]": "gone" }) ?? "", /^lifecycle: /)
    assert.match(refusal({ "lifecycle[]": ["active", "active", "deprecated", "retired"] }) ?? "", /^lifecycle: /)
  })
})

const request = (path: string, headers: Record<string, string> = {}, method = "GET"): MockApi.ApiRequest => ({
  method,
  url: new URL(path, "http://mock.test"),
  headers: { [Wire.headers.apiKey]: "k", [Wire.headers.version]: Wire.defaultApiVersion, ...headers }
})

const errorOf = (answer: MockApi.ApiAnswer) => {
  if (answer._tag !== "Error") throw new Error(`expected an error, got ${JSON.stringify(answer)}`)
  return answer
}

describe("MockApi.make", () => {
  it("answers the Claude catalogue by default, and resolves aliases", () => {
    const api = MockApi.make()
    const list = api.answer(request(`${Wire.modelsPath}?limit=1000`))
    assert.strictEqual(list._tag, "Ok")
    for (const [alias, id] of Object.entries(Catalogue.claudeAliases)) {
      const found = api.answer(request(Wire.modelPath(alias)))
      assert.strictEqual(found._tag === "Ok" ? found.value : undefined, Catalogue.claudeModels.find((m) => m.id === id))
    }
    const missing = errorOf(api.answer(request(Wire.modelPath("claude-nope"))))
    assert.strictEqual(missing.status, errorTypes.not_found_error.status)
    assert.strictEqual(missing.message, "model: claude-nope")
  })

  it("checks the credential and the version header before the route", () => {
    const api = MockApi.make({ models, apiKey: "right" })
    const noKey = errorOf(api.answer({ ...request(Wire.modelsPath), headers: {} }))
    assert.deepInclude(noKey, { type: "authentication_error", status: 401 })
    assert.strictEqual(
      errorOf(api.answer(request(Wire.modelsPath, { "x-api-key": "wrong" }))).message,
      "invalid x-api-key"
    )
    const bearer = api.answer({
      ...request(Wire.modelsPath),
      headers: { [Wire.headers.authorization]: "Bearer right", [Wire.headers.version]: Wire.defaultApiVersion }
    })
    assert.strictEqual(bearer._tag, "Ok")
    const noVersion = errorOf(api.answer(request(Wire.modelsPath, { "x-api-key": "right", "anthropic-version": "" })))
    assert.deepInclude(noVersion, { type: "invalid_request_error", status: 400 })
    assert.strictEqual(errorOf(api.answer(request("/v1/other", { "x-api-key": "right" }))).status, 404)
    assert.strictEqual(errorOf(api.answer(request(Wire.modelsPath, { "x-api-key": "right" }, "POST"))).status, 405)
  })

  it("numbers requests: request ids sort in request order, answer and respond alike", () => {
    const api = MockApi.make({ models })
    const first = api.answer(request(Wire.modelsPath))
    const second = api.respond(request(Wire.modelsPath))
    assert.strictEqual(first.requestId, MockApi.requestId(1))
    assert.strictEqual(second._tag === "Reply" ? second.reply.headers["request-id"] : undefined, "req_mock_00000002")
    assert.isTrue(MockApi.requestId(36) > MockApi.requestId(35))
    assert.strictEqual(api.stats().requests, 2)
  })

  it("puts answers on the wire as the API does", () => {
    const api = MockApi.make({ models })
    const ok = api.respond(request(`${Wire.modelsPath}?limit=2`))
    if (ok._tag !== "Reply") throw new Error(ok._tag)
    assert.strictEqual(ok.reply.status, 200)
    assert.strictEqual(ok.reply.headers["content-type"], "application/json")
    assert.deepStrictEqual(JSON.parse(ok.reply.body), page({ limit: "2" }))
    const bad = api.respond(request(`${Wire.modelsPath}?limit=0`))
    if (bad._tag !== "Reply") throw new Error(bad._tag)
    assert.strictEqual(bad.reply.status, 400)
    assert.deepStrictEqual(JSON.parse(bad.reply.body), {
      type: "error",
      error: {
        type: "invalid_request_error",
        message: "limit: Input should be less than or equal to 1000 and at least 1"
      },
      request_id: "req_mock_00000002"
    })
  })

  it("applies each fault, and counts it", () => {
    const api = MockApi.make({
      models,
      faults: {
        script: {
          1: "rate-limit",
          2: "html-503",
          3: "connection-reset",
          4: "slow",
          5: "truncated-json",
          6: "overloaded"
        },
        slowDelayMillis: 1234,
        retryAfterMs: 1500
      }
    })
    const outcomes = Array.from({ length: 7 }, () => api.respond(request(Wire.modelsPath)))
    const [rateLimit, html, reset, slow, truncated, overloaded, clean] = outcomes
    if (rateLimit?._tag !== "Reply") throw new Error("rate-limit")
    assert.strictEqual(rateLimit.reply.status, 429)
    assert.strictEqual(rateLimit.reply.headers["retry-after-ms"], "1500")
    assert.strictEqual(rateLimit.reply.headers["retry-after"], "2")
    assert.strictEqual(html?._tag === "Reply" ? html.reply.headers["content-type"] : undefined, "text/html")
    assert.strictEqual(reset?._tag, "Reset")
    assert.strictEqual(slow?._tag === "Delay" ? slow.millis : undefined, 1234)
    if (truncated?._tag !== "Reply") throw new Error("truncated-json")
    assert.strictEqual(truncated.reply.status, 200)
    assert.throws(() => JSON.parse(truncated.reply.body))
    assert.strictEqual(overloaded?._tag === "Reply" ? overloaded.reply.status : undefined, 529)
    assert.strictEqual(clean?._tag === "Reply" ? clean.reply.status : undefined, 200)
    const stats = api.stats()
    assert.strictEqual(stats.requests, 7)
    assert.deepInclude(stats.faults, { "rate-limit": 1, "html-503": 1, "connection-reset": 1, slow: 1, overloaded: 1 })
    assert.strictEqual(stats.faults["server-error"], 0)
    // Only the clean 200 counts as a page served whole.
    assert.deepStrictEqual([...stats.pagesServed.values()], [1])
  })

  it("counts each distinct page served whole, whatever the parameters' order", () => {
    const api = MockApi.make({ models })
    api.respond(request(`${Wire.modelsPath}?limit=2&after_id=m-001`))
    api.respond(request(`${Wire.modelsPath}?after_id=m-001&limit=2`))
    api.respond(request(`${Wire.modelsPath}?limit=3`))
    api.respond(request(`${Wire.modelsPath}?limit=0`))
    api.respond(request(Wire.modelPath("m-001")))
    assert.deepStrictEqual([...api.stats().pagesServed.values()], [2, 1])
  })

  it("has a CORS policy that lets a browser send every header the client sends", () => {
    const { apiKey, authorization, beta, directBrowserAccess, version, workspaceId } = Wire.headers
    for (const name of [apiKey, authorization, version, beta, workspaceId, directBrowserAccess]) {
      assert.include(MockApi.cors.allowedHeaders, name)
    }
    for (const name of ["request-id", "retry-after", "retry-after-ms", "x-should-retry"]) {
      assert.include(MockApi.cors.exposedHeaders, name)
    }
  })
})
