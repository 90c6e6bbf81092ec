/**
 * The servers of the redirect checks. One answers `/same/v1/models` with a 307
 * to `/v2/models` on its own origin, where it serves a page, and
 * `/cross/v1/models` with a 302 to the other server, whose different port
 * makes it another origin. Both answer CORS preflights, for the browser.
 */
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import {
  API_KEY,
  CATALOGUE_SIZE,
  REDIRECT_CROSS_STATUS,
  REDIRECT_SAME_STATUS,
  type Target
} from "../../../test/acceptance/acceptance.js"
import { listen } from "./listen.js"

/** What the redirect servers were asked. */
export interface RedirectStats {
  /** Requests for the same-origin redirect. */
  readonly same: number
  /** Requests for its target: what a client that followed the redirect sent. */
  readonly followed: number
  /** Requests for the cross-origin redirect. */
  readonly cross: number
  /** Every request the other origin received, preflights included. */
  readonly elsewhere: number
}

export interface RedirectServers {
  readonly target: Pick<Target, "redirectSameUrl" | "redirectCrossUrl" | "elsewhereUrl">
  readonly stats: Effect.Effect<RedirectStats>
}

const models = synthetic(CATALOGUE_SIZE)

// The browser sends the client's own headers (x-api-key, anthropic-version, …);
// with no list given, the middleware allows whatever the preflight asks for.
const cors = HttpMiddleware.cors({ allowedMethods: ["GET"] })

/** The request's query string, `?…` or empty, to carry over to the redirect's target. */
const search = (request: HttpServerRequest.HttpServerRequest, base: string) => new URL(request.url, base).search

/** The first `limit` models of the catalogue, as the API lists them. */
const page = (request: HttpServerRequest.HttpServerRequest, base: string) => {
  const limit = Number(new URL(request.url, base).searchParams.get("limit") ?? "20")
  const data = models.slice(0, limit)
  return HttpServerResponse.unsafeJson({
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: data.length < models.length
  })
}

/** Both servers, until the scope closes. */
export const serveRedirects: Effect.Effect<RedirectServers, HttpServerError.ServeError, Scope.Scope> = Effect.gen(
  function*() {
    const stats = { same: 0, followed: 0, cross: 0, elsewhere: 0 }
    // It serves a page, so that a client that followed the redirect shows up
    // as a listing that should have failed rather than as some other error.
    const elsewhereUrl = yield* listen((url) =>
      Effect.zipRight(
        Effect.sync(() => stats.elsewhere++),
        cors(Effect.map(HttpServerRequest.HttpServerRequest, (request) => page(request, url)))
      )
    )
    const redirectUrl = yield* listen((url) =>
      HttpRouter.empty.pipe(
        HttpRouter.get(
          "/same/v1/models",
          Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
            stats.same++
            return HttpServerResponse.redirect(`${url}/v2/models${search(request, url)}`, {
              status: REDIRECT_SAME_STATUS
            })
          })
        ),
        HttpRouter.get(
          "/v2/models",
          Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
            stats.followed++
            // The hop stays on the origin the key was configured for, so the key must come along.
            return request.headers["x-api-key"] === API_KEY
              ? page(request, url)
              : HttpServerResponse.unsafeJson({
                type: "error",
                error: { type: "authentication_error", message: "x-api-key was not carried over the redirect" }
              }, { status: 401 })
          })
        ),
        HttpRouter.get(
          "/cross/v1/models",
          Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
            stats.cross++
            return HttpServerResponse.redirect(`${elsewhereUrl}/v1/models${search(request, url)}`, {
              status: REDIRECT_CROSS_STATUS
            })
          })
        ),
        cors
      )
    )
    return {
      target: { redirectSameUrl: `${redirectUrl}/same`, redirectCrossUrl: `${redirectUrl}/cross`, elsewhereUrl },
      stats: Effect.sync(() => ({ ...stats }))
    }
  }
)
