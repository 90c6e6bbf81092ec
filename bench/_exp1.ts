import * as Schema from "effect/Schema"
import { ModelsPage } from "@anthropic-effect/core/ModelInfo"
import { pageJson } from "./catalogue.js"

const body = pageJson(0, 1000, true)
console.log("body bytes", body.length)
const decode = Schema.decodeUnknownEither(ModelsPage)
const time = (name: string, f: () => unknown, n = 200) => {
  for (let i = 0; i < 50; i++) f()
  const t = performance.now()
  for (let i = 0; i < n; i++) f()
  console.log(name, ((performance.now() - t) / n).toFixed(3), "ms")
}
const json = JSON.parse(body)
time("JSON.parse", () => JSON.parse(body))
time("decode", () => decode(json))
time("parse+decode", () => decode(JSON.parse(body)))
