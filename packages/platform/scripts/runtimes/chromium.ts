/**
 * Headless Chromium: the chromium on the PATH (Debian's, never a download),
 * driven by playwright-core, loads an esbuild bundle from a page server on
 * its own port, so every call to the API and redirect servers is cross-origin.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Path from "@effect/platform/Path"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { API_KEY, targetToQuery } from "../../test/acceptance/acceptance.js"
import { nodeBuiltinImports } from "../internal/esbuild.js"
import type { Edition } from "./internal/edition.js"
import { listen } from "./internal/listen.js"
import { buildBundle, RunFailure, type RunResult, type Runtime } from "./internal/runtime.js"
import { withServers } from "./internal/servers.js"

/** Debian calls it `chromium`; Ubuntu and others, `chromium-browser`. */
const CHROMIUM_NAMES = ["chromium", "chromium-browser"]

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run"
]

const PAGE = "<!doctype html><html><head><meta charset=\"utf-8\"><title>runtime acceptance</title></head>" +
  "<body><script type=\"module\" src=\"/acceptance.js\"></script></body></html>"

/** The first of `CHROMIUM_NAMES` that is an executable file in a directory of the PATH. */
const findChromium: Effect.Effect<string, RunFailure, FileSystem.FileSystem | Path.Path> = Effect.gen(function*() {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const dirs = (process.env["PATH"] ?? "").split(":").filter((dir) => dir !== "")
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name)
      const info = yield* Effect.option(fs.stat(candidate))
      if (Option.isSome(info) && info.value.type === "File" && (info.value.mode & 0o111) !== 0) return candidate
    }
  }
  return yield* new RunFailure({
    message: `no ${CHROMIUM_NAMES.join(" or ")} on the PATH; install one (Debian: apt-get install -y chromium)`
  })
})

/** The page and the bundle, on a port (so an origin) of their own. */
const servePage = (script: Uint8Array) =>
  listen(() =>
    HttpRouter.empty.pipe(
      HttpRouter.get("/", Effect.succeed(HttpServerResponse.html(PAGE))),
      HttpRouter.get(
        "/acceptance.js",
        Effect.succeed(HttpServerResponse.uint8Array(script, { contentType: "text/javascript; charset=utf-8" }))
      )
    )
  ).pipe(
    Effect.catchTag("ServeError", (error) => Effect.fail(new RunFailure({ message: `page server: ${String(error)}` })))
  )

interface SeenRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

export const chromium = (edition: Edition): Runtime => ({
  name: "chromium",
  required: true,
  run: Effect.scoped(
    Effect.gen(function*() {
      const executablePath = yield* findChromium
      const built = yield* buildBundle(edition, "test/acceptance/browser.ts", "browser")
      const builtins = nodeBuiltinImports(built.metafile)
      if (builtins.length > 0) {
        return { ok: false, line: `chromium: FAIL Node built-ins in the browser bundle: ${builtins.join(", ")}` }
      }
      const pageUrl = yield* servePage(built.code)
      const pageOrigin = new URL(pageUrl).origin
      // Loaded here, not at the top: it takes seconds, and the other runtimes do not need it.
      const { chromium } = yield* Effect.promise(() => import("playwright-core"))
      const browser = yield* Effect.acquireRelease(
        Effect.tryPromise({
          // playwright-core never downloads a browser; it starts the one found
          // with a fresh temporary profile of its own.
          try: () => chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 }),
          catch: (error) => new RunFailure({ message: `cannot launch ${executablePath}: ${String(error)}` })
        }),
        (browser) => Effect.promise(() => browser.close())
      )
      return yield* withServers("opaque", (target) =>
        Effect.tryPromise({
          try: async (): Promise<RunResult> => {
            const page = await browser.newPage()
            const log: Array<string> = []
            const seen: Array<Promise<SeenRequest>> = []
            page.on("console", (message) => log.push(`console.${message.type()}: ${message.text()}`))
            page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`))
            page.on("requestfailed", (request) =>
              log.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`))
            page.on("request", (request) => {
              const url = request.url()
              // A redirect's follow-up is announced even under `redirect: "manual"`,
              // then aborted unsent; the redirect servers' counters show it never arrived.
              if (new URL(url).origin !== pageOrigin && request.redirectedFrom() === null) {
                seen.push(request.allHeaders().then((headers) => ({ url, headers })))
              }
            })
            await page.goto(`${pageUrl}/?${targetToQuery(target)}`, { timeout: 30_000 })
            await page.waitForFunction(
              () =>
                document.body.dataset["status"] !== undefined,
              undefined,
              {
                timeout: 60_000
              }
            )
            const status = await page.evaluate(() => document.body.dataset["status"])
            const line = await page.evaluate(() => document.body.dataset["result"] ?? "")
            const detail = log.join("\n")
            if (status !== "ok") return { ok: false, line, detail }
            // What the page sent to the other origins, as the browser put it on the wire.
            const requests = await Promise.all(seen)
            const wrong = requests.filter(({ headers }) =>
              headers["anthropic-dangerous-direct-browser-access"] !== "true" ||
              headers["x-api-key"] !== API_KEY ||
              headers["origin"] !== pageOrigin ||
              "traceparent" in headers ||
              "b3" in headers
            )
            if (wrong.length > 0) {
              return { ok: false, line: `${line} [driver: ${wrong.length} requests with wrong headers]`, detail }
            }
            // The API servers' share: the redirect servers count their own requests.
            const api = requests.filter(({ url }) => url.startsWith(target.apiUrl) || url.startsWith(target.retryUrl))
            return { ok: true, line: `${line} crossOrigin=${api.length} requests`, detail }
          },
          catch: (error) => new RunFailure({ message: `chromium: ${String(error)}` })
        }))
    })
  )
})
