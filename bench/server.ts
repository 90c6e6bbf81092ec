/**
 * The loopback Models API every peer talks to: a plain `node:http` server over
 * the synthetic catalogue. Each scenario picks its catalogue size and per-page
 * latency through a path prefix, `/c/{size}/l/{ms}`, so one server (in its own
 * process, so it never shares a core or a heap with the client under test)
 * serves every scenario, and every client is pointed at it through its ordinary
 * base URL option.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { indexOfId, modelJson, pageBody, pageRange } from "./catalogue.js"

export interface Server {
  readonly port: number
  readonly close: () => Promise<void>
}

/** The base URL for a catalogue of `size` models with `latencyMs` added to every response. */
export const baseUrlFor = (port: number, size: number, latencyMs = 0): string =>
  `http://127.0.0.1:${port}/c/${size}/l/${latencyMs}`

const route = /^\/c\/(\d+)\/l\/(\d+)\/v1\/models(?:\/([^/?]+))?(?:\?(.*))?$/

// Page bodies are kept so that repeated runs measure the clients, not the
// server's string building. The cap holds the whole million-model catalogue
// (about 740 MB, outside the V8 heap, in the server's process only).
const cacheLimitBytes = 1200 * 1024 * 1024
// Bodies are kept encoded, so a cached page costs the server one socket write.
const cache = new Map<string, Buffer>()
let cachedBytes = 0

const remember = (key: string, body: Buffer): Buffer => {
  while (cachedBytes + body.length > cacheLimitBytes && cache.size > 0) {
    const oldest = cache.keys().next().value
    if (oldest === undefined) break
    cachedBytes -= cache.get(oldest)?.length ?? 0
    cache.delete(oldest)
  }
  cache.set(key, body)
  cachedBytes += body.length
  return body
}

const notFound = (message: string): Buffer =>
  Buffer.from(
    JSON.stringify({ type: "error", error: { type: "not_found_error", message }, request_id: "req_bench_404" })
  )

let requestCount = 0

const answer = (url: string): { readonly status: number; readonly body: Buffer; readonly latency: number } => {
  const match = route.exec(url)
  if (match === null) return { status: 404, body: notFound(`No route for ${url}`), latency: 0 }
  const size = Number(match[1])
  const latency = Number(match[2])
  const id = match[3]
  if (id !== undefined) {
    const index = indexOfId(decodeURIComponent(id), size)
    return index < 0
      ? { status: 404, body: notFound(`model: ${id}`), latency }
      : { status: 200, body: Buffer.from(modelJson(index)), latency }
  }
  const query = new URLSearchParams(match[4] ?? "")
  const range = pageRange(size, query)
  if (range === undefined) return { status: 404, body: notFound("unknown cursor"), latency }
  const key = `${size}:${range.start}:${range.end}:${range.hasMore}`
  const body = cache.get(key) ?? remember(key, pageBody(range.start, range.end, range.hasMore))
  return { status: 200, body, latency }
}

export const serve = (port = 0): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = Http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
      const { body, latency, status } = answer(request.url ?? "/")
      const send = () => {
        response.writeHead(status, {
          "content-type": "application/json",
          "content-length": body.length,
          "request-id": `req_bench_${++requestCount}`
        })
        response.end(body)
      }
      // Drain the request first so that keep-alive sockets are reused at once.
      request.resume()
      if (latency > 0) setTimeout(send, latency)
      else send()
    })
    server.maxHeadersCount = 64
    server.on("error", reject)
    server.listen(port, "127.0.0.1", () => {
      const address: AddressInfo | string | null = server.address()
      if (address === null || typeof address === "string") return reject(new Error("server has no TCP address"))
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
