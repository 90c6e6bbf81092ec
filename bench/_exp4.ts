import * as Schema from "effect/Schema"
import * as Either from "effect/Either"
import { ModelsPage } from "@anthropic-effect/core/ModelInfo"
import * as D from "../packages/core/src/internal/decode.js"
import { pageJson } from "./catalogue.js"
import * as assert from "node:assert"

const body = pageJson(0, 1000, true)
const decode = Schema.decodeUnknownEither(ModelsPage)
const time = (name: string, f: () => unknown, n = 300) => {
  for (let i = 0; i < 100; i++) f()
  const t = performance.now()
  for (let i = 0; i < n; i++) f()
  console.log(name, ((performance.now() - t) / n).toFixed(3), "ms")
}
const json = JSON.parse(body)
const a = decode(json), b = D.decodePage(json)
assert.deepStrictEqual(b, a)
console.log(JSON.stringify(Either.getOrThrow(a)) === JSON.stringify(Either.getOrThrow(b)))
time("JSON.parse", () => JSON.parse(body))
time("schema decode", () => decode(json))
time("fast decode", () => D.decodePage(json))
time("parse+fast", () => D.decodePage(JSON.parse(body)))
