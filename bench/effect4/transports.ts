/**
 * The Effect 4 edition over each Node transport, built from core's layers the
 * way an application does without `@anthropic-effect/platform`: undici
 * through `@effect/platform-node`, Node's own `node:http` through the same
 * package, and Node's global `fetch` through
 * `effect/http/FetchHttpClient`. `decodePage` is core's page decoder, for 1c.
 */
import * as Models from "@anthropic-effect/core/Models"
import * as ModelsConfig from "@anthropic-effect/core/ModelsConfig"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import { apiKey } from "../peers/peer.js"
import { type LayerFor, makePeer } from "./peer.js"

export { decodePage } from "./decode.js"

const over = (httpClient: Layer.Layer<HttpClient.HttpClient>): LayerFor => (baseUrl) =>
  Models.layer.pipe(
    Layer.provide(ModelsConfig.layer({ apiKey, baseUrl })),
    Layer.provide(httpClient)
  )

export const undici = makePeer("ours e4 undici", over(NodeHttpClient.layerUndici))
export const fetch = makePeer("ours e4 fetch", over(FetchHttpClient.layer))
export const nodeHttp = makePeer("ours e4 node:http", over(NodeHttpClient.layerNodeHttp))

/** Every peer of this module, in the tables' order. */
export const peers = [undici, fetch, nodeHttp]
