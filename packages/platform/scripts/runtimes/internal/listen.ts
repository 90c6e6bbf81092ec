/**
 * The driver's own HTTP servers (the page server and the redirect servers),
 * each an Effect `HttpApp` on `NodeHttpServer`, on 127.0.0.1 and a free port.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"

/**
 * Serves `makeApp(url)` until the scope closes and succeeds with the server's
 * `http://127.0.0.1:PORT`, which the app gets too, for absolute `Location`s.
 */
export const listen = <E>(
  makeApp: (url: string) => HttpApp.Default<E>
): Effect.Effect<string, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const server = yield* NodeHttpServer.make(() => Http.createServer(), { port: 0, host: "127.0.0.1" })
    const address = server.address
    if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("the server listens on a Unix socket")
    const url = `http://127.0.0.1:${address.port}`
    yield* server.serve(makeApp(url))
    return url
  })
