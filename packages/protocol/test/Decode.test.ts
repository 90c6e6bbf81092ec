import { assert, describe, it } from "@effect/vitest"
import * as Decode from "../src/Decode.js"

// A timestamp of the test's own, so nothing here leans on an edition's DateTime.
interface Stamp {
  readonly millis: number
  readonly fromText: boolean
}

const calls: Array<readonly [text: string, epochMillis: number | undefined]> = []

const stamp = (text: string, epochMillis: number | undefined): Stamp | undefined => {
  calls.push([text, epochMillis])
  const millis = epochMillis ?? Date.parse(text)
  return Number.isNaN(millis) ? undefined : { millis, fromText: epochMillis === undefined }
}

const decoder = Decode.make<Stamp>({ timestamp: stamp, pattern: Decode.rfc3339Pattern })

const parse = (text: string): unknown => JSON.parse(text)

const modelHead = "\"id\":\"m\",\"type\":\"model\",\"display_name\":\"M\",\"created_at\":\"2025-01-01T00:00:00Z\""
const modelText = (rest = "") => `{${modelHead}${rest === "" ? "" : `,${rest}`}}`
const pageText = (models: ReadonlyArray<string>, extra = "") =>
  `{${extra}"data":[${models.join(",")}],"first_id":"m","last_id":"m","has_more":false}`
const withCapabilities = (capabilities: string) => modelText(`"capabilities":${capabilities}`)

const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
const deepObject = (depth: number, bottom = "1") => `${"{\"a\":".repeat(depth)}${bottom}${"}".repeat(depth)}`

const isRecord = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null

describe("Decode.make", () => {
  it("decodes a page as the API sends it, with the edition's timestamps", () => {
    const json = parse(JSON.stringify({
      data: [
        {
          type: "model",
          id: "claude-opus-4-5-20251101",
          display_name: "Claude Opus 4.5",
          created_at: "2025-11-24T00:00:00Z",
          max_input_tokens: 200000,
          max_tokens: 64000,
          capabilities: {
            batch: { supported: true },
            effort: { supported: true, high: { supported: true }, xhigh: null },
            thinking: { supported: true, types: { adaptive: { supported: false } } },
            future: { anything: [1, "x"] }
          },
          lifecycle: "active",
          line: "opus",
          deprecated_at: null,
          retires_at: "2027-01-22T00:00:00.000Z",
          allowed_fallback_models: ["claude-sonnet-4-5"],
          unknown_field: 1
        },
        { id: "b", type: "model", display_name: "B", created_at: "2025-05-14T00:00:00+02:00" }
      ],
      first_id: "claude-opus-4-5-20251101",
      last_id: "b",
      has_more: true
    }))
    const page = decoder.page(json)
    assert.isDefined(page)
    if (page === undefined || !isRecord(json) || !Array.isArray(json.data)) return
    const [first, second] = page.data
    assert.deepStrictEqual(first?.created_at, { millis: Date.UTC(2025, 10, 24), fromText: false })
    assert.deepStrictEqual(first?.retires_at, { millis: Date.UTC(2027, 0, 22), fromText: false })
    assert.strictEqual(first?.deprecated_at, null)
    // Keys in the schema's order; undeclared model fields dropped.
    assert.deepStrictEqual(Object.keys(first ?? {}), [
      "id",
      "type",
      "display_name",
      "created_at",
      "max_input_tokens",
      "max_tokens",
      "capabilities",
      "lifecycle",
      "line",
      "deprecated_at",
      "retires_at",
      "allowed_fallback_models"
    ])
    // Capabilities already in order come back as parsed, the same object.
    const input: unknown = json.data[0]
    assert.strictEqual(first?.capabilities, isRecord(input) ? input.capabilities : undefined)
    // Absent optional fields stay absent rather than becoming undefined.
    assert.deepStrictEqual(Object.keys(second ?? {}), ["id", "type", "display_name", "created_at"])
    assert.deepStrictEqual(second?.created_at, { millis: Date.UTC(2025, 4, 13, 22), fromText: true })
    assert.deepStrictEqual(Object.keys(page), ["data", "first_id", "last_id", "has_more"])
  })

  it("decodes one model", () => {
    const model = decoder.model(parse(modelText("\"max_tokens\":null,\"allowed_fallback_models\":[]")))
    assert.deepStrictEqual(model, {
      id: "m",
      type: "model",
      display_name: "M",
      created_at: { millis: Date.UTC(2025, 0, 1), fromText: false },
      max_tokens: null,
      allowed_fallback_models: []
    })
  })

  it("reorders capabilities into the schema's order: index keys first, undeclared ones last", () => {
    const json = parse(withCapabilities(
      "{\"thinking\":{\"types\":{\"adaptive\":{\"supported\":true},\"enabled\":{\"supported\":false}}," +
        "\"supported\":true},\"7\":{\"x\":1},\"later\":1,\"batch\":{\"note\":\"n\",\"supported\":true}}"
    ))
    const capabilities = decoder.model(json)?.capabilities
    assert.isDefined(capabilities)
    assert.deepStrictEqual(Object.keys(capabilities ?? {}), ["7", "batch", "thinking", "later"])
    assert.deepStrictEqual(Object.keys(capabilities?.thinking ?? {}), ["supported", "types"])
    assert.deepStrictEqual(Object.keys(capabilities?.thinking?.types ?? {}), ["enabled", "adaptive"])
    assert.deepStrictEqual(Object.keys(capabilities?.batch ?? {}), ["supported", "note"])
    assert.notStrictEqual(capabilities, isRecord(json) ? json.capabilities : undefined)
  })

  describe("declines what it was not written for", () => {
    const declined: ReadonlyArray<readonly [name: string, text: string]> = [
      ["null", "null"],
      ["an array", "[]"],
      ["a string", "\"page\""],
      ["no data", "{\"first_id\":null,\"last_id\":null,\"has_more\":false}"],
      ["data not an array", "{\"data\":{},\"first_id\":null,\"last_id\":null,\"has_more\":false}"],
      ["has_more a string", "{\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":\"no\"}"],
      ["first_id a number", "{\"data\":[],\"first_id\":1,\"last_id\":null,\"has_more\":false}"],
      ["a model that is null", pageText(["null"])],
      ["a model of another type", pageText([modelText().replace("\"model\"", "\"Model\"")])],
      ["a model without id", pageText([modelText().replace("\"id\":\"m\",", "")])],
      ["max_tokens not an integer", pageText([modelText("\"max_tokens\":1.5")])],
      ["max_tokens unsafe", pageText([modelText("\"max_tokens\":9007199254740992")])],
      ["max_tokens a string", pageText([modelText("\"max_tokens\":\"64000\"")])],
      ["lifecycle a number", pageText([modelText("\"lifecycle\":1")])],
      ["a fallback that is not a string", pageText([modelText("\"allowed_fallback_models\":[\"a\",1]")])],
      ["fallbacks not an array", pageText([modelText("\"allowed_fallback_models\":\"a\"")])],
      ["capabilities an array", pageText([withCapabilities("[]")])],
      ["a capability without supported", pageText([withCapabilities("{\"batch\":{}}")])],
      ["supported not a boolean", pageText([withCapabilities("{\"batch\":{\"supported\":\"yes\"}}")])],
      ["a capability that is a number", pageText([withCapabilities("{\"batch\":1}")])],
      [
        "a nested entry without supported",
        pageText([withCapabilities("{\"effort\":{\"supported\":true,\"high\":{\"x\":1}}}")])
      ],
      [
        "thinking.types an array",
        pageText([withCapabilities("{\"thinking\":{\"supported\":true,\"types\":[]}}")])
      ],
      ["a created_at that is not RFC 3339", pageText([modelText().replace("2025-01-01T00:00:00Z", "2025/01/01")])],
      ["a created_at that is a number", pageText([modelText().replace("\"2025-01-01T00:00:00Z\"", "0")])],
      ["a retires_at the edition refuses", pageText([modelText("\"retires_at\":\"2025-13-45T99:99:99+00:00\"")])]
    ]
    for (const [name, text] of declined) {
      it(name, () => assert.isUndefined(decoder.page(parse(text))))
    }

    it("an explicit undefined, which JSON never sends", () => {
      for (const name of ["max_tokens", "capabilities", "lifecycle", "deprecated_at", "allowed_fallback_models"]) {
        const model = {
          id: "m",
          type: "model",
          display_name: "M",
          created_at: "2025-01-01T00:00:00Z",
          [name]: undefined
        }
        assert.isUndefined(decoder.model(model), name)
      }
      const model = parse(modelText())
      assert.isUndefined(decoder.model(isRecord(model) ? { ...model, capabilities: { batch: undefined } } : model))
    })

    it("objects that JSON.parse does not build", () => {
      const model = parse(modelText())
      const nullPrototype = Object.assign(Object.create(null), model)
      class Model {
        readonly id = "m"
        readonly type = "model"
        readonly display_name = "M"
        readonly created_at = "2025-01-01T00:00:00Z"
      }
      assert.isDefined(decoder.model(model))
      assert.isUndefined(decoder.model(nullPrototype))
      assert.isUndefined(decoder.model(new Model()))
      const bareCapabilities = Object.assign(Object.create(null), { batch: { supported: true } })
      assert.isUndefined(decoder.model({ ...(isRecord(model) ? model : {}), capabilities: bareCapabilities }))
    })

    it("a polluted Object.prototype", () => {
      const json = parse(pageText([withCapabilities("{\"batch\":{}}")]))
      for (const [name, enumerable] of [["supported", false], ["max_tokens", false], ["unrelated", true]] as const) {
        Object.defineProperty(Object.prototype, name, { value: true, configurable: true, enumerable, writable: true })
        try {
          assert.isUndefined(decoder.page(json), name)
        } finally {
          Reflect.deleteProperty(Object.prototype, name)
        }
      }
      assert.isDefined(decoder.page(parse(pageText([modelText()]))))
    })
  })

  describe("timestamps", () => {
    it("gives the constructor the epoch milliseconds of a canonical timestamp, and the text of any other", () => {
      const cases: ReadonlyArray<readonly [text: string, epochMillis: number | undefined]> = [
        ["2025-02-19T00:00:00Z", Date.UTC(2025, 1, 19)],
        ["2025-02-19T12:34:56.789Z", Date.UTC(2025, 1, 19, 12, 34, 56, 789)],
        ["2025-02-19T00:00:00z", undefined],
        ["2025-02-19t00:00:00Z", undefined],
        ["2025-02-19 00:00:00Z", undefined],
        ["2025-02-19T00:00:00.5Z", undefined],
        ["2025-02-19T00:00:00+01:00", undefined]
      ]
      for (const [text, epochMillis] of cases) {
        calls.length = 0
        assert.isDefined(decoder.model(parse(modelText().replace("2025-01-01T00:00:00Z", text))), text)
        assert.deepStrictEqual(calls, [[text, epochMillis]])
      }
    })

    it("never calls the constructor for text the pattern refuses", () => {
      for (const text of ["2025-02-19", "Feb 19 2025", "2025/02/19", "", "+002025-02-19T00:00:00Z"]) {
        calls.length = 0
        assert.isUndefined(decoder.model(parse(modelText().replace("2025-01-01T00:00:00Z", text))), text)
        assert.deepStrictEqual(calls, [])
      }
    })

    it("uses the pattern it is given, whatever its flags", () => {
      const strict = Decode.make({ timestamp: stamp, pattern: /Z$/g })
      const json = parse(modelText("\"retires_at\":\"2026-01-01T00:00:00Z\""))
      // With `g`, a RegExp keeps `lastIndex` between tests; the decoder resets it as a schema does.
      for (let i = 0; i < 3; i++) assert.isDefined(strict.model(json))
      assert.isUndefined(strict.model(parse(modelText().replace("00Z", "00+00:00"))))
    })

    it("declines when the constructor does", () => {
      const none = Decode.make<Stamp>({ timestamp: () => undefined, pattern: Decode.rfc3339Pattern })
      assert.isUndefined(none.page(parse(pageText([modelText()]))))
      assert.isDefined(none.page(parse(pageText([]))))
    })
  })

  describe("__proto__", () => {
    it("ignores one where it reads no key by iterating: the page and the model", () => {
      const text = pageText(
        [modelText("\"__proto__\":{\"max_tokens\":5}")],
        "\"__proto__\":{\"has_more\":true},"
      )
      const page = decoder.page(parse(text))
      assert.isDefined(page)
      assert.strictEqual(page?.has_more, false)
      assert.notProperty(page?.data[0], "max_tokens")
      assert.strictEqual(Object.getPrototypeOf(page?.data[0]), Object.prototype)
    })

    it("declines one under capabilities, at any depth", () => {
      for (
        const capabilities of [
          "{\"__proto__\":{\"pdf_input\":{\"supported\":\"yes\"}},\"batch\":{\"supported\":true}}",
          "{\"batch\":{\"supported\":true,\"__proto__\":{}}}",
          "{\"thinking\":{\"supported\":true,\"types\":{\"__proto__\":{}}}}",
          "{\"future\":{\"y\":[{\"__proto__\":null}]}}",
          `{"future":${deepObject(1000, "{\"__proto__\":1}")}}`
        ]
      ) {
        assert.isUndefined(decoder.page(parse(pageText([withCapabilities(capabilities)]))), capabilities)
      }
    })
  })

  describe("deeply nested JSON never throws", () => {
    const depth = 100_000

    it("declines a deep value where a model or a capability belongs", () => {
      for (
        const text of [
          `{"data":${deepArray(depth)},"first_id":null,"last_id":null,"has_more":false}`,
          pageText([deepArray(depth)]),
          pageText([deepObject(depth)]),
          pageText([withCapabilities(`{"batch":${deepArray(depth)}}`)]),
          pageText([withCapabilities(`{"thinking":{"supported":true,"types":{"adaptive":${deepObject(depth)}}}}`)])
        ]
      ) assert.isUndefined(decoder.page(parse(text)))
    })

    it("keeps a deep value where undeclared fields are kept", () => {
      for (const value of [deepArray(depth), deepObject(depth)]) {
        assert.isDefined(decoder.page(parse(pageText([withCapabilities(`{"future":${value}}`)]))))
        assert.isDefined(
          decoder.page(parse(pageText([
            withCapabilities(`{"thinking":{"supported":true,"types":{"extra":${value}}}}`)
          ])))
        )
        assert.isDefined(decoder.page(parse(pageText([modelText(`"future":${value}`)], `"future":${value},`))))
      }
    })

    it("withoutProtoKeys copies a deep value without recursion", () => {
      const json = parse(deepObject(depth, "{\"__proto__\":{\"x\":1},\"y\":[2]}"))
      const copy = Decode.withoutProtoKeys(json)
      let node: unknown = copy
      for (let i = 0; i < depth; i++) node = isRecord(node) ? node.a : undefined
      assert.deepStrictEqual(node, { y: [2] })
      assert.isFalse(isRecord(node) && Object.hasOwn(node, "__proto__"))
    })
  })
})

describe("Decode.withoutProtoKeys", () => {
  it("returns the value itself when there is no __proto__ key", () => {
    const clean = parse("{\"b\":[1,{\"c\":null}],\"a\":\"x\"}")
    assert.strictEqual(Decode.withoutProtoKeys(clean), clean)
    for (const primitive of [null, 1, "__proto__", true, undefined]) {
      assert.strictEqual(Decode.withoutProtoKeys(primitive), primitive)
    }
  })

  it("copies, in key order, without every __proto__ key, and leaves the input alone", () => {
    const dirty = parse("{\"b\":[1,{\"__proto__\":2,\"c\":null}],\"__proto__\":{},\"a\":\"x\"}")
    const copy = Decode.withoutProtoKeys(dirty)
    assert.strictEqual(JSON.stringify(copy), "{\"b\":[1,{\"c\":null}],\"a\":\"x\"}")
    assert.isTrue(Array.isArray(isRecord(copy) ? copy.b : undefined))
    assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
    assert.isTrue(isRecord(dirty) && Object.hasOwn(dirty, "__proto__"))
  })

  it("keeps prototype-less objects prototype-less, and shared or cyclic values shared", () => {
    const bare: { [key: string]: unknown } = Object.create(null)
    Object.defineProperty(bare, "__proto__", { value: 1, enumerable: true, configurable: true, writable: true })
    bare.kept = 2
    const shared = { s: 1 }
    const root: { [key: string]: unknown } = { bare, left: shared, right: shared }
    root.self = root
    const copy = Decode.withoutProtoKeys(root)
    assert.isTrue(isRecord(copy))
    if (!isRecord(copy)) return
    assert.notStrictEqual(copy, root)
    assert.strictEqual(copy.self, copy)
    assert.strictEqual(copy.left, copy.right)
    assert.strictEqual(Object.getPrototypeOf(copy.bare), null)
    assert.deepStrictEqual(Object.keys(isRecord(copy.bare) ? copy.bare : {}), ["kept"])
  })
})

describe("Decode.canonicalEpochMillis", () => {
  it("is Date.parse's number for the API's form, over every day of some years", () => {
    for (const year of [100, 1970, 1999, 2000, 2024, 2025, 2100, 9999]) {
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
        const iso = new Date(day + 45_296_789).toISOString()
        assert.strictEqual(Decode.canonicalEpochMillis(iso), Date.parse(iso), iso)
        const seconds = iso.replace(/\.\d{3}Z$/, "Z")
        assert.strictEqual(Decode.canonicalEpochMillis(seconds), Date.parse(seconds), seconds)
      }
    }
  })

  it("is undefined for any other form, and for fields out of range", () => {
    for (
      const text of [
        "2025-02-19T00:00:00z",
        "2025-02-19t00:00:00Z",
        "2025-02-19 00:00:00Z",
        "2025-02-19T00:00:00+00:00",
        "2025-02-19T00:00:00.1Z",
        "2025-02-19T00:00:00.12Z",
        "2025-02-19T00:00:00.1234Z",
        "2025-02-19T00:00:00.Z",
        "2025-02-19",
        "0050-01-01T00:00:00Z",
        "2025-00-01T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-02-29T00:00:00Z",
        "2025-04-31T00:00:00Z",
        "2025-01-00T00:00:00Z",
        "2025-01-01T24:00:00Z",
        "2025-01-01T23:60:00Z",
        "2025-01-01T23:59:60Z",
        "2025-0a-01T00:00:00Z",
        "2025-01-01T00:00:00.0a0Z",
        "2025-01-01X00:00:00Z",
        "+02025-01-01T00:00:00Z",
        ""
      ]
    ) assert.isUndefined(Decode.canonicalEpochMillis(text), text)
    assert.strictEqual(Decode.canonicalEpochMillis("2024-02-29T00:00:00Z"), Date.UTC(2024, 1, 29))
    assert.strictEqual(Decode.canonicalEpochMillis("2000-02-29T00:00:00Z"), Date.UTC(2000, 1, 29))
    assert.isUndefined(Decode.canonicalEpochMillis("2100-02-29T00:00:00Z"))
  })
})

describe("Decode.rfc3339Pattern", () => {
  it("accepts RFC 3339 date-times and nothing looser", () => {
    for (
      const text of ["2025-02-19T00:00:00Z", "2025-02-19t00:00:00.123456z", "2025-02-19 00:00:00-05:30"]
    ) assert.isTrue(Decode.rfc3339Pattern.test(text), text)
    for (
      const text of ["2025-02-19", "2025/02/19", "Feb 19 2025", "2025-02-19T00:00Z", "2025-02-19T00:00:00", ""]
    ) assert.isFalse(Decode.rfc3339Pattern.test(text), text)
  })
})

describe("Decode.fastPathFields", () => {
  it("lists each field once, from the page down to the nested capability entries", () => {
    const fields = Decode.fastPathFields
    assert.strictEqual(new Set(fields).size, fields.length)
    for (
      const path of [
        "data",
        "has_more",
        "data.created_at",
        "data.allowed_fallback_models",
        "data.capabilities.batch.supported",
        "data.capabilities.effort.xhigh.supported",
        "data.capabilities.thinking.types",
        "data.capabilities.thinking.types.between_tools.supported"
      ]
    ) assert.include(fields, path)
  })
})
