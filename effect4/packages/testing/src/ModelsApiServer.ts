/**
 * The Models API on a real HTTP server on 127.0.0.1, for demos, browsers and
 * other runtimes. It answers exactly as `ModelsApiMock` does (one
 * implementation serves both), sends CORS headers as the API does for direct
 * browser access, and counts connections so tests can see reuse and leaks.
 * It serves through `effect/http` on `@effect/platform-node`'s Node server.
 *
 * @since 1.0.0
 */
import * as MockApi from "@anthropic-effect/protocol/MockApi"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpMiddleware from "effect/http/HttpMiddleware"
import type * as HttpServerError from "effect/http/HttpServerError"
import * as HttpServerRequest from "effect/http/HttpServerRequest"
import * as HttpServerResponse from "effect/http/HttpServerResponse"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import { type ApiOptions, makeMockApi } from "./internal/mockApi.js"

/**
 * Where to listen, and the mock API's options (catalogue, key, faults).
 *
 * @since 1.0.0
 * @category models
 */
export interface ServeOptions extends ApiOptions {
  /** Default 0: any free port. The host is always 127.0.0.1. */
  readonly port?: number | undefined
}

/**
 * The API's counters plus the server's connection counts.
 *
 * @since 1.0.0
 * @category models
 */
export interface ServerStats extends MockApi.Stats {
  /** TCP connections accepted since the start. */
  readonly connections: number
  /** TCP connections open now. */
  readonly openConnections: number
}

/**
 * A running server.
 *
 * @since 1.0.0
 * @category models
 */
export interface RunningServer {
  /** `http://127.0.0.1:PORT`, to use as the client's base URL. */
  readonly url: string
  readonly port: number
  readonly stats: Effect.Effect<ServerStats>
}

/**
 * The tag of a running server, for `layer`.
 *
 * @since 1.0.0
 * @category tags
 */
export class ModelsApiServer extends Context.Service<ModelsApiServer, RunningServer>()(
  "@anthropic-effect/testing/ModelsApiServer"
) {}

// Ordinary responses get only allow-origin and expose-headers: the rest of
// the policy matters to browsers on preflights alone.
const cors = HttpMiddleware.cors({
  allowedMethods: MockApi.cors.allowedMethods,
  allowedHeaders: MockApi.cors.allowedHeaders,
  exposedHeaders: MockApi.cors.exposedHeaders,
  maxAge: MockApi.cors.maxAgeSeconds
})

const toServerResponse = (reply: MockApi.HttpReply) => {
  const { "content-type": contentType, ...headers } = reply.headers
  return HttpServerResponse.text(reply.body, {
    status: reply.status,
    headers,
    contentType: contentType ?? "application/json"
  })
}

/**
 * Starts the server; it stops when the scope closes.
 *
 * @example
 * import { Models } from "@anthropic-effect/core"
 * import * as NodeModels from "@anthropic-effect/platform/node"
 * import { ModelsApiServer } from "@anthropic-effect/testing"
 * import { Effect } from "effect"
 *
 * // The real Node client against the mock on 127.0.0.1, with a fake key.
 * const program = Effect.gen(function*() {
 *   const server = yield* ModelsApiServer.serve({ apiKey: "sk-ant-test" })
 *   return yield* Models.list({ limit: 5 }).pipe(
 *     Effect.provide(NodeModels.layer({ apiKey: "sk-ant-test", baseUrl: server.url }))
 *   )
 * })
 *
 * Effect.runPromise(Effect.scoped(program)).then((page) => {
 *   assert.strictEqual(page.data.length, 5)
 * })
 *
 * @since 1.0.0
 * @category constructors
 */
export const serve = (
  options: ServeOptions = {}
): Effect.Effect<RunningServer, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const api = makeMockApi(options)
    let connections = 0
    let openConnections = 0
    const nodeServer = Http.createServer()
    nodeServer.on("connection", (socket) => {
      connections++
      openConnections++
      socket.once("close", () => openConnections--)
    })
    const server = yield* NodeHttpServer.make(() => nodeServer, { port: options.port ?? 0, host: "127.0.0.1" })
    // Effect 4's addresses are InetAddressV4/V6 (Effect 3: TcpAddress); a TCP listen always has a port.
    const address = server.address
    const port = address._tag === "UnixPathAddress" ? 0 : address.port
    const url = `http://127.0.0.1:${port}`

    const app = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const outcome = api.respond({ method: request.method, url: new URL(request.url, url), headers: request.headers })
      switch (outcome._tag) {
        case "Reset": {
          // Drop the socket without a response, as a crashed proxy would.
          NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
          return yield* Effect.interrupt
        }
        case "Delay":
          yield* Effect.sleep(outcome.millis)
          return toServerResponse(outcome.reply)
        case "Reply":
          return toServerResponse(outcome.reply)
      }
    })
    // Effect 4 runs a bare app uninterruptibly (only HttpRouter's routes are
    // made interruptible). A client that hangs up must end a slow fault's wait,
    // as it does in Effect 3, or the scope's close would wait for it.
    // The middleware answers every preflight itself, before the mock sees it.
    yield* server.serve(Effect.interruptible(app), cors)
    return {
      url,
      port,
      stats: Effect.sync(() => ({ ...api.stats(), connections, openConnections }))
    }
  })

/**
 * A server for the lifetime of the layer.
 *
 * @since 1.0.0
 * @category layers
 */
export const layer = (options: ServeOptions = {}): Layer.Layer<ModelsApiServer, HttpServerError.ServeError> =>
  Layer.effect(ModelsApiServer, serve(options))
